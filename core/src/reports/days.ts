/** Branch-local days and hours for reports. Pure; an offset is looked up once per day, not per event. */
import { localDay, utcOffsetMs } from '../clock';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** The start (local midnight, epoch ms) of a branch-local day `YYYY-MM-DD`. */
export function dayStart(day: string, timeZone: string): number {
  const utcMidnight = Date.parse(`${day}T00:00:00Z`);
  // The offset in force at local noon: a day's hours are counted in the offset most of it runs in.
  return utcMidnight - utcOffsetMs(utcMidnight + 12 * HOUR_MS, timeZone);
}

/** The branch-local day after `day`. */
export function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
}

/** The branch-local day `n` days after `day` (negative: before). */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Every day from `from` to `to`, both included (empty when `to` is before `from`). */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = nextDay(d)) out.push(d);
  return out;
}

/** Day of the week of a `YYYY-MM-DD` (0 Sunday … 6 Saturday). */
export function weekday(day: string): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay();
}

/** Whether a string is a real calendar day `YYYY-MM-DD`. */
export function isDay(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;
}

/**
 * A calendar of branch-local days: start and end of each day and the local hour of an instant, each day's
 * offset computed once (a year of events would otherwise ask Intl a million times).
 */
export class DayClock {
  private readonly starts = new Map<string, number>();
  private readonly ends = new Map<string, number>();

  constructor(readonly timeZone: string) {}

  /** Local midnight of `day`. */
  start(day: string): number {
    let s = this.starts.get(day);
    if (s === undefined) this.starts.set(day, (s = dayStart(day, this.timeZone)));
    return s;
  }

  /** The next local midnight after `day` began. */
  end(day: string): number {
    let e = this.ends.get(day);
    if (e === undefined) this.ends.set(day, (e = this.start(nextDay(day))));
    return e;
  }

  /** The branch-local day of an instant. */
  dayOf(at: number): string {
    return localDay(at, this.timeZone);
  }

  /** The local hour (0–23) of `at`, taken within `day` (an instant after that day's end counts as hour 23). */
  hour(day: string, at: number): number {
    const h = Math.floor((at - this.start(day)) / HOUR_MS);
    return h < 0 ? 0 : h > 23 ? 23 : h;
  }
}
