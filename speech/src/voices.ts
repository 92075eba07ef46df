/**
 * The voices the clip tool speaks with, one entry a language: espeak-ng's voice, how the Latin letters of
 * ticket codes are said, and the few words the apps say beside numbers and letters. Numbers need no entry
 * (espeak-ng reads digits in the voice's own language). A new language is a new entry here; an app then
 * lists it among the languages it speaks (display/src/lib/clips.ts, kiosk/src/lib/speech/clips.ts).
 */

export const LETTERS = 'abcdefghijklmnopqrstuvwxyz'.split('');

/** The words that clip names use directly: `<lang>/and`, `<lang>/ticket`… */
export const WORDS = ['and', 'ticket', 'counter', 'minutes'] as const;
export type Word = (typeof WORDS)[number];

export interface Voice {
  /** espeak-ng's voice name (`espeak-ng --voices` lists them). */
  espeak: string;
  /** Each letter a–z as it is said, written for espeak-ng (`letter-b` of ticket B-004). */
  letters: Readonly<Record<string, string>>;
  /**
   * `and` joins a hundred to the rest (142 = 100, and, 42); `ticket` and `counter` frame the display's
   * call ("Ticket number … please go to counter …"); `minutes` follows the kiosk's estimated wait.
   */
  words: Readonly<Record<Word, string>>;
}

/** Letters said by their own names, as an English voice does when given the capital. */
function capitals(): Record<string, string> {
  return Object.fromEntries(LETTERS.map((l) => [l, l.toUpperCase()]));
}

const voices = {
  ar: {
    espeak: 'ar',
    // Latin letter names as Bahrainis say them, in Arabic script with vowel marks (espeak-ng reads unvowelled
    // Arabic poorly). P uses پ; V has no Arabic-script spelling espeak-ng reads, so it is given as phonemes.
    letters: {
      a: 'إِيه', b: 'بِي', c: 'سِي', d: 'دِي', e: 'إِي', f: 'إِف', g: 'جِي', h: 'إِتْش', i: 'آي', j: 'جِيه', k: 'كِيه',
      l: 'إِل', m: 'إِم', n: 'إِن', o: 'أُو', p: 'پِي', q: 'كْيُو', r: 'آر', s: 'إِس', t: 'تِي', u: 'يُو', v: "[[v'i:]]",
      w: 'دَبْلْيُو', x: 'إِكْس', y: 'وَاي', z: 'زِد',
    },
    words: { and: 'و', ticket: 'التَّذْكِرَةُ رَقْم', counter: 'إِلَى الكاوِنْتَر رَقْم', minutes: 'دَقِيقَة' },
  },
  en: {
    espeak: 'en',
    letters: capitals(),
    words: { and: 'and', ticket: 'Ticket number', counter: 'please go to counter', minutes: 'minutes' },
  },
} satisfies Record<string, Voice>;

export type VoiceLang = keyof typeof voices;
export const VOICES: Readonly<Record<VoiceLang, Voice>> = voices;

export function isVoiceLang(lang: string): lang is VoiceLang {
  return Object.hasOwn(VOICES, lang);
}
