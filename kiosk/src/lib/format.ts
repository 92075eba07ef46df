/**
 * Dates and times as the kiosk shows them: always Western digits (chosen explicitly: Chromium and Node give
 * `ar-BH` Eastern Arabic digits by default), 24-hour clock, in the branch's time zone.
 */

function parts(epochMs: number, timeZone: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of new Intl.DateTimeFormat('en-GB', {
    timeZone,
    numberingSystem: 'latn',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(epochMs))) {
    out[p.type] = p.value;
  }
  return out;
}

/** "09:15" in `timeZone`. */
export function formatTime(epochMs: number, timeZone: string): string {
  const p = parts(epochMs, timeZone);
  return `${p.hour}:${p.minute}`;
}

/** "2026-11-24 09:15" in `timeZone` (the printed ticket's format too). */
export function formatDateTime(epochMs: number, timeZone: string): string {
  const p = parts(epochMs, timeZone);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}
