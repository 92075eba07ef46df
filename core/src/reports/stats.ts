/** Small statistics the reports share. Pure. */
import type { ServiceLevel, Stat } from './types';

/** The p-th percentile by nearest rank: the ⌈p·n⌉-th smallest value (p90 of 10 values is the 9th). */
export function nearestRank(sorted: ArrayLike<number>, p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil(p * sorted.length));
  return sorted[rank - 1]!;
}

/** Count, mean, p90 (nearest rank) and maximum of durations in ms. */
export function stat(values: readonly number[]): Stat {
  const n = values.length;
  if (n === 0) return { n: 0, meanMs: null, p90Ms: null, maxMs: null };
  const sorted = Float64Array.from(values).sort();
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sorted[i]!;
  return { n, meanMs: sum / n, p90Ms: nearestRank(sorted, 0.9), maxMs: sorted[n - 1]! };
}

/** A service-level share: `within` of `total` against a target share. */
export function serviceLevel(within: number, total: number, withinMs: number, targetShare: number): ServiceLevel {
  const share = total === 0 ? null : within / total;
  return { withinMs, targetShare, within, total, share, met: share === null ? null : share >= targetShare };
}

/** A seeded pseudo-random generator (mulberry32): the same seed gives the same numbers on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** An exponential draw with the given mean (inverse transform; never 0·ln 0). */
export function exponential(random: () => number, mean: number): number {
  return -Math.log(1 - random()) * mean;
}
