/**
 * Queue position and estimated wait, per ticket and per service. Pure: the caller passes the waiting
 * tickets, the counters, recent measured service durations and `now`. Estimates are honest: null when
 * there is nothing to base them on, never negative.
 */
import type { Counter, Ticket } from '../domain';
import { normalizeProfile } from './next-ticket';
import { compareServiceQueue, DEFAULT_QUEUE_RULES, type QueueRules } from './rules';

const MIN = 60_000;

/** One measured service (a finished ticket or transaction): started and ended, epoch ms. */
export interface MeasuredService {
  serviceId: string;
  startedAt: number;
  endedAt: number;
}

/** What an estimate is computed from. */
export interface WaitContext {
  /** Tickets currently in the queue (other states are ignored). */
  waiting: readonly Ticket[];
  /** The branch's counters; only open ones count. */
  counters: readonly Counter[];
  /** Recent finished services, any order. */
  finished: readonly MeasuredService[];
  now: number;
  rules?: QueueRules;
  /** How many of a service's most recent measurements are averaged (default 20). */
  sampleSize?: number;
  /** Each service's configured typical duration (minutes), used while it has no measurement. */
  typicalMin?: ReadonlyMap<string, number>;
}

export const DEFAULT_SAMPLE_SIZE = 20;

/**
 * Mean service minutes of `serviceId` over its `sampleSize` most recently ended measurements, or null when
 * there is none. Measurements with `endedAt <= startedAt` (or not finite) are dropped as clerk slips.
 */
export function averageServiceMin(serviceId: string, finished: readonly MeasuredService[], sampleSize = DEFAULT_SAMPLE_SIZE): number | null {
  const valid = finished
    .filter((f) => f.serviceId === serviceId && Number.isFinite(f.startedAt) && Number.isFinite(f.endedAt) && f.endedAt > f.startedAt)
    .sort((a, b) => b.endedAt - a.endedAt)
    .slice(0, Math.max(1, Math.floor(sampleSize)));
  if (valid.length === 0) return null;
  return valid.reduce((s, f) => s + (f.endedAt - f.startedAt), 0) / valid.length / MIN;
}

/**
 * How many tickets of `serviceId` the open counters finish per minute, or null when unknown (no measured
 * duration for the service, or no open counter serving it).
 *
 * A counter shares its time between the services of its profile that have someone waiting (plus this one),
 * taking calls in proportion to their weights (next-ticket.ts). Taking w_t calls of each service t costs
 * Σ w_t·d_t minutes (d_t = mean duration; a service never measured is assumed to last as long as this one),
 * and yields w_s calls of this service, so the counter contributes w_s / Σ w_t·d_t tickets per minute.
 * A counter serving only this service thus contributes 1/d_s, a fully shared one a weighted fraction of it.
 */
export function serviceRatePerMin(serviceId: string, ctx: WaitContext): number | null {
  return waitModel(modelInputs(ctx)).ratePerMin(serviceId);
}

/**
 * A ticket's 1-based place in its service's queue at `now` (1 = next in that service), or null when it is
 * not waiting. Ordered as {@link compareServiceQueue}: overdue first, then due appointments, then by
 * effective arrival. The ticket need not be in `waiting` (a ticket about to be issued can be placed).
 */
export function position(ticket: Ticket, waiting: readonly Ticket[], now: number, rules: QueueRules = DEFAULT_QUEUE_RULES): number | null {
  if (ticket.state !== 'waiting') return null;
  const cmp = compareServiceQueue(now, rules);
  let ahead = 0;
  for (const t of waiting) {
    if (t.id !== ticket.id && t.state === 'waiting' && t.serviceId === ticket.serviceId && cmp(t, ticket) < 0) ahead++;
  }
  return ahead + 1;
}

/**
 * Minutes until `ahead` tickets are served and the next one is called: (ahead + ½) / rate, rounded up.
 * The half is the mean remaining time of the service in progress when a ticket reaches the front.
 */
export function waitFor(ahead: number, rate: number | null): number | null {
  if (rate === null) return null;
  return Math.max(0, Math.ceil((ahead + 0.5) / rate));
}

/** A waiting ticket's place and estimated wait (minutes, rounded up; null when unknown or not waiting). */
export function estimateTicketWait(ticket: Ticket, ctx: WaitContext): { position: number | null; waitMin: number | null } {
  const pos = position(ticket, ctx.waiting, ctx.now, ctx.rules ?? DEFAULT_QUEUE_RULES);
  if (pos === null) return { position: null, waitMin: null };
  return { position: pos, waitMin: waitFor(pos - 1, serviceRatePerMin(ticket.serviceId, ctx)) };
}

