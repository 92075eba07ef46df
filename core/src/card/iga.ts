/**
 * The legacy iGA applet of pre-2025 Bahrain ID cards, readable without a PIN: its APDUs and parsers for the
 * files it holds. Layout from public reverse-engineering (shared/docs/hardware.md): verify with real cards.
 *
 * Text fields are fixed-width, padded with spaces or NULs. They are decoded as UTF-8 with `fatal`: an invalid
 * byte sequence refuses the whole file (CARD_DATA_INVALID, `field` named) rather than showing U+FFFD to a
 * clerk, because a garbled field means a bad read or a layout we do not know, and the kiosk has other ways in
 * (MRZ, keypad). One exception: a multi-byte character cut off by the very end of a name-part field (a long Arabic
 * name part filling all 64 bytes) is dropped, since that is how the card stores it, not a misread.
 * NUL is only accepted as padding at either end; control characters inside a field refuse the file.
 */
import { parseYyyymmdd } from './dates';
import { cardFailure, type CardFailure } from './errors';

const hex = (s: string): Uint8Array => Uint8Array.from(s.split(' ').map((b) => parseInt(b, 16)));

/** SELECT the iGA applet by AID (`00 A4 04 00 0D D4 99 …`). Shared instance: do not mutate. */
export const SELECT_IGA_APPLET: Uint8Array = hex('00 A4 04 00 0D D4 99 00 00 01 01 01 00 01 00 00 00 01');

/** SELECT a DF by file id: `00 A4 00 0C 02 <fid>`. */
export function selectDf(fid: number): Uint8Array {
  return Uint8Array.of(0x00, 0xa4, 0x00, 0x0c, 0x02, (fid >> 8) & 0xff, fid & 0xff);
}

/** SELECT an EF (in the current DF) by file id: `00 A4 02 0C 02 <fid>`. */
export function selectEf(fid: number): Uint8Array {
  return Uint8Array.of(0x00, 0xa4, 0x02, 0x0c, 0x02, (fid >> 8) & 0xff, fid & 0xff);
}

/** SELECT DF 0101 (identity and card files). Shared instance: do not mutate. */
export const SELECT_DF_0101: Uint8Array = selectDf(0x0101);
/** SELECT DF 0301 (nationality file). Shared instance: do not mutate. */
export const SELECT_DF_0301: Uint8Array = selectDf(0x0301);

/**
 * Where each file lives and how long it is. The nationality file's length is not documented: `null` means
 * read until the card answers end-of-file (6282 / 6B00) and give parseNationalityFile what came back.
 */
export const IGA_FILES = {
  identity: { df: 0x0101, ef: 0x0001, length: 597 },
  card: { df: 0x0101, ef: 0x0002, length: 36 },
  nationality: { df: 0x0301, ef: 0x0001, length: null },
} as const;

/**
 * READ BINARY commands for `length` bytes from offset 0: `00 B0 P1 P2 Le`, offset in P1-P2, at most `chunk`
 * (1-255) bytes each. Throws RangeError on a length outside 0-32767 or a bad chunk (programmer errors).
 */
export function readBinaryApdus(length: number, chunk = 255): Uint8Array[] {
  if (!Number.isInteger(length) || length < 0 || length > 0x7fff) throw new RangeError(`bad length: ${length}`);
  if (!Number.isInteger(chunk) || chunk < 1 || chunk > 255) throw new RangeError(`bad chunk: ${chunk}`);
  const out: Uint8Array[] = [];
  for (let off = 0; off < length; off += chunk) {
    out.push(Uint8Array.of(0x00, 0xb0, (off >> 8) & 0x7f, off & 0xff, Math.min(chunk, length - off)));
  }
  return out;
}

/** The card generations told apart by their ATR. */
export type AtrKind = 'iga-legacy' | 'iga-v1-unsupported' | 'unknown';

const V1_ATR = hex('3B 67 00 00 A8 10 41');
const LEGACY_ATRS = [hex('3B 7A 96 00 00 80 65 A2 01 01 01'), hex('3B 88 80 01 E1 F3 5E 11 77'), hex('3B 7F 96 00 00 80 31 80 65 B0 85')];
const startsWith = (a: Uint8Array, prefix: Uint8Array): boolean => a.length >= prefix.length && prefix.every((b, i) => a[i] === b);

/**
 * Which generation a card is, from its ATR prefix. 'iga-v1-unsupported': the first generation (CLA 80, other
 * files) is not read by Dawr: fall back to the MRZ or the keypad. 'unknown' includes 2025+ ICAO cards.
 */
export function identifyAtr(atr: Uint8Array): AtrKind {
  if (startsWith(atr, V1_ATR)) return 'iga-v1-unsupported';
  return LEGACY_ATRS.some((p) => startsWith(atr, p)) ? 'iga-legacy' : 'unknown';
}

/** EF 0001 of DF 0101. Name parts keep the card's order; empty parts are dropped. */
export interface IgaIdentity {
  cpr: string;
  nameEnParts: string[];
  nameArParts: string[];
  /** The parts joined by single spaces; null if all are empty. */
  nameEn: string | null;
  nameAr: string | null;
  /** null when the byte is blank. */
  gender: 'M' | 'F' | null;
  birthDate: string;
  bloodGroup: string | null;
}

/** EF 0002 of DF 0101. */
export interface IgaCardInfo {
  expiryDate: string;
  issueDate: string;
  issuingAuthority: string | null;
}

