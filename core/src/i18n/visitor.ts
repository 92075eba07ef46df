/**
 * What a visitor language must translate: every text of the kiosk, the printed ticket and the phone page.
 * A language file is a `VisitorDictionary`, so a key it misses (or one it invents) is a type error and the
 * build fails instead of a screen showing a blank.
 */
import type { common } from './common';
import type { kiosk } from './kiosk';
import type { phone } from './phone';
import type { VisitorTextKey } from './visitor-texts';
import type { wait } from './wait';

/** A key every visitor language has. */
export type VisitorKey =
  | Exclude<keyof typeof common.en, 'lang.switch' | 'lang.switchLabel'>
  | keyof typeof kiosk.en
  | keyof typeof wait.en
  | keyof typeof phone.en
  | VisitorTextKey;

/** One visitor language's dictionary: exactly the visitor keys. */
export type VisitorDictionary = { readonly [K in VisitorKey]: string };
