/**
 * Staffing advice: for each service and each coming hour, the counters Erlang C says the service-level target
 * needs (arrivals forecast from the same weekday's recent history, measured handle times), beside the counters
 * open now and the wait Erlang C predicts if nothing changes. The simulation then checks the advice
 * (staffing-check.ts). Pure.
 */
import { parseHhMm } from '../clock';
import type { Counter } from '../domain';
import { DayClock } from './days';
import { erlang, erlangWaitPercentile, serversNeeded } from './erlang';
import { DEFAULT_SERVICE_TARGET, type ServiceTarget } from './figures';
import type { Forecast } from './forecast';

const HOUR = 3_600_000;
const MIN = 60_000;

/** One service in one coming hour. */
export interface StaffingCell {
  serviceId: string;
  /** Forecast arrivals in the hour. */
  arrivals: number;
  /** Mean handle time (call → end), ms; null when never measured and not configured. */
  meanHandleMs: number | null;
  /** Counters Erlang C needs for the target (0: nobody expected; null: no handle time known). */
  needed: number | null;
  /** Open counters whose work profile has this service. */
  open: number;
  /** Whether the queue settles with `open` counters (Erlang C: more counters than the load); false: it grows. */
  stable: boolean;
  /** Erlang C's mean and 90th percentile wait with `open` counters; null when it grows or the handle time is unknown. */
  predictedMeanWaitMs: number | null;
  predictedP90WaitMs: number | null;
}

export interface StaffingHour {
  hour: number;
  /** When the hour starts (epoch ms; the first may have begun already). */
  from: number;
  services: StaffingCell[];
  /** Counters Erlang C needs in all, each service served by its own (the simulation checks the sharing). */
  needed: number;
}

export interface StaffingInput {
  now: number;
  timeZone: string;
  /** Opening hours, "HH:MM" branch-local. */
  opensAt: string;
  closesAt: string;
  /** The services offered (their ids, in display order), with the configured typical visit (minutes) if any. */
  services: readonly { id: string; typicalServiceMin?: number | null }[];
  counters: readonly Counter[];
  forecast: Forecast;
  targets?: Readonly<Record<string, ServiceTarget>>;
  defaultTarget?: ServiceTarget;
}

/** The day's coming hours, each with its start: from the hour now (or opening) to closing. */
export function comingHours(now: number, timeZone: string, opensAt: string, closesAt: string): { hour: number; from: number; to: number }[] {
  const clock = new DayClock(timeZone);
  const day = clock.dayOf(now);
  const start = clock.start(day);
  const open = parseHhMm(opensAt) * MIN;
  const close = parseHhMm(closesAt) * MIN;
  const out: { hour: number; from: number; to: number }[] = [];
  for (let h = Math.floor(open / HOUR); h * HOUR < close; h++) {
    const from = start + Math.max(h * HOUR, open);
    const to = start + Math.min((h + 1) * HOUR, close);
    if (to <= now) continue;
    out.push({ hour: h, from: Math.max(from, Math.min(now, to)), to });
  }
  return out;
}

/** The target of a service. */
export function targetFor(input: Pick<StaffingInput, 'targets' | 'defaultTarget'>, serviceId: string): ServiceTarget {
  return input.targets?.[serviceId] ?? input.defaultTarget ?? DEFAULT_SERVICE_TARGET;
}

/** Erlang C's advice hour by hour. */
export function staffingHours(input: StaffingInput): StaffingHour[] {
  return comingHours(input.now, input.timeZone, input.opensAt, input.closesAt).map(({ hour, from, to }) => {
    // A part hour (now is 10:20, or closing at 13:30) expects its share of the hour's arrivals.
    const part = (to - from) / HOUR;
    const services = input.services.map((s) => {
      const f = input.forecast.services.get(s.id);
      const ratePerHour = f?.perHour[hour] ?? 0;
      const meanHandleMs = f?.meanHandleMs ?? (s.typicalServiceMin ? s.typicalServiceMin * MIN : null);
      const target = targetFor(input, s.id);
      const open = input.counters.filter((c) => c.open && c.profile.some((p) => p.serviceId === s.id)).length;
      const needed = meanHandleMs === null ? (ratePerHour > 0 ? null : 0) : serversNeeded(ratePerHour, meanHandleMs, { withinMs: target.withinMin * MIN, share: target.share });
      let predictedMeanWaitMs: number | null = null;
      let predictedP90WaitMs: number | null = null;
      let stable = true;
      if (meanHandleMs !== null) {
        const q = { arrivalsPerHour: ratePerHour, meanHandleMs, servers: open };
        const e = erlang(q);
        stable = e.stable;
        // Infinity does not survive JSON: a growing queue is `stable: false` with no figure.
        if (stable) {
          predictedMeanWaitMs = e.meanWaitMs;
          predictedP90WaitMs = erlangWaitPercentile(q, 0.9);
        }
      }
      return { serviceId: s.id, arrivals: ratePerHour * part, meanHandleMs, needed, open, stable, predictedMeanWaitMs, predictedP90WaitMs };
    });
    return { hour, from, services, needed: services.reduce((n, c) => n + (c.needed ?? 0), 0) };
  });
}
