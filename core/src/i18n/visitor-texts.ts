/**
 * Visitor texts that every visitor language needs beyond the kiosk, wait and phone screens: the language
 * chooser, the paper-only ticket line, the seed's service names and requirements, branch names and the
 * errors a visitor can meet at the kiosk. The Arabic and English texts are the catalogue's and the errors'
 * own (derived here, never copied), so a visitor language translates exactly what Arabic/English show.
 */
import { CARD_ERROR_MESSAGES, type CardErrorCode } from '../card/errors';
import { BIRTH_CERTIFICATE, BRANCHES, CARD_SERVICES } from '../catalogue/seed-data';
import type { Localized } from '../domain';
import { ERROR_MESSAGES, type ErrorCode } from '../errors';

/** The seed's service codes: each has a translated name and requirements in every visitor language. */
export const TRANSLATED_SERVICE_CODES = ['new-card', 'renewal', 'replacement', 'collection', 'birth-certificate'] as const;
/** The seed's branch ids: each branch's name in every visitor language. */
export const TRANSLATED_BRANCH_IDS = ['salman-port', 'seef-mall', 'isa-town', 'muharraq'] as const;

/** Card-reader failures the kiosk shows (@dawr/hardware's CARD_READ_MESSAGES takes its texts from here). */
export const CARD_READ_TEXTS = {
  UNREADABLE_CARD: {
    en: 'The card could not be read. Please take it out and insert it again, or type your CPR number.',
    ar: 'تعذرت قراءة البطاقة. يرجى إخراجها وإدخالها مرة أخرى، أو إدخال الرقم الشخصي.',
  },
  CARD_REMOVED: {
    en: 'The card was taken out before it was read. Please insert it again and leave it in until you are told.',
    ar: 'تم إخراج البطاقة قبل قراءتها. يرجى إدخالها مرة أخرى وتركها حتى يطلب منك إخراجها.',
  },
  READ_TIMEOUT: {
    en: 'The card is not answering. Please take it out and insert it again, or type your CPR number.',
    ar: 'البطاقة لا تستجيب. يرجى إخراجها وإدخالها مرة أخرى، أو إدخال الرقم الشخصي.',
  },
} as const satisfies Record<string, Localized>;

/** The branch server's refusals that can reach a visitor at the kiosk. Staff-only codes are not here. */
export const VISITOR_ERROR_CODES = [
  'BAD_REQUEST',
  'UNKNOWN_SERVICE',
  'UNAUTHENTICATED',
  'BRANCH_CLOSED',
  'BRANCH_HOLIDAY',
  'SERVICE_FULL',
  'WALK_INS_CLOSED',
  'CLOSING_SOON',
  'NO_APPOINTMENT',
  'TOO_EARLY',
  'BOOKING_INVALID',
  'BOOKING_EXPIRED',
  'BOOKING_OTHER_BRANCH',
  'ALREADY_CHECKED_IN',
  'RATE_LIMITED',
  'INTERNAL',
] as const satisfies readonly ErrorCode[];

type ServiceCode = (typeof TRANSLATED_SERVICE_CODES)[number];
type BranchId = (typeof TRANSLATED_BRANCH_IDS)[number];
type ErrorKey = (typeof VISITOR_ERROR_CODES)[number] | CardErrorCode | keyof typeof CARD_READ_TEXTS;

/** The keys of this file's texts. */
export type VisitorTextKey =
  | 'lang.choose'
  | 'lang.chooseHint'
  | 'ticket.keep'
  | `svc.${ServiceCode}.name`
  | `svc.${ServiceCode}.req`
  | `branch.${BranchId}`
  | `err.${ErrorKey}`;

const OWN = {
  en: {
    'lang.choose': 'Language',
    'lang.chooseHint': 'Choose your language',
    'ticket.keep': 'Keep this ticket until your number is called.',
  },
  ar: {
    'lang.choose': 'اللغة',
    'lang.chooseHint': 'اختر لغتك',
    'ticket.keep': 'احتفظ بهذه التذكرة حتى يُنادى على رقمك.',
  },
};

function build(lang: 'ar' | 'en'): Record<VisitorTextKey, string> {
  const out: Record<string, string> = { ...OWN[lang] };
  for (const s of [...CARD_SERVICES, BIRTH_CERTIFICATE]) {
    out[`svc.${s.code}.name`] = s.name[lang];
    out[`svc.${s.code}.req`] = s.requirements[lang];
  }
  for (const { branch } of BRANCHES) out[`branch.${branch.id}`] = branch.name[lang];
  for (const code of VISITOR_ERROR_CODES) out[`err.${code}`] = ERROR_MESSAGES[code][lang];
  for (const [code, m] of Object.entries(CARD_ERROR_MESSAGES)) out[`err.${code}`] = m[lang];
  for (const [code, m] of Object.entries(CARD_READ_TEXTS)) out[`err.${code}`] = m[lang];
  return out as Record<VisitorTextKey, string>;
}

export const visitorTexts = { en: build('en'), ar: build('ar') };
