/**
 * Typed dictionaries. Each screen family has its own file (common, kiosk, display, counter) holding
 * both languages; a key missing from either language is a type error. The visitor languages beyond
 * Arabic and English (languages.ts) translate the visitor keys only (visitor.ts) and are loaded when
 * chosen (`loadLanguage`); `t` then reads them synchronously like Arabic and English.
 * An app that shows a few screens' texts only imports its own set instead (for-display.ts,
 * `@dawr/core/i18n/display`), so its bundle does not carry every dictionary.
 */
import type { Lang, Localized } from '../domain';
import { common } from './common';
import { counter } from './counter';
import { display } from './display';
import { kiosk } from './kiosk';
import { isVisitorLang, languageOf, type VisitorLang } from './languages';
import { phone } from './phone';
import { sync } from './sync';
import type { VisitorDictionary, VisitorKey } from './visitor';
import { visitorTexts } from './visitor-texts';
import { wait } from './wait';

const en = { ...common.en, ...kiosk.en, ...display.en, ...counter.en, ...phone.en, ...wait.en, ...sync.en, ...visitorTexts.en };
const ar = { ...common.ar, ...kiosk.ar, ...display.ar, ...counter.ar, ...phone.ar, ...wait.ar, ...sync.ar, ...visitorTexts.ar };

export type MessageKey = keyof typeof en;
export { waitWords, type WaitKey } from './wait';
export { VISITOR_LANGUAGES, VISITOR_LANGS, isVisitorLang, languageOf, type Script, type VisitorLang } from './languages';
export type { VisitorDictionary, VisitorKey } from './visitor';
export { CARD_READ_TEXTS, TRANSLATED_BRANCH_IDS, TRANSLATED_SERVICE_CODES, VISITOR_ERROR_CODES } from './visitor-texts';
export const dictionaries: Record<Lang, Record<MessageKey, string>> = { ar, en };

export { HOTLINE } from './common';

/** Visitor languages whose dictionary is here (Arabic and English always). */
const loaded = new Map<VisitorLang, VisitorDictionary>([
  ['ar', ar],
  ['en', en],
]);

/** The English text of each visitor key, to find a catalogue or error text's translation (see `pick`). */
let byEnglish: Map<string, VisitorKey> | null = null;

/** Loads `lang`'s dictionary (once; Arabic and English are always there). */
export async function loadLanguage(lang: VisitorLang): Promise<void> {
  if (loaded.has(lang)) return;
  const entry = languageOf(lang);
  if (!('load' in entry) || !entry.load) throw new Error(`no dictionary for ${lang}`);
  loaded.set(lang, (await entry.load()).default);
}

/** Whether `lang`'s dictionary is loaded, so `t(lang, …)` can be called. */
export function isLanguageLoaded(lang: VisitorLang): boolean {
  return loaded.has(lang);
}

/** The raw text of `key` in `lang`, placeholders unfilled. Throws when `lang` was not loaded. */
export function template(lang: VisitorLang, key: VisitorKey | MessageKey): string {
  if (lang === 'ar' || lang === 'en') return dictionaries[lang][key as MessageKey];
  const dict = loaded.get(lang);
  if (!dict) throw new Error(`dictionary ${lang} is not loaded (loadLanguage first)`);
  return dict[key as VisitorKey];
}

/** Looks up `key` in `lang` and fills `{name}` placeholders. */
export function t(lang: Lang, key: MessageKey, params?: Record<string, string | number>): string;
export function t(lang: VisitorLang, key: VisitorKey, params?: Record<string, string | number>): string;
export function t(lang: VisitorLang, key: MessageKey, params: Record<string, string | number> = {}): string {
  return template(lang, key).replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? `{${k}}`));
}

/**
 * A text that came as Arabic + English (the catalogue's service names and requirements, branch names,
 * refusals) in `lang`: the visitor language's translation of exactly that English text when it has one,
 * else the English text (a service the centre added or renamed after this build).
 */
export function pick(text: Localized, lang: VisitorLang): string {
  if (lang === 'ar' || lang === 'en') return text[lang];
  const dict = loaded.get(lang);
  if (!dict) return text.en;
  // Built from a visitor dictionary's keys, so only visitor keys are found (staff texts may repeat them).
  byEnglish ??= new Map(Object.keys(dict).map((k) => [en[k as VisitorKey], k as VisitorKey]));
  const key = byEnglish.get(text.en);
  return key ? dict[key] : text.en;
}

/** `dir` attribute value for a language. */
export function dirOf(lang: VisitorLang): 'rtl' | 'ltr' {
  return isVisitorLang(lang) ? languageOf(lang).dir : 'ltr';
}
