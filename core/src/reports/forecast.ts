/**
 * What the recent history says about a coming day: arrivals per service and branch-local hour (mean over the
 * history days), how long a visitor keeps a counter (handle times, drawn from as they were), and the mix of
 * priorities and appointments among arrivals. Pure.
 */
import type { Priority } from '../domain';
import type { CheckInWindowRules } from '../queue/checkin';
import { DayClock } from './days';
import { readTransactions } from './transactions';
import type { ReportInput, Transaction } from './types';

/** An arrival as it came: its priority, and for an appointment how long before its slot it came (ms; negative: late). */
export interface ArrivalKind {
  priority: Priority | null;
  slotLeadMs: number | null;
}

export interface ServiceForecast {
  serviceId: string;
  /** Mean arrivals (issues, check-ins and transfers in) per branch-local hour 0–23. */
  perHour: number[];
  /** Handle times (call → end, parked time left out; a no-show's call → no-show), ms. */
  handleMs: number[];
  meanHandleMs: number | null;
  /** Arrivals as they came, per hour (for drawing who arrives). */
  kinds: ArrivalKind[][];
}

export interface Forecast {
  days: number;
  services: Map<string, ServiceForecast>;
  /** Shares of arrivals with a priority and with an appointment. */
  priorityShare: number;
  appointmentShare: number;
}

const empty = (serviceId: string): ServiceForecast => ({
  serviceId,
  perHour: Array.from({ length: 24 }, () => 0),
  handleMs: [],
  meanHandleMs: null,
  kinds: Array.from({ length: 24 }, () => []),
});

/** The forecast from `history` (events of `days` past days; the same weekday as the day forecast). */
export function forecastFrom(history: ReportInput, days: number, timeZone: string, checkIn?: Readonly<CheckInWindowRules>): Forecast {
  const clock = new DayClock(timeZone);
  return forecastFromTransactions(readTransactions(history, clock, { checkIn }), days, timeZone);
}

/** The forecast from the transactions of `days` past days (read from their events, or the cache of closed days). */
export function forecastFromTransactions(txs: readonly Transaction[], days: number, timeZone: string): Forecast {
  const clock = new DayClock(timeZone);
  const services = new Map<string, ServiceForecast>();
  const of = (id: string) => services.get(id) ?? services.set(id, empty(id)).get(id)!;
  let priority = 0;
  let appointment = 0;
  let first = 0;
  for (const tx of txs) {
    const s = of(tx.serviceId);
    const h = clock.hour(tx.day, tx.enteredAt);
    s.perHour[h]!++;
    const lead = tx.slotAt === null ? null : tx.slotAt - tx.enteredAt;
    s.kinds[h]!.push({ priority: tx.priority, slotLeadMs: lead });
    if (tx.index === 0) {
      first++;
      if (tx.priority !== null) priority++;
      if (lead !== null) appointment++;
    }
    if (tx.calledAt !== null && tx.endedAt !== null && (tx.end === 'served' || tx.end === 'transferred' || tx.end === 'no_show')) {
      s.handleMs.push(Math.max(0, tx.endedAt - tx.calledAt - tx.parkedMs));
    }
  }
  for (const s of services.values()) {
    if (days > 0) s.perHour = s.perHour.map((n) => n / days);
    s.meanHandleMs = s.handleMs.length ? s.handleMs.reduce((a, b) => a + b, 0) / s.handleMs.length : null;
  }
  return { days, services, priorityShare: first ? priority / first : 0, appointmentShare: first ? appointment / first : 0 };
}

/** The coefficient of variation of a sample (standard deviation / mean); 1 for an exponential distribution. */
export function variation(values: readonly number[]): number | null {
  if (values.length < 2) return null;
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  if (mean === 0) return null;
  const v = values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1);
  return Math.sqrt(v) / mean;
}
