/**
 * What a keyboard-style scanner typed into the start screen's scan box.
 *
 * Booking QR: the token the centre signed (core's BOOKING_TOKEN_PATTERN, `DAWR-B1.<claims>.<signature>`), printed
 * by the portal on the booking confirmation. Only its form is checked here; the branch server verifies the
 * signature with the centre's key. Anything else of three 30-character lines (or one 90-character run) is taken as a
 * TD1 MRZ, which core's parseMrz verifies (check digits included).
 */
import { BOOKING_TOKEN_PATTERN } from '@dawr/core';

const BOOKING = BOOKING_TOKEN_PATTERN;

/** What the scan box holds: a booking token, an MRZ candidate, or nothing usable. */
export type ScanKind = { kind: 'booking'; token: string } | { kind: 'mrz'; text: string } | { kind: 'unknown' };

/** Classifies scanner text (surrounding whitespace and blank lines ignored). */
export function classifyScan(input: string): ScanKind {
  const text = String(input).replace(/\r\n?/g, '\n').trim();
  const booking = BOOKING.exec(text);
  if (booking) return { kind: 'booking', token: text };
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
  // Any of our codes (`DAWR-…`, an old unsigned one too) is sent at once, so it is answered rather than left waiting.
  if (lines.length === 1) return /^DAWR-/i.test(lines[0]!.trim()) || lines[0]!.trim().length === 90;
  return lines.length >= 3;
}