/**
 * A service's queue length and the estimated wait of a ticket issued to it now (behind everyone waiting;
 * a priority or appointment ticket may wait less). `waitMin` is null when unknown.
 */
export function estimateServiceWait(serviceId: string, ctx: WaitContext): { serviceId: string; waiting: number; waitMin: number | null } {
  const model = waitModel(modelInputs(ctx));
  const waiting = model.waiting(serviceId);
  return { serviceId, waiting, waitMin: waitFor(waiting, model.ratePerMin(serviceId)) };
}

/** What a {@link WaitModel} is built from: counts per service instead of the waiting tickets themselves. */
export interface WaitModelInputs {
  /** How many tickets wait in each service (a service with none may be absent). */
  waitingCount: ReadonlyMap<string, number>;
  /** How many of those are not reserved for a counter (only these take a shared counter's time). */
  unreservedCount: ReadonlyMap<string, number>;
  /** The branch's counters; only open ones count. */
  counters: readonly Counter[];
  /** Recent finished services, any order. */
  finished: readonly MeasuredService[];
  /** Each service's configured typical duration (minutes), used while it has no measurement. */
  typicalMin?: ReadonlyMap<string, number>;
  sampleSize?: number;
}

/** Service rates and queue lengths computed once for many estimates (each answer is cached). */
export interface WaitModel {
  waiting(serviceId: string): number;
  /** As {@link serviceRatePerMin}. */
  ratePerMin(serviceId: string): number | null;
}

/** The inputs of a {@link WaitModel} from a {@link WaitContext} (one pass over the waiting tickets). */
export function modelInputs(ctx: WaitContext): WaitModelInputs {
  const waitingCount = new Map<string, number>();
  const unreservedCount = new Map<string, number>();
  for (const t of ctx.waiting) {
    if (t.state !== 'waiting') continue;
    waitingCount.set(t.serviceId, (waitingCount.get(t.serviceId) ?? 0) + 1);
    if (t.counterId === null) unreservedCount.set(t.serviceId, (unreservedCount.get(t.serviceId) ?? 0) + 1);
  }
  return { waitingCount, unreservedCount, counters: ctx.counters, finished: ctx.finished, typicalMin: ctx.typicalMin, sampleSize: ctx.sampleSize };
}

/**
 * A model of the queue's speed for estimates. Its cost does not depend on how many people wait: it reads
 * counts per service, and each service's duration is averaged once. A service's duration is the mean of
 * its recent measurements, else its configured typical duration; with neither its rate is unknown.
 *
 * Rate: a counter shares its time between the services of its profile that have someone unreserved
 * waiting (plus the one asked about), taking calls in proportion to their weights (next-ticket.ts). Taking
 * w_t calls of each service t costs Σ w_t·d_t minutes (a service with no known duration is assumed to last
 * as long as this one), and yields w_s calls of this service: the counter adds w_s / Σ w_t·d_t per minute.
 */
export function waitModel(inputs: WaitModelInputs): WaitModel {
  const size = inputs.sampleSize ?? DEFAULT_SAMPLE_SIZE;
  const durations = new Map<string, number | null>();
  const durationOf = (id: string): number | null => {
    let d = durations.get(id);
    if (d === undefined) {
      d = averageServiceMin(id, inputs.finished, size) ?? typical(inputs.typicalMin?.get(id));
      durations.set(id, d);
    }
    return d;
  };
  const rates = new Map<string, number | null>();
  const ratePerMin = (serviceId: string): number | null => {
    const cached = rates.get(serviceId);
    if (cached !== undefined) return cached;
    const ds = durationOf(serviceId);
    let rate = 0;
    if (ds !== null) {
      for (const c of inputs.counters) {
        if (!c.open) continue;
        const profile = normalizeProfile(c.profile);
        const own = profile.find((p) => p.serviceId === serviceId);
        if (!own) continue;
        const cost = profile
          .filter((p) => p.serviceId === serviceId || (inputs.unreservedCount.get(p.serviceId) ?? 0) > 0)
          .reduce((s, p) => s + p.weight * (durationOf(p.serviceId) ?? ds), 0);
        rate += own.weight / cost;
      }
    }
    const r = rate > 0 ? rate : null;
    rates.set(serviceId, r);
    return r;
  };
  return { waiting: (id) => inputs.waitingCount.get(id) ?? 0, ratePerMin };
}

/** A configured typical duration, if it is a usable one. */
function typical(min: number | undefined): number | null {
  return min !== undefined && Number.isFinite(min) && min > 0 ? min : null;
}
