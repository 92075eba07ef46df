/**
 * Demo history: the past working days of a demo branch, written through the store like live days are (ticket,
 * event and outbox row per change, numbered per day, counters opened and paused by their clerks), so the reports
 * have weeks to show and the centre receives them through the ordinary sync. Runs once: a branch with any
 * ticket before today is left as it is.
 */
import { randomBytes } from 'node:crypto';
import { applyCommand, formatTicketNumber, uuidv7, type Counter, type Service, type Ticket, type TicketCommand } from '@dawr/core';
import { addDays, DayClock, weekday } from '@dawr/core/reports';
import type { Store } from '@dawr/db';
import { hashPasswordSync } from '@dawr/web';
import { planDay, type PlannedVisit, type Step } from './history-plan';

const MIN = 60_000;
/** The clerks of the demo's past days (accounts nobody can sign in to: their passwords are random and never kept). */
const CLERK_NAMES = ['Fatima Ali', 'Hassan Ebrahim', 'Maryam Abdulla', 'Yusuf Jaber', 'Noora Khalifa', 'Ali Mansoor', 'Zainab Hasan', 'Khalid Saleh'];

/** One clerk per counter, by counter id (created on the first run). */
function demoClerks(store: Store, branchId: string, counters: readonly Counter[]): Map<string, string> {
  const out = new Map<string, string>();
  counters.forEach((c, i) => {
    const id = `demo-clerk-${branchId}-${i + 1}`;
    const name = CLERK_NAMES[i % CLERK_NAMES.length]!;
    store.staff.upsert({ id, branchId, username: id, name, role: 'clerk', passwordHash: hashPasswordSync(randomBytes(24).toString('base64')) });
    out.set(c.id, id);
  });
  return out;
}

/** What a planned step is as a state-machine command. */
function commandOf(step: Step, counterId: string): TicketCommand {
  switch (step.kind) {
    case 'called':
      return { kind: 'call', counterId };
    case 'recalled':
      return { kind: 'recall' };
    case 'started':
      return { kind: 'start' };
    case 'parked':
      return { kind: 'park' };
    case 'returned':
      return { kind: 'return', counterId };
    case 'no_show':
      return { kind: 'no_show' };
    case 'cancelled':
      return { kind: 'cancel' };
    case 'ended':
      return { kind: 'finish', outcome: step.outcome };
    case 'transferred':
      return { kind: 'transfer', serviceId: step.serviceId, counterId: null, keepArrival: true };
  }
}

