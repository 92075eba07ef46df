/**
 * Error codes of the ID-card parsers (typed CPR, MRZ, chip files), with messages in both languages in the
 * shape of ERROR_MESSAGES (../errors.ts). Kept apart from it: these never leave the kiosk as a command's
 * answer; the kiosk shows them and offers the next way in (card → MRZ → keypad).
 */
import type { Localized } from '../domain';

/** Every card error code with its message in English and Arabic (the kiosk shows them as they are). */
export const CARD_ERROR_MESSAGES = {
  CPR_FORMAT: {
    en: 'A CPR number has exactly 9 digits. Please check the number and try again.',
    ar: 'الرقم الشخصي يتكون من 9 أرقام بالضبط. يرجى التحقق من الرقم والمحاولة مرة أخرى.',
  },
  MRZ_FORMAT: {
    en: 'The code on the back of the card could not be read. Please scan it again.',
    ar: 'تعذرت قراءة الرمز الموجود على ظهر البطاقة. يرجى مسحه مرة أخرى.',
  },
  MRZ_CHECK: {
    en: 'The code on the back of the card was misread. Please scan it again.',
    ar: 'تمت قراءة الرمز الموجود على ظهر البطاقة بشكل غير صحيح. يرجى مسحه مرة أخرى.',
  },
  MRZ_NOT_ID: {
    en: 'This code is not from an identity card. Please scan the back of your ID card, or type your CPR number.',
    ar: 'هذا الرمز ليس من بطاقة هوية. يرجى مسح ظهر بطاقة الهوية أو إدخال الرقم الشخصي.',
  },
  MRZ_DATE: {
    en: 'The code on the back of the card holds an impossible date. Please scan it again.',
    ar: 'يحتوي الرمز الموجود على ظهر البطاقة على تاريخ غير صحيح. يرجى مسحه مرة أخرى.',
  },
  CARD_DATA_SHORT: {
    en: 'The card could not be read completely. Please take it out and insert it again.',
    ar: 'تعذرت قراءة البطاقة بالكامل. يرجى إخراجها وإدخالها مرة أخرى.',
  },
  CARD_DATA_INVALID: {
    en: 'The data on the card could not be understood. Please scan the back of the card or type your CPR number.',
    ar: 'تعذر فهم البيانات الموجودة في البطاقة. يرجى مسح ظهر البطاقة أو إدخال الرقم الشخصي.',
  },
  CARD_UNSUPPORTED: {
    en: 'This card cannot be read here. Please scan the back of the card or type your CPR number.',
    ar: 'لا يمكن قراءة هذه البطاقة هنا. يرجى مسح ظهر البطاقة أو إدخال الرقم الشخصي.',
  },
} as const satisfies Record<string, Localized>;

/** Why a card input was refused. */
export type CardErrorCode = keyof typeof CARD_ERROR_MESSAGES;

/** Every card error code, for exhaustive checks and tests. */
export const CARD_ERROR_CODES = Object.keys(CARD_ERROR_MESSAGES) as CardErrorCode[];

/** A refused card input; `field` names the part that failed (e.g. 'birthDate', 'composite'). */
export interface CardFailure {
  ok: false;
  error: CardErrorCode;
  field?: string;
}

/** Builds a CardFailure (`field` only when given, so results compare cleanly in tests). */
export function cardFailure(error: CardErrorCode, field?: string): CardFailure {
  return field === undefined ? { ok: false, error } : { ok: false, error, field };
}
