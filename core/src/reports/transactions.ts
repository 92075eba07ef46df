/**
 * The event log read back into visits and transactions (domain.md): one pass over the events in log order.
 * Pure; every duration is a difference of two times of the same branch clock.
 */
import { checkInWindow, DEFAULT_CHECK_IN_WINDOW, type CheckInWindowRules } from '../queue/checkin';
import type { DayClock } from './days';
import type { Hold, OpenState, ReportEvent, ReportInput, ReportTicket, Transaction } from './types';

/** How transactions are read: the check-in window (which appointments kept their slot) and, live, the moment now. */
export interface TransactionOptions {
  checkIn?: Readonly<CheckInWindowRules>;
  /** The report's moment: a counter still holding a visitor today holds them until now. Absent: history. */
  now?: number;
}

/** A ticket's reading in progress. */
interface Reading {
  ticket: ReportTicket;
  /** The end of the ticket's day: a terminal event at or after it was the daily close. */
  dayEnd: number;
  tx: Transaction;
  done: Transaction[];
  state: OpenState;
  hold: Hold | null;
  servingSince: number | null;
  parkedSince: number | null;
}

function newTransaction(t: ReportTicket, index: number, e: ReportEvent, waitFrom: number): Transaction {
  return {
    ticketId: t.id,
    day: t.day,
    index,
    serviceId: e.serviceId,
    enteredAt: e.at,
    waitFrom,
    calledAt: null,
    startedAt: null,
    endedAt: null,
    end: 'open',
    openState: 'waiting',
    serviceMs: null,
    parkedMs: 0,
    recalls: 0,
    counterId: null,
    clerkId: null,
    holds: [],
    appointment: t.appointmentId !== null,
    slotAt: index === 0 && t.appointmentId !== null ? t.slotAt : null,
    priority: t.priority,
    outcome: null,
  };
}

/** When the first transaction's wait starts: an on-time appointment waits from its slot if it came early (domain.md). */
function firstWaitFrom(t: ReportTicket, arrivedAt: number, rules: Readonly<CheckInWindowRules>): number {
  if (t.appointmentId === null || t.slotAt === null) return arrivedAt;
  return checkInWindow(t.slotAt, arrivedAt, rules) === 'on_time' ? Math.max(arrivedAt, t.slotAt) : arrivedAt;
}

/**
 * Every transaction of the input's tickets, in the order their tickets first appear in the log.
 * Rules: the wait runs from `waitFrom` to the transaction's first call; service time is the sum of its
 * serving stretches (start → park, end or transfer; a parked visitor is not being served); a transfer ends one
 * transaction and starts the next, whose wait runs from the transfer. A terminal event at or after the end of
 * the ticket's day was the daily close (`day_closed`): its times are not the visit's, so it has no hold and no
 * service time.
 */
export function readTransactions(input: ReportInput, clock: DayClock, opts: TransactionOptions = {}): Transaction[] {
  const rules = opts.checkIn ?? DEFAULT_CHECK_IN_WINDOW;
  const tickets = new Map<string, ReportTicket>();
  for (const t of input.tickets) tickets.set(t.id, t);
  const readings = new Map<string, Reading>();

  for (const e of input.events) {
    let r = readings.get(e.ticketId);
    if (!r) {
      const ticket = tickets.get(e.ticketId);
      if (!ticket) continue;
      // A log that starts elsewhere than the issue (a partial copy) still starts its visit at its first event.
      const tx = newTransaction(ticket, 0, e, firstWaitFrom(ticket, e.at, rules));
      r = { ticket, dayEnd: clock.end(ticket.day), tx, done: [], state: 'waiting', hold: null, servingSince: null, parkedSince: null };
      readings.set(e.ticketId, r);
      if (e.type === 'issued' || e.type === 'checked_in') continue;
    }
    apply(r, e);
  }

  const out: Transaction[] = [];
  for (const r of readings.values()) {
    out.push(...r.done);
    if (r.tx.end === 'open') finishOpen(r, opts.now);
    out.push(r.tx);
  }
  return out;
}

/** Applies one event to a ticket's current transaction. */
function apply(r: Reading, e: ReportEvent): void {
  const tx = r.tx;
  const closedByDay = e.at >= r.dayEnd;
  switch (e.type) {
    case 'issued':
    case 'checked_in':
      return;
    case 'called':
      tx.calledAt ??= e.at;
      tx.counterId = e.counterId;
      tx.clerkId = e.clerkId;
      r.hold = { counterId: e.counterId, clerkId: e.clerkId, from: e.at, to: e.at };
      r.state = 'called';
      return;
    case 'recalled':
      tx.recalls++;
      return;
    case 'started':
      tx.startedAt ??= e.at;
      r.servingSince = e.at;
      r.state = 'serving';
      return;
    case 'parked':
      stopServing(r, e.at);
      releaseHold(r, e.at);
      r.parkedSince = e.at;
      r.state = 'parked';
      return;
    case 'returned':
      if (r.parkedSince !== null) tx.parkedMs += e.at - r.parkedSince;
      r.parkedSince = null;
      tx.counterId = e.counterId;
      tx.clerkId = e.clerkId;
      r.hold = { counterId: e.counterId, clerkId: e.clerkId, from: e.at, to: e.at };
      r.state = 'called';
      return;
    case 'ended':
      end(r, e, closedByDay || r.ticket.outcome === 'day_closed' ? 'day_closed' : 'served');
      tx.outcome = r.ticket.outcome;
      return;
    case 'no_show':
      end(r, e, closedByDay ? 'day_closed' : 'no_show');
      return;
    case 'cancelled':
      end(r, e, closedByDay ? 'day_closed' : 'cancelled');
      return;
    case 'transferred': {
      end(r, e, 'transferred');
      r.done.push(tx);
      r.tx = newTransaction(r.ticket, tx.index + 1, e, e.at);
      r.state = 'waiting';
      r.hold = null;
      r.servingSince = null;
      r.parkedSince = null;
      return;
    }
  }
}

function stopServing(r: Reading, at: number): void {
  if (r.servingSince === null) return;
  r.tx.serviceMs = (r.tx.serviceMs ?? 0) + (at - r.servingSince);
  r.servingSince = null;
}

function releaseHold(r: Reading, at: number): void {
  if (r.hold === null) return;
  r.hold.to = at;
  r.tx.holds.push(r.hold);
  r.hold = null;
}

function end(r: Reading, e: ReportEvent, how: Transaction['end']): void {
  const tx = r.tx;
  tx.endedAt = e.at;
  tx.end = how;
  tx.openState = null;
  if (how === 'day_closed') {
    // What the visitor did after the last real event is unknown: no hold, no service time, no parked time.
    r.hold = null;
    tx.serviceMs = null;
    r.servingSince = null;
    r.parkedSince = null;
    return;
  }
  stopServing(r, e.at);
  if (r.parkedSince !== null) tx.parkedMs += e.at - r.parkedSince;
  r.parkedSince = null;
  releaseHold(r, e.at);
}

/** A transaction still open: its state, and (live, on its own day) the hold running until now. */
function finishOpen(r: Reading, now: number | undefined): void {
  r.tx.openState = r.state;
  r.tx.serviceMs = null;
  const live = now !== undefined && now < r.dayEnd;
  if (live && r.hold !== null && now > r.hold.from) releaseHold(r, now);
}