/** Writes one planned day in one transaction; returns its tickets. */
function writeDay(store: Store, branchId: string, day: string, services: readonly Service[], counters: readonly Counter[], clerks: Map<string, string>, clock: DayClock, seed: number): number {
  const branch = store.config.getBranch(branchId)!;
  const [oh, om] = branch.opensAt.split(':').map(Number);
  const [ch, cm] = branch.closesAt.split(':').map(Number);
  const start = clock.start(day);
  const plan = planDay(seed, { opensAt: start + (oh! * 60 + om!) * MIN, closesAt: start + (ch! * 60 + cm!) * MIN, hourOf: (at) => clock.hour(day, at) }, services, counters);
  const prefix = new Map(services.map((s) => [s.id, s.prefix]));
  const write = (t: Ticket, type: Parameters<Store['tickets']['addEvent']>[0]['type'], at: number, clerkId: string | null) => {
    store.tickets.addEvent({ id: uuidv7(at), ticketId: t.id, branchId, type, at, counterId: t.counterId, clerkId, serviceId: t.serviceId });
    store.outbox.append(`ticket.${type}`, 1, t.id, { ticket: t, deviceId: clerkId ? null : 'kiosk-1', clerkId }, at);
  };
  // Every change of the day in time order, so the outbox (and so the centre) receives them as they happened.
  type Op = { at: number; run: () => void };
  const ops: Op[] = [];
  const tickets = new Map<PlannedVisit, Ticket>();
  plan.visits.forEach((v, n) => {
    const appointmentId = v.slotAt === null ? null : `demo-history-${branchId}-${day}-${n}`;
    ops.push({
      at: v.arrivedAt,
      run: () => {
        const seq = store.tickets.nextSeq(branchId, v.serviceId, day);
        const t: Ticket = {
          id: uuidv7(v.arrivedAt),
          branchId,
          serviceId: v.serviceId,
          day,
          seq,
          number: formatTicketNumber(prefix.get(v.serviceId)!, seq),
          state: 'waiting',
          priority: v.priority,
          counterId: null,
          appointmentId,
          slotAt: v.slotAt,
          arrivedAt: v.arrivedAt,
          calledAt: null,
          startedAt: null,
          endedAt: null,
          outcome: null,
        };
        store.tickets.insert(t, { issuedBy: 'kiosk-1' });
        if (appointmentId !== null) {
          // The centre's booking as the branch keeps it after the day (CPR reduced to its last digits).
          store.appointments.upsert({ id: appointmentId, branchId, serviceId: v.serviceId, cpr: `*****${String(1000 + n).slice(-4)}`, slotAt: v.slotAt!, status: 'checked_in', ticketId: t.id });
        }
        tickets.set(v, t);
        write(t, appointmentId === null ? 'issued' : 'checked_in', v.arrivedAt, null);
      },
    });
    for (const step of v.steps) {
      ops.push({
        at: step.at,
        run: () => {
          const clerkId = v.counterId === null || step.kind === 'cancelled' ? null : (clerks.get(v.counterId) ?? null);
          const { ticket, event } = applyCommand(tickets.get(v)!, commandOf(step, v.counterId ?? ''), step.at);
          store.tickets.update(ticket);
          tickets.set(v, ticket);
          write(ticket, event, step.at, clerkId);
        },
      });
    }
  });
  for (const c of counters) {
    const clerkId = clerks.get(c.id) ?? null;
    ops.push({ at: plan.opensAt - 5 * MIN, run: () => store.reports.addCounterEvent({ id: uuidv7(plan.opensAt), branchId, counterId: c.id, clerkId, open: true, at: plan.opensAt - 5 * MIN }) });
  }
  for (const [counterId, from, to] of plan.pauses) {
    const clerkId = clerks.get(counterId) ?? null;
    ops.push({ at: from, run: () => store.reports.addCounterEvent({ id: uuidv7(from), branchId, counterId, clerkId, open: false, at: from }) });
    ops.push({ at: to, run: () => store.reports.addCounterEvent({ id: uuidv7(to), branchId, counterId, clerkId, open: true, at: to }) });
  }
  plan.noShowSlots.forEach(({ serviceId, slotAt }, n) => {
    ops.push({ at: slotAt, run: () => store.appointments.upsert({ id: `demo-history-${branchId}-${day}-x${n}`, branchId, serviceId, cpr: `*****${9000 + n}`, slotAt, status: 'booked', ticketId: null }) });
  });
  ops.sort((a, b) => a.at - b.at);
  store.tx(() => {
    for (const op of ops) op.run();
    store.tickets.markDayClosed(branchId, day, plan.closesAt + 60 * MIN);
  });
  return plan.visits.length;
}

/**
 * Seeds the `days` calendar days before today's (`now`) with working days (Sunday to Thursday, not the branch's
 * holidays). Returns the tickets written (0 when the branch already has history or `days` is 0).
 */
export function seedDemoHistory(store: Store, branchId: string, timeZone: string, now: number, days: number): number {
  if (days <= 0) return 0;
  const clock = new DayClock(timeZone);
  const today = clock.dayOf(now);
  if (store.reports.hasTicketsBefore(branchId, today)) return 0;
  const services = store.config.listServices(branchId).filter((s) => s.active);
  const counters = store.config.listCounters(branchId);
  if (services.length === 0 || counters.length === 0) return 0;
  const holidays = new Set(store.config.listHolidays(branchId));
  const clerks = store.tx(() => demoClerks(store, branchId, counters));
  let written = 0;
  for (let d = days; d >= 1; d--) {
    const day = addDays(today, -d);
    if (weekday(day) === 5 || weekday(day) === 6 || holidays.has(day)) continue;
    written += writeDay(store, branchId, day, services, counters, clerks, clock, Number(day.replaceAll('-', '')) + branchId.length);
  }
  return written;
}
