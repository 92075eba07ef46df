/**
 * What the reports read (the event log and the few ticket facts events do not carry) and what they answer.
 * Times are epoch ms on the branch clock; every duration is a same-clock difference (sync.md §6).
 */
import type { EventType, Priority } from '../domain';

/** The facts of a ticket a report needs beside its events. */
export interface ReportTicket {
  id: string;
  /** Branch-local numbering day (YYYY-MM-DD): a ticket belongs to its day, even if the daily close ends it later. */
  day: string;
  number: string;
  priority: Priority | null;
  appointmentId: string | null;
  slotAt: number | null;
  /** The outcome of its last transaction ('served', 'day_closed', …), null while open or if it never ended. */
  outcome: string | null;
}

/** One ticket event as logged (ticket_events at the branch, branch_events at the hub). */
export interface ReportEvent {
  ticketId: string;
  type: EventType;
  at: number;
  counterId: string | null;
  /** The clerk who acted; null when a device (a counter PC, the daily close) did. */
  clerkId: string | null;
  /** The service the ticket was in after the change. */
  serviceId: string;
}

/** A counter opened or closed (a clerk's pause and resume, a manager's change). */
export interface CounterEvent {
  counterId: string;
  clerkId: string | null;
  open: boolean;
  at: number;
}

/** An appointment of the period, for punctuality: when it was booked for and the ticket it became, if any. */
export interface ReportAppointment {
  id: string;
  serviceId: string;
  slotAt: number;
  status: 'booked' | 'checked_in' | 'cancelled' | 'no_show';
  ticketId: string | null;
}

/**
 * Everything a report is computed from. `events` are in log order (the order they were written), which breaks
 * ties between events of one ticket at the same millisecond.
 */
export interface ReportInput {
  tickets: readonly ReportTicket[];
  events: readonly ReportEvent[];
  appointments?: readonly ReportAppointment[];
  counterEvents?: readonly CounterEvent[];
}

/** How a transaction ended. `served`: finished at a counter; `transferred`: moved to another service or counter. */
export type TransactionEnd = 'served' | 'transferred' | 'no_show' | 'cancelled' | 'day_closed' | 'open';

/** The state of a transaction that has not ended. */
export type OpenState = 'waiting' | 'called' | 'serving' | 'parked';

/** A time a counter held a visitor: from a call (or a return from parked) to a park, end or transfer. */
export interface Hold {
  counterId: string | null;
  clerkId: string | null;
  from: number;
  to: number;
}

/**
 * One service given within a visit (domain.md): a visit's first transaction starts at issue or check-in, each
 * transfer ends one and starts the next.
 */
export interface Transaction {
  ticketId: string;
  day: string;
  /** 0 for the visit's first transaction, then 1, 2… after each transfer. */
  index: number;
  serviceId: string;
  /** When it joined the queue: issue or check-in, or the transfer. */
  enteredAt: number;
  /** When its wait starts: max(arrival, slot) for an on-time appointment's first transaction, else `enteredAt`. */
  waitFrom: number;
  /** First call of this transaction (recalls do not move it). */
  calledAt: number | null;
  /** First start of service. */
  startedAt: number | null;
  endedAt: number | null;
  end: TransactionEnd;
  /** Set when `end === 'open'`. */
  openState: OpenState | null;
  /** Time being served: the sum of its serving stretches (a parked stretch is not service); null if never started. */
  serviceMs: number | null;
  parkedMs: number;
  recalls: number;
  /** The counter and clerk of its last hold (who finished it), or of the call. */
  counterId: string | null;
  clerkId: string | null;
  holds: Hold[];
  appointment: boolean;
  /** The appointment's slot, on the visit's first transaction (null otherwise, and for walk-ins). */
  slotAt: number | null;
  priority: Priority | null;
  /** The ticket's outcome when this transaction ended the visit with a finish. */
  outcome: string | null;
}

/** A share of a target: `share` is null when nothing was measured. */
export interface ServiceLevel {
  /** The wait a ticket must be called within, ms. */
  withinMs: number;
  /** The share that should be (0–1). */
  targetShare: number;
  within: number;
  total: number;
  share: number | null;
  met: boolean | null;
}

/** Count, mean, 90th percentile (nearest rank) and maximum of durations, ms; nulls when `n` is 0. */
export interface Stat {
  n: number;
  meanMs: number | null;
  p90Ms: number | null;
  maxMs: number | null;
}

/** What happened to the transactions of a group (a service, a day, the whole period). */
export interface Counts {
  /** Tickets issued or checked in (first transactions). */
  issued: number;
  /** Transactions that joined by a transfer. */
  transfersIn: number;
  /** Finished at a counter, or transferred on after being served. */
  served: number;
  /** Moved on by a transfer (served first or not). */
  transferredOut: number;
  noShows: number;
  cancelled: number;
  /** Ended by the daily close (still open when the day ended). */
  closedAtDayEnd: number;
  /** Waiting now (live), or never ended (history). */
  waiting: number;
  /** Called, being served or parked now. */
  atCounter: number;
}

/** The figures of a group of transactions. */
export interface Figures extends Counts {
  wait: Stat;
  /** From call to start: the walk to the counter. */
  walk: Stat;
  service: Stat;
  serviceLevel: ServiceLevel;
}
