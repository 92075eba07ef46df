/**
 * Per clerk and per counter: served, service time, and how a clerk's time at a counter divides into busy
 * (holding a visitor: call → park, end or transfer), paused (the counter closed) and idle (open, nobody held). Pure.
 */
import { isServed } from './figures';
import { stat } from './stats';
import type { DayClock } from './days';
import type { CounterEvent, Stat, Transaction } from './types';

/** A clerk's figures; a device's actions (a counter PC with nobody signed in) count under `clerkId` null per counter. */
export interface ClerkFigures {
  clerkId: string | null;
  /** The counter, when `clerkId` is null; otherwise null. */
  counterId: string | null;
  /** Every counter the clerk worked at. */
  counterIds: string[];
  served: number;
  service: Stat;
  busyMs: number;
  idleMs: number;
  pausedMs: number;
}

/** A counter's figures: what was served there and how long it held visitors. */
export interface CounterFigures {
  counterId: string;
  served: number;
  service: Stat;
  busyMs: number;
}

type Span = [number, number];

/**
 * Disjoint, sorted union of the stretches [from[i], to[i]) (parallel arrays: no object per stretch; a day's holds
 * of one clerk are nearly in order already).
 */
function union(from: readonly number[], to: readonly number[]): Span[] {
  const order = Array.from(from.keys()).sort((a, b) => from[a]! - from[b]!);
  const out: Span[] = [];
  for (const i of order) {
    const a = from[i]!;
    const b = to[i]!;
    const last = out[out.length - 1];
    if (last && a <= last[1]) {
      if (b > last[1]) last[1] = b;
    } else if (b > a) out.push([a, b]);
  }
  return out;
}

const measure = (spans: readonly Span[]) => {
  let n = 0;
  for (const [a, b] of spans) n += b - a;
  return n;
};

/** The total length where two disjoint sorted lists overlap. */
function overlap(x: readonly Span[], y: readonly Span[]): number {
  let i = 0;
  let j = 0;
  let total = 0;
  while (i < x.length && j < y.length) {
    const a = Math.max(x[i]![0], y[j]![0]);
    const b = Math.min(x[i]![1], y[j]![1]);
    if (b > a) total += b - a;
    if (x[i]![1] < y[j]![1]) i++;
    else j++;
  }
  return total;
}

/** The stretches of `[from, to)` a counter was closed, from its open/close events (sorted by time). */
function closedSpans(events: readonly CounterEvent[], from: number, to: number): Span[] {
  let open = true;
  let i = 0;
  for (; i < events.length && events[i]!.at <= from; i++) open = events[i]!.open;
  const out: Span[] = [];
  let closedAt = open ? null : from;
  for (; i < events.length && events[i]!.at < to; i++) {
    const e = events[i]!;
    if (!e.open && closedAt === null) closedAt = e.at;
    else if (e.open && closedAt !== null) {
      out.push([closedAt, e.at]);
      closedAt = null;
    }
  }
  if (closedAt !== null && to > closedAt) out.push([closedAt, to]);
  return out;
}

/** A clerk's (or a counter's) holds on one day, as parallel arrays, with the clerk's own open/close times. */
interface Group {
  day: string;
  clerkId: string | null;
  counterId: string | null;
  from: number[];
  to: number[];
  own: number[];
}

const keyOf = (day: string, clerkId: string | null, counterId: string | null) => `${day}\u0000${clerkId ?? ''}\u0000${counterId ?? ''}`;
/** Whom a served transaction or a hold counts for: the clerk, or (a device) the counter. */
const whoOf = (clerkId: string | null, counterId: string | null) => (clerkId !== null ? `c\u0000${clerkId}` : `d\u0000${counterId ?? ''}`);

function groupOf(m: Map<string, Group>, day: string, clerkId: string | null, counterId: string | null): Group {
  const k = keyOf(day, clerkId, counterId);
  let g = m.get(k);
  if (!g) m.set(k, (g = { day, clerkId, counterId, from: [], to: [], own: [] }));
  return g;
}

