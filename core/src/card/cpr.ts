/** The CPR (personal number) as typed on the kiosk keypad or read from a card. */
import { cardFailure, type CardFailure } from './errors';

/** A CPR accepted by parseCpr: always 9 Western digits. */
export type CprResult = { ok: true; cpr: string } | CardFailure;

/** Arabic-Indic (٠-٩, U+0660) and Extended Arabic-Indic (۰-۹, U+06F0) digits to Western ones; the rest unchanged. */
export function toWesternDigits(s: string): string {
  return s.replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (c) => String((c.codePointAt(0) ?? 0) & 0xf));
}

/**
 * Parses a typed CPR: surrounding whitespace is trimmed, Arabic-Indic digits become Western, and the result
 * must be exactly 9 digits. There is deliberately no checksum test: the algorithm is not published and a
 * guessed one would turn real people away.
 */
export function parseCpr(input: string): CprResult {
  const cpr = toWesternDigits(String(input).trim());
  return /^\d{9}$/.test(cpr) ? { ok: true, cpr } : cardFailure('CPR_FORMAT');
}

/**
 * A CPR for clerks and logs: '•••••1234', only the last 4 digits visible. Anything shorter than 8 characters
 * is masked completely, so a malformed value never shows more than it hides.
 */
export function maskCpr(cpr: string): string {
  const s = toWesternDigits(String(cpr).trim());
  return s.length >= 8 ? `•••••${s.slice(-4)}` : '•••••••••';
}
