/**
 * The announcement clip set: which clips exist and which ones say a call. Shared by the app (what to
 * play) and by scripts/make-clips.ts (what to generate), so the two can never disagree on a name.
 *
 * A clip name is a path without extension under /display/audio/: `chime`, `ar/ticket`, `en/letter-a`,
 * `ar/42`, `en/300`. Numbers 0–99 have a clip each and hundreds 100…900 one each; 142 is said as
 * `100`, `and`, `42` ("one hundred and forty-two", "مئة واثنان وأربعون"). That covers every ticket
 * A-001…Z-999 and every counter 1–99 with 2 × 138 + 1 clips.
 */
import type { Lang } from '@dawr/core';

/** Announcement languages, in the order they are spoken: Arabic first, as on the screens. */
export const ANNOUNCE_LANGS: readonly Lang[] = ['ar', 'en'];

/** File extension of every generated clip (Ogg Vorbis: decodeAudioData reads it in Chromium). */
export const CLIP_EXT = 'ogg';

const LETTERS = 'abcdefghijklmnopqrstuvwxyz'.split('');

/** Clips that say a whole number 0–999, e.g. 142 → `en/100`, `en/and`, `en/42`. */
export function numberClips(lang: Lang, n: number): string[] {
  if (!Number.isInteger(n) || n < 0 || n > 999) throw new RangeError(`cannot say ${n}`);
  if (n < 100) return [`${lang}/${n}`];
  const hundreds = Math.floor(n / 100) * 100;
  const rest = n % 100;
  return rest === 0 ? [`${lang}/${hundreds}`] : [`${lang}/${hundreds}`, `${lang}/and`, `${lang}/${rest}`];
}

/**
 * Clips that say a ticket number. "A-042" → letter A, then 42 as a whole number (nobody says "zero
 * four two"). Anything of another shape is spelled character by character, so it is still said.
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

/** One language's part of a call: "Ticket number A 42, please go to counter 5". */
export function callClips(lang: Lang, ticket: string, counter: number): string[] {
  return [`${lang}/ticket`, ...ticketClips(lang, ticket), `${lang}/counter`, ...numberClips(lang, counter)];
}

/** A whole announcement, as a list of parts (played with a short pause between parts). */
export function announcementParts(ticket: string, counter: number): string[][] {
  return [['chime'], ...ANNOUNCE_LANGS.map((lang) => callClips(lang, ticket, counter))];
}

/** Every clip name the app can ask for (what the generator must produce). */
export function allClipNames(): string[] {
  const names = ['chime'];
  for (const lang of ANNOUNCE_LANGS) {
    names.push(`${lang}/ticket`, `${lang}/counter`, `${lang}/and`);
    for (const l of LETTERS) names.push(`${lang}/letter-${l}`);
    for (let n = 0; n < 100; n++) names.push(`${lang}/${n}`);
    for (let h = 100; h < 1000; h += 100) names.push(`${lang}/${h}`);
  }
  return names;
}
