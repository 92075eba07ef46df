/** How the report screens write figures: minutes, shares, hours, and who a clerk is. Western digits, like ticket codes. */
import type { Counter, Lang } from '@dawr/core';
import { tr, type ClerkFigures, type ReportView } from '@dawr/core/reports';

/** A duration in minutes ("7 min", "12.5 min" under ten minutes keeps a decimal), or "–". */
export function minText(lang: Lang, ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return tr(lang, 'reports.none');
  const min = ms / 60_000;
  return tr(lang, 'reports.min', { n: min < 10 ? Math.round(min * 10) / 10 : Math.round(min) });
}

/** A long duration (a clerk's day): "7 h 32 min" from two hours on, else as {@link minText}. */
export function hoursText(lang: Lang, ms: number): string {
  const min = Math.round(ms / 60_000);
  return min < 120 ? minText(lang, ms) : tr(lang, 'reports.hm', { h: Math.floor(min / 60), m: min % 60 });
}

/** A share as a percentage ("62.5%"), or "–". */
export function pctText(lang: Lang, share: number | null | undefined): string {
  if (share === null || share === undefined) return tr(lang, 'reports.none');
  return tr(lang, 'reports.pct', { n: Math.round(share * 1000) / 10 });
}

/** "09:00" for hour 9. */
export function hourText(hour: number): string {
  return `${String(hour).padStart(2, '0')}:00`;
}

/** A clerk's name, or for a counter PC with nobody signed in, "Counter 4 PC". */
export function clerkName(lang: Lang, c: ClerkFigures, view: ReportView, counters: readonly Counter[]): string {
  if (c.clerkId !== null) return view.staff[c.clerkId] ?? c.clerkId;
  const n = counters.find((x) => x.id === c.counterId)?.number;
  return tr(lang, 'reports.clerk.device', { n: n ?? '?' });
}

/** The numbers of counters by id, joined ("3, 4"). */
export function counterNumbers(ids: readonly string[], counters: readonly Counter[]): string {
  return ids.map((id) => counters.find((c) => c.id === id)?.number ?? '?').join(', ');
}

/** GETs a report endpoint of this branch server (the session cookie goes along); null when it fails. */
export async function getJson<T>(path: string): Promise<T | null> {
  try {
    const res = await fetch(path, { credentials: 'same-origin' });
    const body = (await res.json()) as { ok?: boolean } & T;
    return res.ok && body.ok ? body : null;
  } catch {
    return null;
  }
}
