/**
 * Erlang C: the M/M/N queue (Poisson arrivals, exponential service, N servers, one FIFO queue, nobody leaves).
 * Pure. Load A = arrival rate × mean handle time (Erlangs); the queue is stable only when N > A.
 */

/** Erlang B (blocking probability) by the recursion B(0) = 1, B(k) = A·B(k−1) / (k + A·B(k−1)): no factorials, no overflow. */
export function erlangB(load: number, servers: number): number {
  let b = 1;
  for (let k = 1; k <= servers; k++) b = (load * b) / (k + load * b);
  return b;
}

/** Erlang C: the probability that an arrival waits at all; 1 when the queue is not stable (N ≤ A). */
export function erlangC(load: number, servers: number): number {
  if (load <= 0) return 0;
  if (servers <= load) return 1;
  const b = erlangB(load, servers);
  return (servers * b) / (servers - load * (1 - b));
}

/** One queue as Erlang C sees it. */
export interface ErlangQueue {
  arrivalsPerHour: number;
  /** Mean time a counter is taken by one visitor (call to end), ms. */
  meanHandleMs: number;
  servers: number;
}

/** What Erlang C predicts for a queue; waits are Infinity when it is not stable. */
export interface ErlangFigures {
  /** Offered load, Erlangs. */
  load: number;
  /** Share of the time a counter is busy (load / servers), capped at 1. */
  occupancy: number;
  pWait: number;
  /** Mean wait (average speed of answer), ms. */
  meanWaitMs: number;
  stable: boolean;
}

const HOUR = 3_600_000;

/** The offered load of a queue, Erlangs. */
export function loadOf(q: Pick<ErlangQueue, 'arrivalsPerHour' | 'meanHandleMs'>): number {
  return (q.arrivalsPerHour * q.meanHandleMs) / HOUR;
}

/** Erlang C's figures for `q`: P(wait), mean wait = C·AHT / (N − A). */
export function erlang(q: ErlangQueue): ErlangFigures {
  const load = loadOf(q);
  const stable = q.servers > load || load === 0;
  const pWait = erlangC(load, q.servers);
  return {
    load,
    occupancy: q.servers > 0 ? Math.min(1, load / q.servers) : 1,
    pWait,
    meanWaitMs: load === 0 ? 0 : stable ? (pWait * q.meanHandleMs) / (q.servers - load) : Infinity,
    stable,
  };
}

/** The share called within `withinMs`: 1 − C·e^(−(N − A)·t / AHT); 0 when not stable. */
export function erlangServiceLevel(q: ErlangQueue, withinMs: number): number {
  const load = loadOf(q);
  if (load === 0) return 1;
  if (q.servers <= load) return 0;
  return 1 - erlangC(load, q.servers) * Math.exp((-(q.servers - load) * withinMs) / q.meanHandleMs);
}

/**
 * The wait that a share `p` of arrivals do not exceed (e.g. p = 0.9: the 90th percentile): from
 * P(W > w) = C·e^(−(N − A)·w / AHT); 0 when fewer than 1 − p wait at all, Infinity when not stable.
 */
export function erlangWaitPercentile(q: ErlangQueue, p: number): number {
  const load = loadOf(q);
  if (load === 0) return 0;
  if (q.servers <= load) return Infinity;
  const c = erlangC(load, q.servers);
  if (c <= 1 - p) return 0;
  return (q.meanHandleMs * Math.log(c / (1 - p))) / (q.servers - load);
}

/**
 * The fewest servers that call `share` of arrivals within `withinMs` (0 when nobody arrives). Searches up
 * from the smallest stable count; `max` bounds the search (a wrong input must not loop for ever).
 */
export function serversNeeded(arrivalsPerHour: number, meanHandleMs: number, target: { withinMs: number; share: number }, max = 500): number {
  if (arrivalsPerHour <= 0 || meanHandleMs <= 0) return 0;
  const load = loadOf({ arrivalsPerHour, meanHandleMs });
  for (let n = Math.max(1, Math.floor(load) + 1); n <= max; n++) {
    if (erlangServiceLevel({ arrivalsPerHour, meanHandleMs, servers: n }, target.withinMs) >= target.share) return n;
  }
  return max;
}
