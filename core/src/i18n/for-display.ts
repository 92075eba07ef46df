/**
 * The wall display's texts only (`@dawr/core/i18n/display`): common + display, Arabic and English. The
 * full dictionaries (kiosk, counter, sync, the visitor languages) stay out of the display's bundle.
 */
import type { Lang } from '../domain';
import { common } from './common';
import { display } from './display';
import { translator } from './translator';

const en = { ...common.en, ...display.en };
const ar: Record<keyof typeof en, string> = { ...common.ar, ...display.ar };

/** A key of the display's texts. */
export type DisplayKey = keyof typeof en;

/** `t` and `template` over the display's texts. */
export const { t, template } = translator<DisplayKey>({ ar, en });

/** `dir` attribute value for a display language. */
export function dirOf(lang: Lang): 'rtl' | 'ltr' {
  return lang === 'ar' ? 'rtl' : 'ltr';
}

export { HOTLINE } from './common';
