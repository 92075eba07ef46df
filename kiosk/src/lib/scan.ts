/**
 * What a keyboard-style scanner typed into the start screen's scan box.
 *
 * Booking QR format (defined here; the booking system prints it): the text `DAWR-APPT:` followed by the
 * appointment id, e.g. `DAWR-APPT:demo-seef-mall-2026-11-24-1`. The id is 1–64 characters of
 * `A-Z a-z 0-9 . _ : -` (no spaces); the prefix is case-insensitive, the id is kept as typed. Anything
 * else of three 30-character lines (or one 90-character run) is taken as a TD1 MRZ, which core's parseMrz
 * verifies (check digits included).
 */

/** The prefix of a booking QR code. */
export const BOOKING_QR_PREFIX = 'DAWR-APPT:';

const BOOKING = /^DAWR-APPT:([A-Za-z0-9._:-]{1,64})$/i;

/** What the scan box holds: a booking code, an MRZ candidate, or nothing usable. */
export type ScanKind = { kind: 'booking'; appointmentId: string } | { kind: 'mrz'; text: string } | { kind: 'unknown' };

/** Classifies scanner text (surrounding whitespace and blank lines ignored). */
export function classifyScan(input: string): ScanKind {
  const text = String(input).replace(/\r\n?/g, '\n').trim();
  const booking = BOOKING.exec(text);
  if (booking) return { kind: 'booking', appointmentId: booking[1]! };
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  if ((lines.length === 3 && lines.every((l) => l.length === 30)) || (lines.length === 1 && lines[0]!.length === 90)) {
    return { kind: 'mrz', text: lines.join('\n') };
  }
  return { kind: 'unknown' };
}

/**
 * Whether the scanner has finished typing: a booking line ended by Enter, or a third MRZ line ended by Enter
 * (or one 90-character run ended by Enter). Used by the page to send the scan without a button press.
 */
export function scanComplete(value: string): boolean {
  const text = value.replace(/\r\n?/g, '\n');
  if (!text.endsWith('\n')) return false;
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  if (lines.length === 1) return BOOKING.test(lines[0]!.trim()) || lines[0]!.trim().length === 90;
  return lines.length >= 3;
}
