/**
 * What each clip says. A clip name is `<lang>/<key>`: a number (`ar/42`, said by espeak-ng itself), a
 * letter (`en/letter-b`), a word of the voice table (`ar/and`), or a text the app supplies (the kiosk's
 * dictionary texts, `en/kiosk.start.title`). `chime` is the one clip that is not speech.
 */
import { isVoiceLang, VOICES, WORDS, type VoiceLang, type Word } from './voices';

/** A clip to synthesise: espeak-ng says `text` with the voice of `lang`. */
export interface SpeechJob {
  name: string;
  lang: VoiceLang;
  text: string;
}

/** The app's own texts by language and key; undefined when it has none for that key. */
export type AppTexts = (lang: VoiceLang, key: string) => string | undefined;

/** Clips that are sounds, not speech. */
export const SOUNDS = ['chime'] as const;
export type Sound = (typeof SOUNDS)[number];

/** What espeak-ng is asked to say for a speech clip; throws for a name nothing can say. */
export function speechJob(name: string, texts?: AppTexts): SpeechJob {
  const slash = name.indexOf('/');
  const lang = name.slice(0, slash);
  const key = name.slice(slash + 1);
  if (slash < 0 || !isVoiceLang(lang) || !key) throw new Error(`not a speech clip: ${name}`);
  const voice = VOICES[lang];
  if (/^\d+$/.test(key)) return { name, lang, text: key };
  const letter = /^letter-([a-z])$/.exec(key)?.[1];
  if (letter) return { name, lang, text: voice.letters[letter]! };
  if ((WORDS as readonly string[]).includes(key)) return { name, lang, text: voice.words[key as Word] };
  const text = texts?.(lang, key);
  if (!text) throw new Error(`no text for clip ${name}`);
  if (/\{\w+\}/.test(text)) throw new Error(`clip ${name}: texts with placeholders cannot be pre-made`);
  // "Please wait…": espeak-ng reads the ellipsis character aloud in some voices.
  return { name, lang, text: text.replaceAll('…', '.') };
}
