/**
 * Builds the files of a legacy iGA applet (pre-2025 Bahrain ID card) for the virtual card, byte for byte as
 * shared/docs/hardware.md describes them. This is the card side (an encoder); the kiosk parses with @dawr/core.
 */

/** The person a virtual legacy card belongs to. Dates are 'YYYY-MM-DD'. */
export interface CardHolder {
  /** 9 digits (8 are allowed too, to test the parser's left-padding). */
  cpr: string;
  /** Up to six English name parts (≤ 32 bytes each), given names first. */
  nameEnParts: string[];
  /** Up to six Arabic name parts (≤ 64 bytes of UTF-8 each). */
  nameArParts: string[];
  gender: 'M' | 'F';
  birthDate: string;
  expiryDate: string;
  issueDate: string;
  /** 3 characters, e.g. 'BHR'. */
  nationality: string;
  birthCountry: string;
  bloodGroup: string;
  issuingAuthority: string;
}

/** A holder with made-up but well-formed data; override any field. */
export function sampleHolder(overrides: Partial<CardHolder> = {}): CardHolder {
  return {
    cpr: '850412345',
    nameEnParts: ['FATIMA', 'ALI', 'HASAN', 'AL SAYED'],
    nameArParts: ['فاطمة', 'علي', 'حسن', 'السيد'],
    gender: 'F',
    birthDate: '1985-04-12',
    expiryDate: '2027-06-30',
    issueDate: '2022-07-01',
    nationality: 'BHR',
    birthCountry: 'BHR',
    bloodGroup: 'O+',
    issuingAuthority: 'IGA',
    ...overrides,
  };
}

/** Writes `text` (UTF-8) into `buf` at `offset`, padded with `pad` to `width`; throws if it does not fit. */
function put(buf: Buffer, offset: number, width: number, text: string, pad: number): void {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length > width) throw new RangeError(`"${text}" needs ${bytes.length} bytes, field holds ${width}`);
  buf.fill(pad, offset, offset + width);
  bytes.copy(buf, offset);
}

/** 'YYYY-MM-DD' → 'YYYYMMDD'. */
function chipDate(date: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  return date.replaceAll('-', '');
}

function nameParts(buf: Buffer, offset: number, width: number, parts: string[], pad: number): void {
  if (parts.length > 6) throw new RangeError('at most six name parts');
  for (let i = 0; i < 6; i++) put(buf, offset + i * width, width, parts[i] ?? '', pad);
}

/**
 * DF 0101 / EF 0001, 597 bytes: CPR at 0 (9), English parts at 9 (6 × 32, space-padded), Arabic parts at 201
 * (6 × 64 UTF-8, NUL-padded), gender at 585, birth date YYYYMMDD at 586, blood group at 594 (3).
 */
export function identityFile(h: CardHolder): Buffer {
  const buf = Buffer.alloc(597, 0x20);
  put(buf, 0, 9, h.cpr, 0x20);
  nameParts(buf, 9, 32, h.nameEnParts, 0x20);
  nameParts(buf, 201, 64, h.nameArParts, 0x00);
  put(buf, 585, 1, h.gender, 0x20);
  put(buf, 586, 8, chipDate(h.birthDate), 0x20);
  put(buf, 594, 3, h.bloodGroup, 0x20);
  return buf;
}

/** DF 0101 / EF 0002, 36 bytes: expiry YYYYMMDD at 0, issue date at 8, issuing authority at 16 (20). */
export function cardFile(h: CardHolder): Buffer {
  const buf = Buffer.alloc(36, 0x20);
  put(buf, 0, 8, chipDate(h.expiryDate), 0x20);
  put(buf, 8, 8, chipDate(h.issueDate), 0x20);
  put(buf, 16, 20, h.issuingAuthority, 0x20);
  return buf;
}

/** DF 0301 / EF 0001: the 3-character nationality code, then the birth country (its length is undocumented). */
export function nationalityFile(h: CardHolder): Buffer {
  const buf = Buffer.alloc(3 + Math.max(3, Buffer.byteLength(h.birthCountry)), 0x20);
  put(buf, 0, 3, h.nationality, 0x20);
  put(buf, 3, buf.length - 3, h.birthCountry, 0x20);
  return buf;
}

/** The applet's AID (SELECT 00 A4 04 00 0D …). */
export const IGA_AID = Buffer.from('D4990000010101000100000001', 'hex');

/** The applet's file tree: DF id → EF id → contents. */
export function iGaFileTree(h: CardHolder): Map<number, Map<number, Buffer>> {
  return new Map([
    [0x0101, new Map([[0x0001, identityFile(h)], [0x0002, cardFile(h)]])],
    [0x0301, new Map([[0x0001, nationalityFile(h)]])],
  ]);
}
