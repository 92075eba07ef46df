/**
 * The languages a visitor can choose at the kiosk, on the printed ticket and on the phone page. Arabic and
 * English are every screen's languages (their dictionaries are always loaded); the others are loaded only
 * when chosen, each from its own file under ./langs/ (one chunk each in a browser build).
 *
 * Adding a language: write `langs/<code>.ts` (a `VisitorDictionary`: a missing or extra key is a type
 * error), add one entry here, and give its script a font (README "Languages").
 */
import type { VisitorDictionary } from './visitor';

/** How a language is written, which decides its font on screen and on paper. */
export type Script = 'arabic' | 'nastaliq' | 'latin' | 'devanagari' | 'malayalam' | 'bengali' | 'tamil';

interface LanguageEntry {
  /** BCP 47 code: the `lang` attribute, the `?lang=` value, the clip folder. */
  readonly code: string;
  /** The language's name in itself, as the chooser shows it. */
  readonly name: string;
  readonly dir: 'rtl' | 'ltr';
  readonly script: Script;
  /** Loads the dictionary (absent for Arabic and English, always loaded). */
  readonly load?: () => Promise<{ default: VisitorDictionary }>;
}

/** Every visitor language, in the chooser's order. */
export const VISITOR_LANGUAGES = [
  { code: 'ar', name: 'العربية', dir: 'rtl', script: 'arabic' },
  { code: 'en', name: 'English', dir: 'ltr', script: 'latin' },
  { code: 'ur', name: 'اردو', dir: 'rtl', script: 'nastaliq', load: () => import('./langs/ur') },
  { code: 'hi', name: 'हिन्दी', dir: 'ltr', script: 'devanagari', load: () => import('./langs/hi') },
  { code: 'ml', name: 'മലയാളം', dir: 'ltr', script: 'malayalam', load: () => import('./langs/ml') },
  { code: 'bn', name: 'বাংলা', dir: 'ltr', script: 'bengali', load: () => import('./langs/bn') },
  { code: 'ta', name: 'தமிழ்', dir: 'ltr', script: 'tamil', load: () => import('./langs/ta') },
  { code: 'tl', name: 'Tagalog', dir: 'ltr', script: 'latin', load: () => import('./langs/tl') },
] as const satisfies readonly LanguageEntry[];

/** A language a visitor can choose. */
export type VisitorLang = (typeof VISITOR_LANGUAGES)[number]['code'];

/** Every visitor language code, in the chooser's order. */
export const VISITOR_LANGS: readonly VisitorLang[] = VISITOR_LANGUAGES.map((l) => l.code);

/** The list entry of `lang`. */
export function languageOf(lang: VisitorLang): LanguageEntry {
  return VISITOR_LANGUAGES.find((l) => l.code === lang)!;
}

/** Whether `value` names a visitor language (for `?lang=` and other input). */
export function isVisitorLang(value: unknown): value is VisitorLang {
  return typeof value === 'string' && (VISITOR_LANGS as readonly string[]).includes(value);
}
