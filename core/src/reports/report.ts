/**
 * A branch's report over branch-local days, computed from its event log alone: counts, waits (mean and
 * p90), service times, service level, punctuality, per clerk and counter, arrivals and calls per hour, and
 * the same figures per day and per service. The live dashboard is the report of today at `now`. Pure.
 */
import type { CheckInWindowRules } from '../queue/checkin';
import { clerkAndCounterFigures, type ClerkFigures, type CounterFigures } from './clerks';
import { DayClock, daysBetween } from './days';
import { DEFAULT_SERVICE_TARGET, figuresOf, type ServiceTarget, type TargetOf } from './figures';
import { punctualityOf, type Punctuality } from './punctuality';
import { readTransactions } from './transactions';
import type { Figures, ReportInput, ReportTicket, Transaction } from './types';

export interface ReportOptions {
  timeZone: string;
  /** First and last branch-local day of the report (tickets of other days are left out). */
  from: string;
  to: string;
  /** Service-level targets by service id; the others use `defaultTarget`. */
  targets?: Readonly<Record<string, ServiceTarget>>;
  defaultTarget?: ServiceTarget;
  checkIn?: Readonly<CheckInWindowRules>;
  punctualityGraceMin?: number;
  /** Live: the moment now (open holds run until it, waiting tickets past their target count as missed). */
  now?: number;
}

/** The figures of one service. */
export interface ServiceFigures extends Figures {
  serviceId: string;
}

/** Arrivals (tickets issued or checked in) and first calls in one branch-local hour, summed over the days. */
export interface HourFigures {
  hour: number;
  arrivals: number;
  calls: number;
}

/** One day's figures, with its services. */
export interface DayFigures extends Figures {
  day: string;
  services: ServiceFigures[];
}

export interface BranchReport {
  from: string;
  to: string;
  days: number;
  /** The report's moment when live, else null. */
  at: number | null;
  /** Tickets (visits); `totals.issued` counts the same, `totals.served` counts transactions. */
  visits: number;
  totals: Figures;
  services: ServiceFigures[];
  counters: CounterFigures[];
  clerks: ClerkFigures[];
  punctuality: Punctuality;
  hours: HourFigures[];
  daily: DayFigures[];
}

const groupBy = <T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> => {
  const m = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    const list = m.get(k);
    if (list) list.push(it);
    else m.set(k, [it]);
  }
  return m;
};

/** The report of `input` over `opts.from`…`opts.to`. */
export function computeReport(input: ReportInput, opts: ReportOptions): BranchReport {
  const clock = new DayClock(opts.timeZone);
  const tickets = input.tickets.filter((t) => t.day >= opts.from && t.day <= opts.to);
  const txs = readTransactions({ tickets, events: input.events }, clock, { checkIn: opts.checkIn, now: opts.now });
  return reportFromTransactions(txs, { tickets, appointments: input.appointments, counterEvents: input.counterEvents }, opts);
}

/**
 * The report of transactions already read (some perhaps from the cache of closed days), with what else the period
 * holds: its appointments (punctuality; without them, the tickets that came with one are classed and no-shows are
 * unknown), the counters' open/close events, and the tickets (only needed without appointments).
 */
export function reportFromTransactions(
  allTxs: readonly Transaction[],
  extra: { tickets?: readonly ReportTicket[]; appointments?: ReportInput['appointments']; counterEvents?: ReportInput['counterEvents'] },
  opts: ReportOptions,
): BranchReport {
  const clock = new DayClock(opts.timeZone);
  const inRange = (day: string) => day >= opts.from && day <= opts.to;
  const txs = allTxs.filter((t) => inRange(t.day));
  const defaultTarget = opts.defaultTarget ?? DEFAULT_SERVICE_TARGET;
  const targetOf: TargetOf = (id) => opts.targets?.[id] ?? defaultTarget;
  const fig = (list: readonly Transaction[], target: ServiceTarget) => figuresOf(list, targetOf, target, opts.now);
  const byService = (list: readonly Transaction[]): ServiceFigures[] =>
    [...groupBy(list, (t) => t.serviceId)].sort(([a], [b]) => (a < b ? -1 : 1)).map(([serviceId, l]) => ({ serviceId, ...fig(l, targetOf(serviceId)) }));

  const hours: HourFigures[] = Array.from({ length: 24 }, (_, hour) => ({ hour, arrivals: 0, calls: 0 }));
  const firstTx = new Map<string, Transaction>();
  for (const tx of txs) {
    if (tx.index === 0) {
      firstTx.set(tx.ticketId, tx);
      hours[clock.hour(tx.day, tx.enteredAt)]!.arrivals++;
    }
    if (tx.calledAt !== null) hours[clock.hour(tx.day, tx.calledAt)]!.calls++;
  }
  const byDay = groupBy(txs, (t) => t.day);
  const days = daysBetween(opts.from, opts.to);
  const daily = days.map((day) => {
    const list = byDay.get(day) ?? [];
    return { day, ...fig(list, defaultTarget), services: byService(list) };
  });
  const ticketMap = new Map<string, ReportTicket>((extra.tickets ?? []).map((t) => [t.id, t]));
  const appointments = extra.appointments?.filter((a) => inRange(clock.dayOf(a.slotAt)));
  const { clerks, counters } = clerkAndCounterFigures(txs, extra.counterEvents ?? [], clock, inRange);
  return {
    from: opts.from,
    to: opts.to,
    days: days.length,
    at: opts.now ?? null,
    visits: firstTx.size,
    totals: fig(txs, defaultTarget),
    services: byService(txs),
    counters,
    clerks,
    punctuality: punctualityOf(ticketMap, firstTx, appointments, { graceMin: opts.punctualityGraceMin, checkIn: opts.checkIn, now: opts.now }),
    hours,
    daily,
  };
}
