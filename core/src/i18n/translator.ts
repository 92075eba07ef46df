/**
 * A typed lookup over one set of Arabic and English texts. Each app builds its own from the dictionary
 * parts it shows (for-display.ts), so a browser bundle carries those texts only, and a key outside them
 * is a type error.
 */
import type { Lang } from '../domain';

/** Fills `{name}` placeholders of `text` from `params` (an unknown name stays as it is). */
export function fill(text: string, params: Record<string, string | number> = {}): string {
  return text.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? `{${k}}`));
}

/** `t` and `template` over `texts`, typed by its keys. */
export interface Translator<K extends string> {
  /** Looks up `key` in `lang` and fills its `{name}` placeholders. */
  t(lang: Lang, key: K, params?: Record<string, string | number>): string;
  /** The raw text of `key` in `lang`, placeholders unfilled. */
  template(lang: Lang, key: K): string;
}

/** Builds the lookup of one app's texts (both languages have every key: the type says so). */
export function translator<K extends string>(texts: Record<Lang, Record<K, string>>): Translator<K> {
  return {
    t: (lang, key, params) => fill(texts[lang][key], params),
    template: (lang, key) => texts[lang][key],
  };
}
