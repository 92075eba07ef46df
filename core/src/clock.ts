/** Branch-local calendar and clock helpers. Pure: every function takes `now` (epoch ms). */

const partsCache = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = partsCache.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    partsCache.set(timeZone, f);
  }
  return f;
}

/**
 * Recent answers by time zone and minute: Intl formatting is slow and callers ask many times a minute, often about
 * a few different minutes in turn (now, and a booking's slot). Bounded: the oldest entries go first.
 */
const recentParts = new Map<string, { day: string; minutes: number }>();
const RECENT_MAX = 64;

/** Local date and minutes since midnight of `now` in `timeZone`. */
export function localParts(now: number, timeZone: string): { day: string; minutes: number } {
  const key = `${timeZone}|${Math.floor(now / 60_000)}`;
  const hit = recentParts.get(key);
  if (hit) return hit;
  const p = Object.fromEntries(formatter(timeZone).formatToParts(new Date(now)).map((x) => [x.type, x.value]));
  const parts = { day: `${p.year}-${p.month}-${p.day}`, minutes: Number(p.hour) * 60 + Number(p.minute) };
  if (recentParts.size >= RECENT_MAX) recentParts.delete(recentParts.keys().next().value!);
  recentParts.set(key, parts);
  return parts;
}

/** The branch-local day (YYYY-MM-DD) that numbers reset on. */
export function localDay(now: number, timeZone: string): string {
  return localParts(now, timeZone).day;
}

/** "HH:MM" to minutes since midnight; throws on a malformed time. */
export function parseHhMm(hhmm: string): number {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  if (!m) throw new Error(`bad time of day: ${hhmm}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** Whether `now` falls inside [opensAt, closesAt) branch-local time. */
export function isOpen(now: number, hours: { timezone: string; opensAt: string; closesAt: string }): boolean {
  const { minutes } = localParts(now, hours.timezone);
  return minutes >= parseHhMm(hours.opensAt) && minutes < parseHhMm(hours.closesAt);
}

/**
 * The time zone's offset from UTC at `now`, in ms (Asia/Bahrain: +3 h). Minute resolution, which every
 * zone in use has; it is the offset in force at `now`, so a day that changes offset is off by that change.
 */
export function utcOffsetMs(now: number, timeZone: string): number {
  const { day, minutes } = localParts(now, timeZone);
  const localAsUtc = Date.parse(`${day}T00:00:00Z`) + minutes * 60_000;
  return localAsUtc - Math.floor(now / 60_000) * 60_000;
}

/** The branch-local day of `now` as the epoch-ms range [start, end): local midnight to the next one. */
export function localDayRange(now: number, timeZone: string): { start: number; end: number } {
  const start = Date.parse(`${localDay(now, timeZone)}T00:00:00Z`) - utcOffsetMs(now, timeZone);
  return { start, end: start + 86_400_000 };
}
