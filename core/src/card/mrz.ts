/**
 * TD1 machine-readable zone (back of 2025+ cards: 3 lines × 30 characters, ICAO 9303 part 5), as a
 * keyboard-style scanner types it. Pure: the current time is passed in (for two-digit birth years).
 */
import { localDay } from '../clock';
import { isoDate } from './dates';
import { cardFailure, type CardFailure } from './errors';
import { isIcaoCountryCode } from './icao-codes';

/** The fields of a TD1 MRZ, filler '<' removed. Dates are 'YYYY-MM-DD'. */
export interface MrzData {
  /** 'I', 'ID', 'AC'… (trailing filler removed). */
  documentCode: string;
  issuingState: string;
  documentNumber: string;
  birthDate: string;
  /** 'X' when the MRZ has '<' (unspecified). */
  sex: 'M' | 'F' | 'X';
  expiryDate: string;
  nationality: string;
  optional1: string;
  optional2: string;
  surname: string;
  givenNames: string;
  /** The 9-digit personal number, from optional1 or else the document number; null if neither holds one. */
  cpr: string | null;
}

/** Which check digit failed, as `field` of an MRZ_CHECK failure. */
export type MrzCheckField = 'documentNumber' | 'birthDate' | 'expiryDate' | 'composite';

/** A verified MRZ, or why it was refused (`field`: which check digit or part). */
export type MrzResult = { ok: true; data: MrzData } | CardFailure;

const CHAR_VALUES: Record<string, number> = { '<': 0 };
for (let i = 0; i < 10; i++) CHAR_VALUES[String(i)] = i;
for (let i = 0; i < 26; i++) CHAR_VALUES[String.fromCharCode(65 + i)] = 10 + i;

/**
 * ICAO 9303 check digit of `s`: 0-9 → 0-9, A-Z → 10-35, '<' → 0, weights 7, 3, 1 repeating, sum mod 10.
 * Throws RangeError on any other character (parseMrz validates first, so it never does).
 */
export function mrzCheckDigit(s: string): number {
  let sum = 0;
  for (let i = 0; i < s.length; i++) {
    const v = CHAR_VALUES[s.charAt(i)];
    if (v === undefined) throw new RangeError(`not an MRZ character: ${JSON.stringify(s.charAt(i))}`);
    sum += v * ([7, 3, 1][i % 3] as number);
  }
  return sum % 10;
}

