/**
 * The simulation's check of the staffing advice: the rest of the day run with the counters open now and with the
 * advised counters from the next whole hour (the real call rule, arrivals and handle times drawn from the same
 * weekday's history, seeded), and — where the advice misses the target or over-provides — the fewest counters
 * that meet it in the simulation. Where Erlang C and the simulation disagree, the reasons are the ways the
 * branch differs from Erlang C's model. Pure.
 */
import type { Counter, ProfileEntry, Ticket } from '../domain';
import { DEFAULT_QUEUE_RULES, type QueueRules } from '../queue/rules';
import { variation, type Forecast } from './forecast';
import { simulate, type SimArrival, type SimCounter, type SimVisit } from './simulate';
import { comingHours, targetFor, type StaffingHour, type StaffingInput } from './staffing';
import { exponential, nearestRank, seededRandom } from './stats';

const MIN = 60_000;

/** Why the simulation's answer differs from Erlang C's (the model assumes none of these). */
export type DisagreeReason = 'shared_counters' | 'priorities' | 'appointments' | 'queue_now' | 'service_times';

/** A plan's simulated outcome for the visitors who arrive from the plan's first hour. */
export interface SimulatedPlan {
  /** Counters open from the plan's first hour to closing. */
  counters: number;
  /** 90th percentile wait, ms; null when more than a tenth would never be called (no open counter serves them). */
  p90WaitMs: number | null;
  /** Visitors simulated (over all replications) and those never called. */
  visitors: number;
  neverCalled: number;
  /** Every service met its target. */
  met: boolean;
}

export interface StaffingCheck {
  /** The hour the advice takes effect (the next whole hour, or opening). */
  from: number;
  replications: number;
  /** Nothing changes: the counters open now. */
  asIs: SimulatedPlan;
  /** Erlang C's advice: the counters its busiest coming hour needs, from `from` to closing. */
  advice: SimulatedPlan;
  /** The fewest counters from `from` to closing that meet every service's target in the simulation. */
  answer: SimulatedPlan;
  agrees: boolean;
  reasons: DisagreeReason[];
}

export interface CheckInput extends StaffingInput {
  hours: readonly StaffingHour[];
  /** Tickets waiting now. */
  waiting: readonly Ticket[];
  rules?: QueueRules;
  seed?: number;
  replications?: number;
}

/** Draws the rest of the day's arrivals from the forecast (Poisson per service and hour; who comes as they came). */
function drawArrivals(input: CheckInput, forecast: Forecast, random: () => number): SimArrival[] {
  const out: SimArrival[] = [];
  for (const { hour, from, to } of comingHours(input.now, input.timeZone, input.opensAt, input.closesAt)) {
    for (const s of input.services) {
      const f = forecast.services.get(s.id);
      const rate = f?.perHour[hour] ?? 0;
      if (!f || rate <= 0) continue;
      const kinds = f.kinds[hour]!.length ? f.kinds[hour]! : f.kinds.flat();
      for (let at = from + exponential(random, 3_600_000 / rate); at < to; at += exponential(random, 3_600_000 / rate)) {
        const k = kinds.length ? kinds[Math.floor(random() * kinds.length)]! : { priority: null, slotLeadMs: null };
        out.push({ serviceId: s.id, at: Math.round(at), priority: k.priority, slotAt: k.slotLeadMs === null ? null : Math.round(at + k.slotLeadMs) });
      }
    }
  }
  return out.sort((a, b) => a.at - b.at);
}

/** Counters in the order a plan opens them: those open now, then the closed ones, then stand-ins serving every service. */
function counterOrder(input: CheckInput, upTo: number): { id: string; profile: ProfileEntry[] }[] {
  const byNumber = [...input.counters].sort((a, b) => a.number - b.number);
  const list: { id: string; profile: ProfileEntry[] }[] = [...byNumber.filter((c) => c.open), ...byNumber.filter((c) => !c.open)];
  const every = input.services.map((s, position) => ({ serviceId: s.id, position, weight: 1 }));
  for (let i = 1; list.length < upTo; i++) list.push({ id: `extra-${i}`, profile: every });
  return list;
}

/** The simulated counters of a plan: as now until `from`, then the first `n` counters of {@link counterOrder} (null: as now). */
function planCounters(input: CheckInput, end: number, from: number, n: number | null): SimCounter[] {
  const openNow = new Set(input.counters.filter((c) => c.open).map((c) => c.id));
  return counterOrder(input, n ?? 0).map((c, i) => {
    const open: [number, number][] = [];
    if (n === null) {
      if (openNow.has(c.id)) open.push([input.now, end]);
    } else {
      if (openNow.has(c.id) && from > input.now) open.push([input.now, from]);
      if (i < n) open.push([from, end]);
    }
    return { id: c.id, profile: c.profile, open };
  });
}

