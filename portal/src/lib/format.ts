/** Dates and times as the citizen reads them: the branch's time zone (Asia/Bahrain), Western digits. */
import type { Lang } from '@dawr/core';

const TZ = 'Asia/Bahrain';
const cache = new Map<string, Intl.DateTimeFormat>();

function fmt(lang: Lang, o: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = lang + JSON.stringify(o);
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(lang === 'ar' ? 'ar-BH-u-nu-latn' : 'en-GB', { timeZone: TZ, ...o });
    cache.set(key, f);
  }
  return f;
}

/** 09:30 */
export const timeText = (ms: number, lang: Lang): string => fmt(lang, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(ms);

/** Monday 7 December 2026 */
export const dateText = (ms: number, lang: Lang): string => fmt(lang, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(ms);

/** A 'YYYY-MM-DD' branch day, short: Mon 7 Dec */
export const dayText = (day: string, lang: Lang): string => fmt(lang, { weekday: 'short', day: 'numeric', month: 'short' }).format(Date.parse(`${day}T12:00:00+03:00`));
