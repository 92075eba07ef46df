/** Calendar-date helpers shared by the card parsers and rules. Dates are plain 'YYYY-MM-DD' strings. */

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** Days in month `m` (1-12) of year `y`. */
export function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeap(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;
}

/** 'YYYY-MM-DD' for a real calendar date, else null (month 13, 31 April, 29 February of 2025…). */
export function isoDate(y: number, m: number, d: number): string | null {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return null;
  if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** A chip date `YYYYMMDD` to 'YYYY-MM-DD', or null if it is not 8 digits or not a real date. */
export function parseYyyymmdd(s: string): string | null {
  if (!/^\d{8}$/.test(s)) return null;
  return isoDate(Number(s.slice(0, 4)), Number(s.slice(4, 6)), Number(s.slice(6, 8)));
}

/** 'YYYY-MM-DD' to its parts; throws RangeError if it is not a real date (a caller's bug, not user input). */
export function isoParts(date: string): { y: number; m: number; d: number } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const parts = m ? { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) } : null;
  if (!parts || isoDate(parts.y, parts.m, parts.d) === null) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  return parts;
}

/** Whole days from date `a` to date `b` (negative if b is earlier). */
export function daysBetween(a: string, b: string): number {
  const pa = isoParts(a);
  const pb = isoParts(b);
  return Math.round((Date.UTC(pb.y, pb.m - 1, pb.d) - Date.UTC(pa.y, pa.m - 1, pa.d)) / 86_400_000);
}
