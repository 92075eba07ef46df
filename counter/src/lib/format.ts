/** Times and identities as the counter screens show them (always Western digits, like ticket codes). */

/** Whole minutes in `ms` (never negative). */
export function minutes(ms: number): number {
  return Math.max(0, Math.floor(ms / 60_000));
}

/** A running timer: "m:ss", or "h:mm:ss" past an hour. */
export function clock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** "HH:MM" of an instant in the branch's time zone (not the PC's: the branch clock is the reference). */
export function timeOfDay(at: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(at);
}

/** A CPR shown to the clerk: only the last 4 digits, the rest masked ("•••••2345"). */
export function maskedCpr(last4: string): string {
  return `•••••${last4}`;
}
