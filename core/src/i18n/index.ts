/**
 * Typed dictionaries. Each screen family has its own file (common, kiosk, display, counter) holding
 * both languages; a key missing from either language is a type error.
 */
import type { Lang } from '../domain';
import { common } from './common';
import { counter } from './counter';
import { display } from './display';
import { kiosk } from './kiosk';
import { phone } from './phone';
import { sync } from './sync';
import { wait } from './wait';

const en = { ...common.en, ...kiosk.en, ...display.en, ...counter.en, ...phone.en, ...wait.en, ...sync.en };
const ar = { ...common.ar, ...kiosk.ar, ...display.ar, ...counter.ar, ...phone.ar, ...wait.ar, ...sync.ar };

export type MessageKey = keyof typeof en;
export { waitWords, type WaitKey } from './wait';
export const dictionaries: Record<Lang, Record<MessageKey, string>> = { ar, en };

/** The hotline printed on every help screen and ticket (shared/seed). */
export const HOTLINE = '80008001';

/** Looks up `key` in `lang` and fills `{name}` placeholders. */
export function t(lang: Lang, key: MessageKey, params: Record<string, string | number> = {}): string {
  return dictionaries[lang][key].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? `{${k}}`));
}

/** `dir` attribute value for a language. */
export function dirOf(lang: Lang): 'rtl' | 'ltr' {
  return lang === 'ar' ? 'rtl' : 'ltr';
}