/** EF 0001 of DF 0301. */
export interface IgaNationality {
  nationality: string;
  birthCountry: string | null;
}

/** A parsed chip file, or why it was refused. */
export type IgaResult<T> = { ok: true; data: T } | CardFailure;

/** Thrown inside the parsers only, turned into a CardFailure at their edge. */
class Bad {
  constructor(readonly field: string) {}
}

const asciiUpper = (s: string): string => s.replace(/[a-z]/g, (c) => c.toUpperCase());

/** Strips padding (whitespace, NUL) at both ends; a loop, not /[\s\0]+$/, to stay linear on long input. */
function trimPadding(s: string): string {
  let end = s.length;
  while (end > 0 && /[\s\0]/.test(s.charAt(end - 1))) end--;
  return s.slice(0, end).replace(/^[\s\0]+/, '');
}

/**
 * A padded text field (see the module comment), trimmed, inner whitespace collapsed. `cutTail`: a character
 * cut off by the end of the field is dropped (name parts only).
 */
function text(bytes: Uint8Array, start: number, end: number, field: string, cutTail = false): string {
  let s: string;
  try {
    // stream: true keeps an incomplete trailing sequence pending instead of failing, and we never flush it.
    s = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(start, end), { stream: cutTail });
  } catch {
    throw new Bad(field);
  }
  s = trimPadding(s);
  if (/[\0-\x1F\x7F-\x9F]/.test(s)) throw new Bad(field);
  return s.replace(/\s+/g, ' ');
}

/** A chip date YYYYMMDD in a plausible range (1900-2199), else the field is refused. */
function date(bytes: Uint8Array, start: number, field: string): string {
  const d = parseYyyymmdd(text(bytes, start, start + 8, field));
  if (d === null || d < '1900' || d >= '2200') throw new Bad(field);
  return d;
}

/**
 * Runs `parse` over a file of `length` bytes: shorter is CARD_DATA_SHORT; longer is CARD_DATA_INVALID
 * ('length') unless `allowLonger` (a file whose size is not documented). A Bad thrown inside is the answer.
 */
function parseFile<T>(bytes: Uint8Array, length: number, allowLonger: boolean, parse: () => T): IgaResult<T> {
  if (!(bytes instanceof Uint8Array)) return cardFailure('CARD_DATA_INVALID', 'length');
  if (bytes.length < length) return cardFailure('CARD_DATA_SHORT');
  if (!allowLonger && bytes.length > length) return cardFailure('CARD_DATA_INVALID', 'length');
  try {
    return { ok: true, data: parse() };
  } catch (e) {
    if (e instanceof Bad) return cardFailure('CARD_DATA_INVALID', e.field);
    throw e;
  }
}

function parts(bytes: Uint8Array, start: number, width: number, field: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < 6; i++) out.push(text(bytes, start + i * width, start + (i + 1) * width, field, true));
  return out.filter((p) => p !== '');
}

/**
 * Parses EF 0001 (597 bytes): CPR (an 8-digit one is left-padded with 0), six English and six Arabic name
 * parts, gender, birth date, blood group. Never throws.
 */
export function parseIdentityFile(bytes: Uint8Array): IgaResult<IgaIdentity> {
  return parseFile(bytes, IGA_FILES.identity.length, false, () => {
    const rawCpr = text(bytes, 0, 9, 'cpr');
    if (!/^\d{8,9}$/.test(rawCpr)) throw new Bad('cpr');
    const nameEnParts = parts(bytes, 9, 32, 'nameEn');
    const nameArParts = parts(bytes, 201, 64, 'nameAr');
    const g = asciiUpper(text(bytes, 585, 586, 'gender'));
    if (g !== '' && g !== 'M' && g !== 'F') throw new Bad('gender');
    const gender = g === 'M' || g === 'F' ? g : null;
    const bloodGroup = text(bytes, 594, 597, 'bloodGroup');
    return {
      cpr: rawCpr.padStart(9, '0'),
      nameEnParts,
      nameArParts,
      nameEn: nameEnParts.length ? nameEnParts.join(' ') : null,
      nameAr: nameArParts.length ? nameArParts.join(' ') : null,
      gender,
      birthDate: date(bytes, 586, 'birthDate'),
      bloodGroup: bloodGroup || null,
    };
  });
}

/** Parses EF 0002 (36 bytes): expiry, issue date (not after expiry), issuing authority. Never throws. */
export function parseCardFile(bytes: Uint8Array): IgaResult<IgaCardInfo> {
  return parseFile(bytes, IGA_FILES.card.length, false, () => {
    const expiryDate = date(bytes, 0, 'expiryDate');
    const issueDate = date(bytes, 8, 'issueDate');
    if (issueDate > expiryDate) throw new Bad('issueDate');
    return { expiryDate, issueDate, issuingAuthority: text(bytes, 16, 36, 'issuingAuthority') || null };
  });
}

/**
 * Parses EF 0001 of DF 0301: a 3-character nationality code (letters or digits, uppercased), then the birth
 * country as text to the end (any length; null if blank). Never throws.
 */
export function parseNationalityFile(bytes: Uint8Array): IgaResult<IgaNationality> {
  return parseFile(bytes, 3, true, () => {
    const nationality = asciiUpper(text(bytes, 0, 3, 'nationality'));
    if (!/^[A-Z0-9]{3}$/.test(nationality)) throw new Bad('nationality');
    return { nationality, birthCountry: text(bytes, 3, bytes.length, 'birthCountry') || null };
  });
}
