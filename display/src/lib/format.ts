/** Clock and date texts in the branch's time zone, always with Western digits (one digit style). */
import type { Lang } from '@dawr/core';

const LOCALES: Record<Lang, string> = { ar: 'ar-BH-u-nu-latn', en: 'en-GB' };
const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(lang: Lang, timeZone: string, kind: 'time' | 'date'): Intl.DateTimeFormat {
  const k = `${lang}|${timeZone}|${kind}`;
  let f = cache.get(k);
  if (!f) {
    f = new Intl.DateTimeFormat(
      LOCALES[lang],
      kind === 'time'
        ? { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23', numberingSystem: 'latn' }
        : { timeZone, weekday: 'long', day: 'numeric', month: 'long', numberingSystem: 'latn' },
    );
    cache.set(k, f);
  }
  return f;
}

/** "09:41" */
export function clockTime(now: number, lang: Lang, timeZone: string): string {
  return formatter(lang, timeZone, 'time').format(now);
}

/** "Tuesday 24 November" / "الثلاثاء 24 نوفمبر" */
export function clockDate(now: number, lang: Lang, timeZone: string): string {
  return formatter(lang, timeZone, 'date').format(now);
}