/** Per-clerk and per-counter figures of `txs`, with the counters' open/close events of the period. */
export function clerkAndCounterFigures(
  txs: readonly Transaction[],
  counterEvents: readonly CounterEvent[],
  clock: DayClock,
  inRange: (day: string) => boolean,
): { clerks: ClerkFigures[]; counters: CounterFigures[] } {
  const byCounter = new Map<string, CounterEvent[]>();
  for (const e of [...counterEvents].sort((a, b) => a.at - b.at)) {
    const list = byCounter.get(e.counterId);
    if (list) list.push(e);
    else byCounter.set(e.counterId, [e]);
  }
  // Holds by day, clerk and counter (and by day and counter); served transactions by clerk and by counter.
  const groups = new Map<string, Group>();
  const atCounter = new Map<string, Group>();
  const servedBy = new Map<string, number[]>();
  const servedCount = new Map<string, number>();
  const servedAt = new Map<string, { n: number; ms: number[] }>();
  for (const tx of txs) {
    for (const h of tx.holds) {
      const g = groupOf(groups, tx.day, h.clerkId, h.counterId);
      g.from.push(h.from);
      g.to.push(h.to);
      if (h.counterId !== null) {
        const c = groupOf(atCounter, tx.day, null, h.counterId);
        c.from.push(h.from);
        c.to.push(h.to);
      }
    }
    if (isServed(tx)) {
      const who = whoOf(tx.clerkId, tx.counterId);
      servedCount.set(who, (servedCount.get(who) ?? 0) + 1);
      let ms = servedBy.get(who);
      if (!ms) servedBy.set(who, (ms = []));
      if (tx.serviceMs !== null) ms.push(tx.serviceMs);
      if (tx.counterId !== null) {
        let c = servedAt.get(tx.counterId);
        if (!c) servedAt.set(tx.counterId, (c = { n: 0, ms: [] }));
        c.n++;
        if (tx.serviceMs !== null) c.ms.push(tx.serviceMs);
      }
    }
  }
  // A clerk's own open/close events widen their span (a clerk who opened at 08:00 and first called at 08:10 idled).
  for (const e of counterEvents) {
    const day = clock.dayOf(e.at);
    if (inRange(day)) groupOf(groups, day, e.clerkId, e.counterId).own.push(e.at);
  }

  const clerks = new Map<string, ClerkFigures>();
  for (const g of groups.values()) {
    const busy = union(g.from, g.to);
    let from = Infinity;
    let to = -Infinity;
    if (busy.length) {
      from = busy[0]![0];
      for (const [, b] of busy) if (b > to) to = b;
    }
    for (const at of g.own) {
      if (at < from) from = at;
      if (at > to) to = at;
    }
    if (from === Infinity) continue;
    const closed = g.counterId === null ? [] : closedSpans(byCounter.get(g.counterId) ?? [], from, to);
    const busyMs = measure(busy);
    const pausedMs = measure(closed) - overlap(closed, busy);
    const who = whoOf(g.clerkId, g.counterId);
    let c = clerks.get(who);
    if (!c) {
      c = { clerkId: g.clerkId, counterId: g.clerkId === null ? g.counterId : null, counterIds: [], served: 0, service: stat([]), busyMs: 0, idleMs: 0, pausedMs: 0 };
      clerks.set(who, c);
    }
    if (g.counterId !== null && !c.counterIds.includes(g.counterId)) c.counterIds.push(g.counterId);
    c.busyMs += busyMs;
    c.pausedMs += pausedMs;
    c.idleMs += Math.max(0, to - from - busyMs - pausedMs);
  }
  for (const [who, ms] of servedBy) {
    const c = clerks.get(who);
    if (!c) continue;
    c.served = servedCount.get(who) ?? 0;
    c.service = stat(ms);
  }

  const counterBusy = new Map<string, number>();
  for (const g of atCounter.values()) counterBusy.set(g.counterId!, (counterBusy.get(g.counterId!) ?? 0) + measure(union(g.from, g.to)));
  const counterIds = new Set([...counterBusy.keys(), ...servedAt.keys()]);
  const counters = [...counterIds].sort().map((counterId) => {
    const served = servedAt.get(counterId);
    return { counterId, served: served?.n ?? 0, service: stat(served?.ms ?? []), busyMs: counterBusy.get(counterId) ?? 0 };
  });
  const order = (c: ClerkFigures) => `${c.clerkId === null ? 1 : 0}${c.clerkId ?? c.counterId ?? ''}`;
  return { clerks: [...clerks.values()].sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0)), counters };
}
