/**
 * The announcement clip set: which clips exist and which ones say a call. Shared by the app (what to
 * play) and by scripts/make-clips.ts (what the clip tool, speech/, makes), so the two never disagree on a name.
 *
 * A clip name is a path without extension under /display/audio/: `chime`, `ar/ticket`, `en/letter-a`,
 * `ar/42`, `en/300`. Numbers 0–99 have a clip each and hundreds 100…900 one each; 142 is said as
 * `100`, `and`, `42` ("one hundred and forty-two", "مئة واثنان وأربعون"). That covers every ticket
 * A-001…Z-999 and every counter 1–99 with 2 × 138 + 1 clips.
 */
import { numberClips, spokenNumberClipNames, ticketClips, type Lang } from '@dawr/core';

/** Announcement languages, in the order they are spoken: Arabic first, as on the screens. */
export const ANNOUNCE_LANGS: readonly Lang[] = ['ar', 'en'];

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
    names.push(`${lang}/ticket`, `${lang}/counter`, ...spokenNumberClipNames(lang));
  }
  return names;
}
