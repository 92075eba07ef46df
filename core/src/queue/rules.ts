/**
 * Queue-ordering rules shared by the call rule (next-ticket.ts) and the estimates (wait-estimate.ts).
 * Pure: every function that depends on time takes `now` (epoch ms).
 */
import type { Priority, Ticket } from '../domain';
import { checkInWindow, DEFAULT_CHECK_IN_WINDOW, type CheckInWindowRules } from './checkin';

const MIN = 60_000;

/** The tunable rules of a branch's queue. All durations are minutes. */
export interface QueueRules {
  /** A priority ticket queues as if it arrived this many minutes earlier (capped at its service's max wait). */
  priorityBoostMin: Readonly<Record<Priority, number>>;
  /** Once a ticket has waited longer than this it is called before anything not overdue. */
  defaultMaxWaitMin: number;
  /** Per-service override of `defaultMaxWaitMin`, by service id. */
  maxWaitMin: Readonly<Record<string, number>>;
  /** Which check-ins count as on time (the appointment keeps its place). */
  checkIn: Readonly<CheckInWindowRules>;
  /** An on-time appointment goes ahead of walk-ins from this many minutes before its slot. */
  appointmentLeadMin: number;
}

export const DEFAULT_QUEUE_RULES: Readonly<QueueRules> = {
  priorityBoostMin: { elderly: 15, disability: 15, pregnancy: 15 },
  defaultMaxWaitMin: 45,
  maxWaitMin: {},
  checkIn: DEFAULT_CHECK_IN_WINDOW,
  appointmentLeadMin: 5,
};

/** A non-negative finite number of minutes, or `fallback` for anything else (bad config must not break calls). */
function minutes(v: number | undefined, fallback: number): number {
  return v !== undefined && Number.isFinite(v) && v >= 0 ? v : fallback;
}

/** The max wait (ms) of a service under `rules`. */
export function maxWaitMs(serviceId: string, rules: QueueRules): number {
  const def = minutes(rules.defaultMaxWaitMin, DEFAULT_QUEUE_RULES.defaultMaxWaitMin);
  return minutes(rules.maxWaitMin[serviceId], def) * MIN;
}

/**
 * The priority boost (ms) of a ticket. Capped at its service's max wait so that a ticket issued after
 * another became overdue can never get an earlier deadline (the no-starvation proof needs this).
 */
export function boostMs(t: Ticket, rules: QueueRules): number {
  if (t.priority === null) return 0;
  const b = minutes(rules.priorityBoostMin[t.priority], 0) * MIN;
  return Math.min(b, maxWaitMs(t.serviceId, rules));
}

/** Whether a ticket is an appointment that checked in inside its window (late ones queue as walk-ins). */
export function isOnTimeAppointment(t: Ticket, rules: QueueRules): t is Ticket & { slotAt: number } {
  return t.appointmentId !== null && t.slotAt !== null && checkInWindow(t.slotAt, t.arrivedAt, rules.checkIn) === 'on_time';
}

/** When a ticket's wait starts: max(arrivedAt, slotAt) for on-time appointments, else arrivedAt (domain.md). */
export function waitStart(t: Ticket, rules: QueueRules): number {
  return isOnTimeAppointment(t, rules) ? Math.max(t.arrivedAt, t.slotAt) : t.arrivedAt;
}

/** The wait start moved earlier by the priority boost: the moment the ticket queues as if it arrived. */
export function effectiveStart(t: Ticket, rules: QueueRules): number {
  return waitStart(t, rules) - boostMs(t, rules);
}

/** The moment after which a ticket is overdue: effective start + its service's max wait. */
export function ticketDeadline(t: Ticket, rules: QueueRules): number {
  return effectiveStart(t, rules) + maxWaitMs(t.serviceId, rules);
}

/** Whether the ticket has waited more than its service's max wait at `now`. */
export function isOverdue(t: Ticket, now: number, rules: QueueRules): boolean {
  return now > ticketDeadline(t, rules);
}

