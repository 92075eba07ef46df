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
  /** Counters open in the plan's first hour. */
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
  /** Erlang C's advice, hour by hour. */
  advice: SimulatedPlan;
  /** The fewest counters (the advice plus or minus the same number every hour) that meet the target in simulation. */
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

/** The simulated counters of a plan: as now until `from`, then `perHour[i]` counters in hour i. */
function planCounters(input: CheckInput, end: number, from: number, perHour: readonly number[] | null): SimCounter[] {
  const hours = input.hours.filter((h) => h.from >= from);
  const max = Math.max(input.counters.filter((c) => c.open).length, ...(perHour ?? [0]));
  return counterOrder(input, max).map((c, i) => {
    const openNow = (input.counters as readonly Counter[]).find((x) => x.id === c.id)?.open ?? false;
    const open: [number, number][] = [];
    if (perHour === null) {
      if (openNow) open.push([input.now, end]);
    } else {
      if (openNow && from > input.now) open.push([input.now, from]);
      hours.forEach((h, k) => {
        if (i < perHour[k]!) open.push([h.from, k + 1 < hours.length ? hours[k + 1]!.from : end]);
      });
    }
    return { id: c.id, profile: c.profile, open };
  });
}

/** Runs a plan over the replications; judges the visitors who arrived from `from`. */
function runPlan(input: CheckInput, end: number, from: number, perHour: number[] | null, draws: SimArrival[][]): SimulatedPlan {
  const counters = planCounters(input, end, from, perHour);
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
  const first = perHour?.[0] ?? input.counters.filter((c) => c.open).length;
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
  // The advice takes effect at the next whole hour (a manager needs a moment to open a counter), or at opening.
  const next = hours.find((h) => h.from > input.now) ?? hours[0]!;
  const from = next.from;
  const advised = input.hours.filter((h) => h.from >= from).map((h) => Math.max(1, h.needed));
  const replications = input.replications ?? 6;
  const draws = Array.from({ length: replications }, (_, r) => drawArrivals(input, input.forecast, seededRandom((input.seed ?? 1) * 104_729 + r)));
  const asIs = runPlan(input, end, from, null, draws);
  const plan = (k: number) => runPlan(input, end, from, advised.map((n) => Math.max(1, n + k)), draws);
  const advice = plan(0);
  let answer = advice;
  let k = 0;
  if (!advice.met) {
    while (!answer.met && k < 6) answer = plan(++k);
  } else {
    while (k > -6 && advised.some((n) => n + k > 1)) {
      const fewer = plan(k - 1);
      if (!fewer.met) break;
      answer = fewer;
      k--;
    }
  }
  const agrees = answer.counters === advice.counters;
  return { from, replications, asIs, advice, answer, agrees, reasons: agrees ? [] : reasonsFor(input) };
}