/** Runs a plan over the replications; judges the visitors who arrived from `from`. */
function runPlan(input: CheckInput, end: number, from: number, n: number | null, draws: SimArrival[][]): SimulatedPlan {
  const counters = planCounters(input, end, from, n);
  const waiting = input.waiting.map((t) => ({ serviceId: t.serviceId, at: t.arrivedAt, priority: t.priority, slotAt: t.slotAt }));
  const visits: SimVisit[] = [];
  draws.forEach((arrivals, r) => {
    const random = seededRandom((input.seed ?? 1) * 7919 + r);
    const handle = (serviceId: string) => {
      const f = input.forecast.services.get(serviceId);
      if (f?.handleMs.length) return f.handleMs[Math.floor(random() * f.handleMs.length)]!;
      const typical = input.services.find((s) => s.id === serviceId)?.typicalServiceMin;
      return exponential(random, (f?.meanHandleMs ?? (typical ? typical * MIN : 10 * MIN)));
    };
    visits.push(...simulate({ start: input.now, end, arrivals, waiting, counters, handleMs: handle, rules: input.rules ?? DEFAULT_QUEUE_RULES }).filter((v) => v.arrivedAt >= from));
  });
  const waits = Float64Array.from(visits.map((v) => (v.calledAt === null ? Infinity : v.calledAt - v.waitFrom))).sort();
  const met = input.services.every((s) => {
    const mine = visits.filter((v) => v.serviceId === s.id);
    if (mine.length === 0) return true;
    const t = targetFor(input, s.id);
    return mine.filter((v) => v.calledAt !== null && v.calledAt - v.waitFrom <= t.withinMin * MIN).length / mine.length >= t.share;
  });
  const first = n ?? input.counters.filter((c) => c.open).length;
  const p90 = nearestRank(waits, 0.9) ?? 0;
  const neverCalled = visits.filter((v) => v.calledAt === null).length;
  return { counters: first, p90WaitMs: Number.isFinite(p90) ? p90 : null, visitors: visits.length, neverCalled, met };
}

/** The ways this branch's day differs from Erlang C's model. */
function reasonsFor(input: CheckInput): DisagreeReason[] {
  const reasons: DisagreeReason[] = [];
  if (input.counters.some((c) => c.profile.length > 1)) reasons.push('shared_counters');
  if (input.forecast.priorityShare > 0) reasons.push('priorities');
  if (input.forecast.appointmentShare > 0) reasons.push('appointments');
  if (input.waiting.length > 0) reasons.push('queue_now');
  const cvs = [...input.forecast.services.values()].filter((s) => s.handleMs.length >= 10).map((s) => variation(s.handleMs)!);
  if (cvs.some((cv) => cv < 0.7 || cv > 1.3)) reasons.push('service_times');
  return reasons;
}

/** The simulation's check of the advice in `input.hours`; null when the day has no hour left. */
export function checkStaffing(input: CheckInput): StaffingCheck | null {
  const hours = comingHours(input.now, input.timeZone, input.opensAt, input.closesAt);
  if (hours.length === 0) return null;
  const end = hours[hours.length - 1]!.to;
  // The advice takes effect at the next whole hour (a manager needs a moment to open a counter), or at opening,
  // and holds to closing: Erlang C's busiest coming hour sets it.
  const next = hours.find((h) => h.from > input.now) ?? hours[0]!;
  const from = next.from;
  const advised = Math.max(1, ...input.hours.filter((h) => h.from >= from).map((h) => h.needed));
  const replications = input.replications ?? 6;
  const draws = Array.from({ length: replications }, (_, r) => drawArrivals(input, input.forecast, seededRandom((input.seed ?? 1) * 104_729 + r)));
  const plans = new Map<number, SimulatedPlan>();
  const plan = (n: number) => plans.get(n) ?? plans.set(n, runPlan(input, end, from, n, draws)).get(n)!;
  const asIs = runPlan(input, end, from, null, draws);
  const advice = plan(advised);
  let answer = advice;
  if (advice.met) {
    // Fewer may do: the fewest that still meet the target (more counters never make waits longer).
    let lo = 1;
    let hi = advised;
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      if (plan(mid).met) hi = mid;
      else lo = mid + 1;
    }
    answer = plan(hi);
  } else {
    for (let n = advised + 1; n <= advised + 6 && !answer.met; n++) answer = plan(n);
  }
  const agrees = answer.counters === advice.counters;
  return { from, replications, asIs, advice, answer, agrees, reasons: agrees ? [] : reasonsFor(input) };
}
