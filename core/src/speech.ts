/**
 * How numbers and ticket codes are spoken from pre-made clips (the wall display's announcements and the
 * kiosk's speech). A clip name is `<lang>/<word>`: numbers 0–99 and hundreds 100…900 have a clip each,
 * letters are `letter-a`…`letter-z`, and `and` joins hundreds to the rest (142 → 100, and, 42).
 */
import type { VisitorLang as Lang } from './i18n/languages';

const LETTERS = 'abcdefghijklmnopqrstuvwxyz'.split('');

/** Clips that say a whole number 0–999; none for anything else (speech must never stop a screen). */
export function numberClips(lang: Lang, n: number): string[] {
  if (!Number.isInteger(n) || n < 0 || n > 999) return [];
  if (n < 100) return [`${lang}/${n}`];
  const hundreds = Math.floor(n / 100) * 100;
  const rest = n % 100;
  return rest === 0 ? [`${lang}/${hundreds}`] : [`${lang}/${hundreds}`, `${lang}/and`, `${lang}/${rest}`];
}

/**
 * Clips that say a ticket code: "A-042" → letter A, then 42 as a whole number (nobody says "zero four
 * two"). Anything of another shape is spelled character by character, so it is still said.
 */
export function ticketClips(lang: Lang, ticket: string): string[] {
  const m = /^([A-Za-z])-?(\d{1,3})$/.exec(ticket.trim());
  if (m) return [`${lang}/letter-${m[1]!.toLowerCase()}`, ...numberClips(lang, Number(m[2]))];
  const out: string[] = [];
  for (const ch of ticket.toLowerCase()) {
    if (/[a-z]/.test(ch)) out.push(`${lang}/letter-${ch}`);
    else if (/\d/.test(ch)) out.push(`${lang}/${ch}`);
  }
  return out;
}

/** Every clip the two functions above can ask for in `lang` (what a clip generator must produce). */
export function spokenNumberClipNames(lang: Lang): string[] {
  const names = [`${lang}/and`];
  for (const l of LETTERS) names.push(`${lang}/letter-${l}`);
  for (let n = 0; n < 100; n++) names.push(`${lang}/${n}`);
  for (let h = 100; h < 1000; h += 100) names.push(`${lang}/${h}`);
  return names;
}
