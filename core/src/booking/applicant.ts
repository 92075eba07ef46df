/**
 * The data a booking asks for, checked the same way in the portal (before sending) and at the hub (before
 * storing), and the seed's card rules applied before a booking is made: a child under four is issued a card
 * online (no appointment), and a card that is still valid need not be renewed (explained, with the day renewal
 * opens). Pure: `now` and the branch time zone are passed in.
 */
import { localDay } from '../clock';
import { isoDate, isoParts } from '../card/dates';
import { toWesternDigits } from '../card/cpr';
import { isUnderFour, renewalNeeded, RENEWAL_WINDOW_DAYS } from '../card/rules';
import { addDays } from './slots';

export const NATIONALITIES = ['BH', 'other'] as const;
export type Nationality = (typeof NATIONALITIES)[number];

/** What the citizen types (as typed: every field a string). */
export interface ApplicantInput {
  cpr: string;
  name: string;
  mobile: string;
  email: string;
  nationality: string;
  birthDate: string;
  /** The current card's expiry date: needed for a renewal. */
  cardExpiry?: string;
  /** A non-Bahraini confirms the conditions and photo rules. */
  conditionsAccepted?: boolean;
}

/** The checked, normalised data (CPR in Western digits, mobile as 8 digits). */
export interface Applicant {
  cpr: string;
  name: string;
  mobile: string;
  email: string;
  nationality: Nationality;
  birthDate: string;
  cardExpiry: string | null;
}

export type FieldProblem = 'REQUIRED' | 'TOO_LONG' | 'FORMAT' | 'FUTURE' | 'NOT_ACCEPTED';
export type ApplicantField = keyof ApplicantInput;

/** Longest accepted values (characters). */
export const FIELD_MAX = { cpr: 20, name: 100, mobile: 20, email: 254, date: 10 } as const;

/** The services whose card rules apply (a card is issued). */
export const CARD_ISSUING_SERVICES: readonly string[] = ['new-card', 'renewal', 'replacement'];

const NAME = /^[\p{L}\p{M}][\p{L}\p{M} .'\u2019-]*$/u;
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

/** A Bahraini mobile as 8 digits (starting 3 or 6), from `+973 3xxx xxxx`, `00973…` or `3xxxxxxx`; else null. */
export function parseMobile(input: string): string | null {
  const s = toWesternDigits(String(input).replace(/[\s()-]/g, ''));
  const local = s.replace(/^(\+|00)973/, '');
  return /^[36]\d{7}$/.test(local) ? local : null;
}

/** A real 'YYYY-MM-DD' date, else null. */
function parseDay(s: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s.trim());
  return m ? isoDate(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

/**
 * Checks the applicant's data for a service (by code). Returns the normalised data, or each field's problem.
 * `cardExpiry` is required for a renewal only; `conditionsAccepted` for a non-Bahraini only.
 */
export function checkApplicant(
  input: Partial<Record<ApplicantField, unknown>>,
  serviceCode: string,
  now: number,
  tz: string,
): { ok: true; applicant: Applicant } | { ok: false; fields: Partial<Record<ApplicantField, FieldProblem>> } {
  const fields: Partial<Record<ApplicantField, FieldProblem>> = {};
  const text = (k: ApplicantField, max: number): string | null => {
    const v = input[k];
    if (typeof v !== 'string' || v.trim() === '') {
      fields[k] = 'REQUIRED';
      return null;
    }
    if (v.length > max) {
      fields[k] = 'TOO_LONG';
      return null;
    }
    return v.trim();
  };
  // As core's parseCpr (9 digits, Arabic-Indic ones read as Western), without the kiosk's card messages.
  const cprText = text('cpr', FIELD_MAX.cpr);
  const cpr = cprText === null ? null : toWesternDigits(cprText);
  if (cpr !== null && !/^\d{9}$/.test(cpr)) fields.cpr = 'FORMAT';
  const name = text('name', FIELD_MAX.name);
  if (name !== null && !NAME.test(name)) fields.name = 'FORMAT';
  const mobileText = text('mobile', FIELD_MAX.mobile);
  const mobile = mobileText === null ? null : parseMobile(mobileText);
  if (mobileText !== null && !mobile) fields.mobile = 'FORMAT';
  const email = text('email', FIELD_MAX.email);
  if (email !== null && !EMAIL.test(email)) fields.email = 'FORMAT';
  const nationality = text('nationality', FIELD_MAX.date);
  if (nationality !== null && !(NATIONALITIES as readonly string[]).includes(nationality)) fields.nationality = 'FORMAT';
  const today = localDay(now, tz);
  const birthText = text('birthDate', FIELD_MAX.date);
  const birthDate = birthText === null ? null : parseDay(birthText);
  if (birthText !== null && !birthDate) fields.birthDate = 'FORMAT';
  else if (birthDate && (birthDate > today || isoParts(birthDate).y < isoParts(today).y - 130)) fields.birthDate = 'FUTURE';
  let cardExpiry: string | null = null;
  if (serviceCode === 'renewal') {
    const t = text('cardExpiry', FIELD_MAX.date);
    cardExpiry = t === null ? null : parseDay(t);
    if (t !== null && !cardExpiry) fields.cardExpiry = 'FORMAT';
  }
  if (nationality === 'other' && input.conditionsAccepted !== true) fields.conditionsAccepted = 'NOT_ACCEPTED';
  if (Object.keys(fields).length > 0) return { ok: false, fields };
  return {
    ok: true,
    applicant: {
      cpr: cpr!,
      name: name!.replace(/\s+/g, ' '),
      mobile: mobile!,
      email: email!,
      nationality: nationality as Nationality,
      birthDate: birthDate!,
      cardExpiry,
    },
  };
}

/** The seed's card rules before booking. */
export type Eligibility =
  | { ok: true }
  /** A child under four: the card is issued online, no visit. */
  | { ok: false; code: 'UNDER_FOUR' }
  /** The card is valid beyond the renewal window: renewal opens on `renewFrom` (branch-local day). */
  | { ok: false; code: 'CARD_STILL_VALID'; expiry: string; renewFrom: string };

/** Whether the applicant needs (and may book) this service's appointment at `now`. */
export function checkEligibility(applicant: Pick<Applicant, 'birthDate' | 'cardExpiry'>, serviceCode: string, now: number, tz: string): Eligibility {
  if (CARD_ISSUING_SERVICES.includes(serviceCode) && isUnderFour(applicant.birthDate, now, tz)) return { ok: false, code: 'UNDER_FOUR' };
  if (serviceCode === 'renewal' && applicant.cardExpiry) {
    const check = renewalNeeded(applicant.cardExpiry, now, tz);
    if (!check.needed) return { ok: false, code: 'CARD_STILL_VALID', expiry: applicant.cardExpiry, renewFrom: addDays(applicant.cardExpiry, -RENEWAL_WINDOW_DAYS) };
  }
  return { ok: true };
}
