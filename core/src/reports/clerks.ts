/**
 * Per clerk and per counter: served, service time, and how a clerk's time at a counter divides into busy
 * (holding a visitor: call → park, end or transfer), paused (the counter closed) and idle (open, nobody held). Pure.
 */
import { isServed } from './figures';
import { stat } from './stats';
import type { DayClock } from './days';
import type { CounterEvent, Hold, Stat, Transaction } from './types';

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

/** Disjoint, sorted union of intervals. */
function union(spans: Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a[0] - b[0]);
  const out: Span[] = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else if (b > a) out.push([a, b]);
  }
  return out;
}

const measure = (spans: readonly Span[]) => spans.reduce((s, [a, b]) => s + (b - a), 0);

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

const keyOf = (clerkId: string | null, counterId: string | null) => `${clerkId ?? ''}\u0000${counterId ?? ''}`;

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

  // Holds by (day, clerk, counter), and served transactions by clerk and by counter.
  const holds = new Map<string, { day: string; clerkId: string | null; counterId: string | null; spans: Span[] }>();
  const servedBy = new Map<string, Transaction[]>();
  const servedAt = new Map<string, Transaction[]>();
  const holdsAt = new Map<string, Span[]>();
  const push = <V>(m: Map<string, V[]>, k: string, v: V) => {
    const list = m.get(k);
    if (list) list.push(v);
    else m.set(k, [v]);
  };
  const clerkKey = (h: { clerkId: string | null; counterId: string | null }) => (h.clerkId !== null ? keyOf(h.clerkId, null) : keyOf(null, h.counterId));
  for (const tx of txs) {
    for (const h of tx.holds as Hold[]) {
      const k = `${tx.day}\u0000${keyOf(h.clerkId, h.counterId)}`;
      let g = holds.get(k);
      if (!g) holds.set(k, (g = { day: tx.day, clerkId: h.clerkId, counterId: h.counterId, spans: [] }));
      g.spans.push([h.from, h.to]);
      if (h.counterId !== null) push(holdsAt, `${tx.day}\u0000${h.counterId}`, [h.from, h.to] as Span);
    }
    if (isServed(tx)) {
      push(servedBy, clerkKey(tx), tx);
      if (tx.counterId !== null) push(servedAt, tx.counterId, tx);
    }
  }
  // A clerk's own open/close events widen their span (a clerk who opened at 08:00 and first called at 08:10 idled).
  const own = new Map<string, CounterEvent[]>();
  for (const e of counterEvents) {
    const day = clock.dayOf(e.at);
    if (!inRange(day)) continue;
    const k = `${day}\u0000${keyOf(e.clerkId, e.counterId)}`;
    push(own, k, e);
    if (!holds.has(k)) holds.set(k, { day, clerkId: e.clerkId, counterId: e.counterId, spans: [] });
  }

  const clerks = new Map<string, ClerkFigures>();
  for (const [k, g] of holds) {
    const busy = union(g.spans);
    const mine = own.get(k) ?? [];
    const times = [...busy.flat(), ...mine.map((e) => e.at)];
    if (times.length === 0) continue;
    const from = Math.min(...times);
    const to = Math.max(...times);
    const closed = g.counterId === null ? [] : closedSpans(byCounter.get(g.counterId) ?? [], from, to);
    const busyMs = measure(busy);
    const pausedMs = measure(closed) - overlap(closed, busy);
    const ck = clerkKey(g);
    let c = clerks.get(ck);
    if (!c) {
      c = { clerkId: g.clerkId, counterId: g.clerkId === null ? g.counterId : null, counterIds: [], served: 0, service: stat([]), busyMs: 0, idleMs: 0, pausedMs: 0 };
      clerks.set(ck, c);
    }
    if (g.counterId !== null && !c.counterIds.includes(g.counterId)) c.counterIds.push(g.counterId);
    c.busyMs += busyMs;
    c.pausedMs += pausedMs;
    c.idleMs += Math.max(0, to - from - busyMs - pausedMs);
  }
  for (const [ck, served] of servedBy) {
    const c = clerks.get(ck);
    if (!c) continue;
    c.served = served.length;
    c.service = stat(served.flatMap((t) => (t.serviceMs === null ? [] : [t.serviceMs])));
  }

  const counterBusy = new Map<string, number>();
  for (const [k, spans] of holdsAt) {
    const counterId = k.slice(k.indexOf('\u0000') + 1);
    counterBusy.set(counterId, (counterBusy.get(counterId) ?? 0) + measure(union(spans)));
  }
  const counterIds = new Set([...counterBusy.keys(), ...servedAt.keys()]);
  const counters = [...counterIds].sort().map((counterId) => {
    const served = servedAt.get(counterId) ?? [];
    return {
      counterId,
      served: served.length,
      service: stat(served.flatMap((t) => (t.serviceMs === null ? [] : [t.serviceMs]))),
      busyMs: counterBusy.get(counterId) ?? 0,
    };
  });
  const order = (c: ClerkFigures) => `${c.clerkId === null ? 1 : 0}${c.clerkId ?? c.counterId ?? ''}`;
  return { clerks: [...clerks.values()].sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0)), counters };
}
