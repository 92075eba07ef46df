/**
 * A discrete-event simulation of a branch day: visitors arrive, open counters call by the real call rule
 * (core/src/queue: work profiles with weights, priorities, appointments, overdue tickets), each visitor keeps
 * the counter for a drawn handle time. Pure and deterministic: every draw comes from the caller's seeded RNG.
 */
import type { Priority, ProfileEntry, Ticket } from '../domain';
import { chooseNext, type RecentCall } from '../queue/next-ticket';
import { DEFAULT_QUEUE_RULES, waitStart, type QueueRules } from '../queue/rules';

/** A visitor the simulation lets in at `at`; an appointment carries its slot. */
export interface SimArrival {
  serviceId: string;
  at: number;
  priority: Priority | null;
  slotAt: number | null;
}

/** A counter of the simulation: its work profile and when it is open ([from, to) stretches, sorted). */
export interface SimCounter {
  id: string;
  profile: ProfileEntry[];
  open: readonly (readonly [number, number])[];
  /** Busy with a visitor already there until this moment (the simulation starting mid-day). */
  busyUntil?: number;
}

export interface SimInput {
  start: number;
  /** Closing time: counters open then stay open until everyone waiting has been called. */
  end: number;
  arrivals: readonly SimArrival[];
  /** Tickets already waiting at `start`. */
  waiting?: readonly SimArrival[];
  counters: readonly SimCounter[];
  /** Draws one handle time (call to end), ms, for a visitor of `serviceId`. */
  handleMs: (serviceId: string) => number;
  rules?: QueueRules;
}

/** One simulated visitor: when its wait started and when it was called (null: never, no counter serves it). */
export interface SimVisit {
  serviceId: string;
  arrivedAt: number;
  waitFrom: number;
  calledAt: number | null;
  counterId: string | null;
}

const BRANCH = 'sim';

function toTicket(a: SimArrival, i: number): Ticket {
  return {
    id: `s${String(i).padStart(7, '0')}`,
    branchId: BRANCH,
    serviceId: a.serviceId,
    day: '',
    seq: i,
    number: '',
    state: 'waiting',
    priority: a.priority,
    counterId: null,
    appointmentId: a.slotAt === null ? null : `a${i}`,
    slotAt: a.slotAt,
    arrivedAt: a.at,
    calledAt: null,
    startedAt: null,
    endedAt: null,
    outcome: null,
  };
}

const isOpen = (c: SimCounter, t: number, end: number, lateOpen: boolean) =>
  c.open.some(([a, b]) => a <= t && t < b) || (lateOpen && t >= end && c.open.some(([a, b]) => a < end && b >= end));

/** Runs the day; returns every visitor (those waiting at the start first, then the arrivals in order). */
export function simulate(input: SimInput): SimVisit[] {
  const rules = input.rules ?? DEFAULT_QUEUE_RULES;
  const all = [...(input.waiting ?? []), ...input.arrivals];
  const tickets = all.map(toTicket);
  const visits: SimVisit[] = tickets.map((t) => ({ serviceId: t.serviceId, arrivedAt: t.arrivedAt, waitFrom: waitStart(t, rules), calledAt: null, counterId: null }));
  const index = new Map(tickets.map((t, i) => [t.id, i]));
  const waiting: Ticket[] = [];
  const before = input.waiting?.length ?? 0;
  for (let i = 0; i < before; i++) waiting.push(tickets[i]!);
  const counters = input.counters.map((c) => ({
    sim: c,
    counter: { id: c.id, branchId: BRANCH, number: 0, name: { ar: '', en: '' }, open: true, profile: c.profile },
    freeAt: Math.max(input.start, c.busyUntil ?? input.start),
    recent: [] as RecentCall[],
  }));
  // Moments a counter opens matter too: a counter opening at 10:00 calls at once.
  const openings = input.counters.flatMap((c) => c.open.map(([a]) => a)).filter((a) => a > input.start).sort((a, b) => a - b);
  let next = before;
  let oi = 0;
  let now = input.start;
  for (let guard = 0; guard < 10_000_000; guard++) {
    // Admit everyone who has arrived by now, then let every free open counter call, longest free first.
    while (next < tickets.length && tickets[next]!.arrivedAt <= now) waiting.push(tickets[next++]!);
    const free = counters.filter((c) => c.freeAt <= now && isOpen(c.sim, now, input.end, waiting.length > 0)).sort((a, b) => a.freeAt - b.freeAt);
    for (const c of free) {
      if (waiting.length === 0) break;
      const t = chooseNext(waiting, c.counter, now, rules, c.recent);
      if (t === null) continue;
      waiting.splice(waiting.indexOf(t), 1);
      const v = visits[index.get(t.id)!]!;
      v.calledAt = now;
      v.counterId = c.sim.id;
      c.recent.push({ serviceId: t.serviceId });
      if (c.recent.length > 64) c.recent.shift();
      c.freeAt = now + Math.max(1, input.handleMs(t.serviceId));
    }
    // The next moment anything can change: an arrival, a counter coming free, a counter opening.
    while (oi < openings.length && openings[oi]! <= now) oi++;
    const candidates = [
      next < tickets.length ? tickets[next]!.arrivedAt : Infinity,
      oi < openings.length ? openings[oi]! : Infinity,
      ...counters.filter((c) => c.freeAt > now).map((c) => c.freeAt),
    ];
    const t = Math.min(...candidates);
    if (t === Infinity) break;
    if (waiting.length === 0 && next >= tickets.length) break;
    now = t;
  }
  return visits;
}