/** Whether an on-time appointment's slot has come (within the lead), so it goes ahead of walk-ins. */
export function isDueAppointment(t: Ticket, now: number, rules: QueueRules): boolean {
  return isOnTimeAppointment(t, rules) && t.slotAt - minutes(rules.appointmentLeadMin, 0) * MIN <= now;
}

/** Final tie-break everywhere: earlier arrival, then id (ids are unique, so the order is total). */
export function compareArrival(a: Ticket, b: Ticket): number {
  return a.arrivedAt - b.arrivedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Orders tickets by deadline (earliest first), then arrival, then id: the order for overdue and reserved tickets. */
export function compareByDeadline(rules: QueueRules): (a: Ticket, b: Ticket) => number {
  return (a, b) => ticketDeadline(a, rules) - ticketDeadline(b, rules) || compareArrival(a, b);
}

/**
 * Orders tickets of one service as a counter would take them when nothing is overdue:
 * due on-time appointments first by `slotAt`, then everyone else by effective start (priority boost included).
 */
export function compareInService(now: number, rules: QueueRules): (a: Ticket, b: Ticket) => number {
  return (a, b) => {
    const da = isDueAppointment(a, now, rules);
    const db = isDueAppointment(b, now, rules);
    if (da !== db) return da ? -1 : 1;
    const ka = da ? a.slotAt! : effectiveStart(a, rules);
    const kb = db ? b.slotAt! : effectiveStart(b, rules);
    return ka - kb || compareArrival(a, b);
  };
}

/**
 * The call order within one service at `now`: overdue tickets first (by deadline), then
 * {@link compareInService}. This is the order a counter serving only this service would follow
 * (reservations aside), and the basis of a ticket's displayed position.
 */
export function compareServiceQueue(now: number, rules: QueueRules): (a: Ticket, b: Ticket) => number {
  const inService = compareInService(now, rules);
  const byDeadline = compareByDeadline(rules);
  return (a, b) => {
    const oa = isOverdue(a, now, rules);
    const ob = isOverdue(b, now, rules);
    if (oa !== ob) return oa ? -1 : 1;
    return oa ? byDeadline(a, b) : inService(a, b);
  };
}

/** The waiting tickets of one service in {@link compareServiceQueue} order. */
export function serviceQueue(waiting: readonly Ticket[], serviceId: string, now: number, rules: QueueRules = DEFAULT_QUEUE_RULES): Ticket[] {
  return waiting.filter((t) => t.state === 'waiting' && t.serviceId === serviceId).sort(compareServiceQueue(now, rules));
}

/**
 * Sorts tickets of one service into {@link compareServiceQueue} order, computing each ticket's rank keys
 * once instead of at every comparison (the order of a long queue is sorted after every change).
 */
export function sortServiceQueue(tickets: readonly Ticket[], now: number, rules: QueueRules = DEFAULT_QUEUE_RULES): Ticket[] {
  const keyed = tickets.map((t) => {
    const overdue = isOverdue(t, now, rules);
    const due = !overdue && isDueAppointment(t, now, rules);
    // Overdue first by deadline; then due appointments by slot; then the rest by effective start.
    const group = overdue ? 0 : due ? 1 : 2;
    const key = overdue ? ticketDeadline(t, rules) : due ? t.slotAt! : effectiveStart(t, rules);
    return { t, group, key };
  });
  keyed.sort((a, b) => a.group - b.group || a.key - b.key || compareArrival(a.t, b.t));
  return keyed.map((k) => k.t);
}

/**
 * The first moment after `now` at which a ticket's standing in {@link compareServiceQueue} changes (it
 * becomes overdue, or its appointment becomes due), or Infinity. Until the earliest such moment of a
 * service's tickets, their order stays what it is at `now`, so it need not be sorted again.
 */
export function rankChangesAt(t: Ticket, now: number, rules: QueueRules): number {
  let at = isOverdue(t, now, rules) ? Infinity : ticketDeadline(t, rules) + 1;
  if (isOnTimeAppointment(t, rules) && !isDueAppointment(t, now, rules)) {
    at = Math.min(at, t.slotAt - minutes(rules.appointmentLeadMin, 0) * MIN);
  }
  return at;
}
