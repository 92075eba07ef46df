/** The sync panel's durations and clock difference, in the screen's language (Western digits, like the rest). */
import { t, type Lang } from '@dawr/core';

/** A duration in the largest unit that keeps it short: ms under a second, then whole s, min, h, and days past two. */
export function duration(lang: Lang, ms: number): string {
  const a = Math.abs(ms);
  if (a < 1_000) return t(lang, 'sync.unit.ms', { n: Math.round(a) });
  if (a < 60_000) return t(lang, 'sync.unit.s', { n: Math.floor(a / 1_000) });
  if (a < 3_600_000) return t(lang, 'sync.unit.min', { n: Math.floor(a / 60_000) });
  if (a < 48 * 3_600_000) return t(lang, 'sync.unit.h', { n: Math.floor(a / 3_600_000) });
  return t(lang, 'sync.unit.d', { n: Math.floor(a / 86_400_000) });
}

/** "… ago" for a past instant on the branch clock ("just now" under a second: the screen ticks by the second). */
export function ago(lang: Lang, at: number, now: number): string {
  if (now - at < 1_000) return t(lang, 'sync.justNow');
  return t(lang, 'sync.ago', { time: duration(lang, now - at) });
}

/** The centre's clock against the branch's: ahead, behind, or in step (under a second apart). */
export function skew(lang: Lang, ms: number): string {
  if (Math.abs(ms) < 1_000) return t(lang, 'sync.inStep');
  return t(lang, ms > 0 ? 'sync.ahead' : 'sync.behind', { time: duration(lang, ms) });
}
