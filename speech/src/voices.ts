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
  // The visitor languages (issue 12). Latin letters as speakers of each language name them, in its own
  // script; `counter`/`ticket` frame the display's call should a display ever announce in these languages.
  ur: {
    espeak: 'ur',
    letters: {
      a: 'اے', b: 'بی', c: 'سی', d: 'ڈی', e: 'ای', f: 'ایف', g: 'جی', h: 'ایچ', i: 'آئی', j: 'جے', k: 'کے', l: 'ایل', m: 'ایم',
      n: 'این', o: 'او', p: 'پی', q: 'کیو', r: 'آر', s: 'ایس', t: 'ٹی', u: 'یو', v: 'وی', w: 'ڈبلیو', x: 'ایکس', y: 'وائی', z: 'زیڈ',
    },
    words: { and: 'اور', ticket: 'ٹکٹ نمبر', counter: 'براہ کرم کاؤنٹر نمبر', minutes: 'منٹ' },
  },
  hi: {
    espeak: 'hi',
    letters: {
      a: 'ए', b: 'बी', c: 'सी', d: 'डी', e: 'ई', f: 'एफ़', g: 'जी', h: 'एच', i: 'आई', j: 'जे', k: 'के', l: 'एल', m: 'एम',
      n: 'एन', o: 'ओ', p: 'पी', q: 'क्यू', r: 'आर', s: 'एस', t: 'टी', u: 'यू', v: 'वी', w: 'डब्ल्यू', x: 'एक्स', y: 'वाई', z: 'ज़ेड',
    },
    words: { and: 'और', ticket: 'टिकट नंबर', counter: 'कृपया काउंटर नंबर', minutes: 'मिनट' },
  },
  ml: {
    espeak: 'ml',
    letters: {
      a: 'എ', b: 'ബി', c: 'സി', d: 'ഡി', e: 'ഇ', f: 'എഫ്', g: 'ജി', h: 'എച്ച്', i: 'ഐ', j: 'ജെ', k: 'കെ', l: 'എൽ', m: 'എം',
      n: 'എൻ', o: 'ഒ', p: 'പി', q: 'ക്യൂ', r: 'ആർ', s: 'എസ്', t: 'ടി', u: 'യു', v: 'വി', w: 'ഡബ്ല്യു', x: 'എക്സ്', y: 'വൈ', z: 'സെഡ്',
    },
    words: { and: 'കൂടാതെ', ticket: 'ടിക്കറ്റ് നമ്പർ', counter: 'ദയവായി കൗണ്ടർ നമ്പർ', minutes: 'മിനിറ്റ്' },
  },
  bn: {
    espeak: 'bn',
    letters: {
      a: 'এ', b: 'বি', c: 'সি', d: 'ডি', e: 'ই', f: 'এফ', g: 'জি', h: 'এইচ', i: 'আই', j: 'জে', k: 'কে', l: 'এল', m: 'এম',
      n: 'এন', o: 'ও', p: 'পি', q: 'কিউ', r: 'আর', s: 'এস', t: 'টি', u: 'ইউ', v: 'ভি', w: 'ডাবলিউ', x: 'এক্স', y: 'ওয়াই', z: 'জেড',
    },
    words: { and: 'এবং', ticket: 'টিকিট নম্বর', counter: 'অনুগ্রহ করে কাউন্টার নম্বর', minutes: 'মিনিট' },
  },
  ta: {
    espeak: 'ta',
    letters: {
      a: 'ஏ', b: 'பி', c: 'சி', d: 'டி', e: 'ஈ', f: 'எஃப்', g: 'ஜி', h: 'ஹெச்', i: 'ஐ', j: 'ஜே', k: 'கே', l: 'எல்', m: 'எம்',
      n: 'என்', o: 'ஓ', p: 'பி', q: 'க்யூ', r: 'ஆர்', s: 'எஸ்', t: 'டி', u: 'யூ', v: 'வி', w: 'டபிள்யூ', x: 'எக்ஸ்', y: 'ஒய்', z: 'இசட்',
    },
    words: { and: 'மற்றும்', ticket: 'டிக்கெட் எண்', counter: 'தயவுசெய்து கவுண்டர் எண்', minutes: 'நிமிடங்கள்' },
  },
} satisfies Record<string, Voice>;

export type VoiceLang = keyof typeof voices;
export const VOICES: Readonly<Record<VoiceLang, Voice>> = voices;

export function isVoiceLang(lang: string): lang is VoiceLang {
  return Object.hasOwn(VOICES, lang);
}