/** Splits scanner text into the three 30-character lines, or null if it is not shaped like a TD1 MRZ. */
function toLines(input: string): [string, string, string] | null {
  // ASCII-only uppercasing: String#toUpperCase would turn 'ß' into 'SS' or 'ı' into 'I' and smuggle them in.
  const text = String(input).replace(/[a-z]/g, (c) => c.toUpperCase());
  const lines = text
    .split(/\r\n|\r|\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const oneRun = lines.length === 1 && lines[0]?.length === 90;
  const threeLines = lines.length === 3 && lines.every((l) => l.length === 30);
  const joined = lines.join('');
  if (!(oneRun || threeLines) || !/^[A-Z0-9<]{90}$/.test(joined)) return null;
  return [joined.slice(0, 30), joined.slice(30, 60), joined.slice(60, 90)];
}

const stripFiller = (s: string): string => s.replace(/<+$/, '');
const checkOk = (data: string, check: string): boolean => /^\d$/.test(check) && mrzCheckDigit(data) === Number(check);

/** YYMMDD to 'YYYY-MM-DD' with the given century rule, or null if it is not a real date. */
function mrzDate(yymmdd: string, century: (yy: number) => number): string | null {
  if (!/^\d{6}$/.test(yymmdd)) return null;
  const yy = Number(yymmdd.slice(0, 2));
  return isoDate(century(yy) + yy, Number(yymmdd.slice(2, 4)), Number(yymmdd.slice(4, 6)));
}

/**
 * Parses and verifies a TD1 MRZ: the three lines separated by LF/CR/CRLF (blank lines and surrounding
 * whitespace ignored) or one 90-character run; lowercase is uppercased; any other character is refused.
 * Every check digit is verified (document number, birth date, expiry date, composite), reported in that order;
 * then the document code must be an identity card's (I, A or C) and both country codes ICAO's.
 * Birth years pivot on the current year in `timeZone` (YY above this year's YY → 19YY); expiry is always 20YY.
 * A document number longer than 9 characters (ICAO: '<' in its check position, the rest and its check digit
 * at the start of optional1) is supported. Never throws on any input text (only on an invalid `now`/zone).
 */
export function parseMrz(input: string, now: number, timeZone = 'Asia/Bahrain'): MrzResult {
  const lines = toLines(input);
  if (!lines) return cardFailure('MRZ_FORMAT');
  const [l1, l2, l3] = lines;

  let documentNumber = l1.slice(5, 14);
  let docCheck = l1.charAt(14);
  let optional1 = l1.slice(15, 30);
  if (docCheck === '<' && /^[A-Z0-9]/.test(optional1)) {
    // Long document number: its tail and check digit end at the first filler of optional1.
    const tail = /^[A-Z0-9]+/.exec(optional1)?.[0] ?? '';
    documentNumber += tail.slice(0, -1);
    docCheck = tail.slice(-1);
    optional1 = optional1.slice(tail.length).replace(/^</, '');
  }
  const composite = l1.slice(5, 30) + l2.slice(0, 7) + l2.slice(8, 15) + l2.slice(18, 29);
  const checks: [MrzCheckField, string, string][] = [
    ['documentNumber', documentNumber, docCheck],
    ['birthDate', l2.slice(0, 6), l2.charAt(6)],
    ['expiryDate', l2.slice(8, 14), l2.charAt(14)],
    ['composite', composite, l2.charAt(29)],
  ];
  for (const [field, data, check] of checks) if (!checkOk(data, check)) return cardFailure('MRZ_CHECK', field);

  // Not covered by any check digit: a passport's or visa's MRZ (P, V) or a misread country code would pass.
  if (!'IAC'.includes(l1.charAt(0))) return cardFailure('MRZ_NOT_ID', 'documentCode');
  const issuingState = stripFiller(l1.slice(2, 5));
  if (!isIcaoCountryCode(issuingState)) return cardFailure('MRZ_FORMAT', 'issuingState');
  const nationality = stripFiller(l2.slice(15, 18));
  if (!isIcaoCountryCode(nationality)) return cardFailure('MRZ_FORMAT', 'nationality');

  const sexChar = l2.charAt(7);
  if (!'MFX<'.includes(sexChar)) return cardFailure('MRZ_FORMAT', 'sex');
  const thisYy = Number(localDay(now, timeZone).slice(2, 4));
  const birthDate = mrzDate(l2.slice(0, 6), (yy) => (yy > thisYy ? 1900 : 2000));
  if (!birthDate) return cardFailure('MRZ_DATE', 'birthDate');
  const expiryDate = mrzDate(l2.slice(8, 14), () => 2000);
  if (!expiryDate) return cardFailure('MRZ_DATE', 'expiryDate');

  // Line 3 has no check digit: a digit there is the only misread we can catch.
  if (!/^[A-Z<]{30}$/.test(l3)) return cardFailure('MRZ_FORMAT', 'names');
  const sep = l3.indexOf('<<');
  const words = (s: string): string => s.split('<').filter((w) => w !== '').join(' ');
  const surname = words(sep < 0 ? l3 : l3.slice(0, sep));
  const givenNames = sep < 0 ? '' : words(l3.slice(sep + 2));

  const docNumber = stripFiller(documentNumber);
  const opt1 = stripFiller(optional1);
  const cpr = /^\d{9}$/.test(opt1) ? opt1 : /^\d{9}$/.test(docNumber) ? docNumber : null;
  return {
    ok: true,
    data: {
      documentCode: stripFiller(l1.slice(0, 2)),
      issuingState,
      documentNumber: docNumber,
      birthDate,
      sex: sexChar === 'M' || sexChar === 'F' ? sexChar : 'X',
      expiryDate,
      nationality,
      optional1: opt1,
      optional2: stripFiller(l2.slice(18, 29)),
      surname,
      givenNames,
      cpr,
    },
  };
}
