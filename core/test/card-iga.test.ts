/**
 * Legacy iGA applet: APDUs, ATR identification, and the file parsers on a realistic EF 0001 built by a
 * helper, on damaged copies of it and on random bytes (they must never throw).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CARD_ERROR_CODES } from '../src/card/errors';
import {
  identifyAtr, IGA_FILES, parseCardFile, parseIdentityFile, parseNationalityFile, readBinaryApdus, SELECT_DF_0101,
  SELECT_DF_0301, SELECT_IGA_APPLET, selectEf, type IgaResult,
} from '../src/card/iga';
import { idCardFromChip, idCardFromMrz, idCardFromTyped } from '../src/card/id-card';
import { parseMrz } from '../src/card/mrz';

const hex = (s: string): number[] => s.split(' ').map((b) => parseInt(b, 16));
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Writes `value` (text or bytes) at `offset` into a copy of `into`. */
function put(into: Uint8Array, offset: number, value: string | Uint8Array | number[]): Uint8Array {
  const out = into.slice();
  out.set(typeof value === 'string' ? utf8(value) : value, offset);
  return out;
}

interface Identity {
  cpr: string;
  en: string[];
  ar: string[];
  gender: string;
  dob: string;
  blood: string;
}

const PERSON: Identity = {
  cpr: '900512345',
  en: ['FATIMA', 'ALI', 'HASAN', 'AL SAYED'],
  ar: ['فاطمة', 'علي', 'حسن', 'السيد'],
  gender: 'F',
  dob: '19900512',
  blood: 'O+',
};

/** EF 0001 as the card holds it: fixed-width fields padded with `padByte` (space or NUL). */
function identityFile(p: Identity = PERSON, padByte = 0x20): Uint8Array {
  let f: Uint8Array = new Uint8Array(597).fill(padByte);
  f = put(f, 0, p.cpr);
  p.en.forEach((part, i) => (f = put(f, 9 + 32 * i, part)));
  p.ar.forEach((part, i) => (f = put(f, 201 + 64 * i, part)));
  return put(put(put(f, 585, p.gender), 586, p.dob), 594, p.blood);
}

const cardFile = (expiry = '20300511', issue = '20250512', authority = 'IGA'): Uint8Array =>
  put(put(put(new Uint8Array(36).fill(0x20), 0, expiry), 8, issue), 16, authority);

describe('APDUs', () => {
  it('are the documented commands', () => {
    expect([...SELECT_IGA_APPLET]).toEqual(hex('00 A4 04 00 0D D4 99 00 00 01 01 01 00 01 00 00 00 01'));
    expect([...SELECT_DF_0101]).toEqual(hex('00 A4 00 0C 02 01 01'));
    expect([...SELECT_DF_0301]).toEqual(hex('00 A4 00 0C 02 03 01'));
    expect([...selectEf(IGA_FILES.identity.ef)]).toEqual(hex('00 A4 02 0C 02 00 01'));
    expect([...selectEf(IGA_FILES.card.ef)]).toEqual(hex('00 A4 02 0C 02 00 02'));
  });

  it('reads EF 0001 in 255-byte chunks with the offset in P1-P2', () => {
    expect(readBinaryApdus(597).map((a) => [...a])).toEqual([hex('00 B0 00 00 FF'), hex('00 B0 00 FF FF'), hex('00 B0 01 FE 57')]);
    expect(readBinaryApdus(36).map((a) => [...a])).toEqual([hex('00 B0 00 00 24')]);
    expect(readBinaryApdus(0)).toEqual([]);
  });

  it('covers every byte exactly once for any length and chunk', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0x7fff }), fc.integer({ min: 1, max: 255 }), (length, chunk) => {
        let next = 0;
        for (const a of readBinaryApdus(length, chunk)) {
          if (a.length !== 5 || a[0] !== 0 || a[1] !== 0xb0 || ((a[2]! << 8) | a[3]!) !== next) return false;
          if (a[4]! < 1 || a[4]! > chunk) return false;
          next += a[4]!;
        }
        return next === length;
      }),
      { numRuns: 300 },
    );
  });

  it('throws on impossible lengths and chunks', () => {
    expect(() => readBinaryApdus(-1)).toThrow(RangeError);
    expect(() => readBinaryApdus(0x8000)).toThrow(RangeError);
    expect(() => readBinaryApdus(10, 256)).toThrow(RangeError);
    expect(() => readBinaryApdus(10, 0)).toThrow(RangeError);
  });
});

describe('identifyAtr', () => {
  it.each([
    ['3B 67 00 00 A8 10 41 12 34', 'iga-v1-unsupported'],
    ['3B 7A 96 00 00 80 65 A2 01 01 01 83 72 90 00', 'iga-legacy'],
    ['3B 88 80 01 E1 F3 5E 11 77 83 95 00 6B', 'iga-legacy'],
    ['3B 7F 96 00 00 80 31 80 65 B0 85', 'iga-legacy'],
    ['3B 7A 96 00 00', 'unknown'],
    ['3B 8F 80 01 80 4F 0C A0 00 00 03 06', 'unknown'],
    ['', 'unknown'],
  ])('%s → %s', (atr, kind) => {
    expect(identifyAtr(Uint8Array.from(atr ? hex(atr) : []))).toBe(kind);
  });
});

describe('parseIdentityFile', () => {
  it('reads a realistic EF 0001', () => {
    expect(parseIdentityFile(identityFile())).toEqual({
      ok: true,
      data: {
        cpr: '900512345', nameEnParts: PERSON.en, nameArParts: PERSON.ar, nameEn: 'FATIMA ALI HASAN AL SAYED',
        nameAr: 'فاطمة علي حسن السيد', gender: 'F', birthDate: '1990-05-12', bloodGroup: 'O+',
      },
    });
  });

  it('reads NUL padding like space padding', () => {
    expect(parseIdentityFile(identityFile(PERSON, 0))).toEqual(parseIdentityFile(identityFile()));
  });

  it('left-pads an 8-digit CPR with 0', () => {
    const r = parseIdentityFile(identityFile({ ...PERSON, cpr: '12345678' }));
    expect(r.ok && r.data.cpr).toBe('012345678');
  });

  it.each(['ABCDEFGHI', '1234567', '12345 678', '', '90051234X'])('refuses the CPR %j', (cpr) => {
    expect(parseIdentityFile(identityFile({ ...PERSON, cpr }))).toEqual({ ok: false, error: 'CARD_DATA_INVALID', field: 'cpr' });
  });

  it('refuses a file of the wrong length', () => {
    expect(parseIdentityFile(identityFile().subarray(0, 596))).toEqual({ ok: false, error: 'CARD_DATA_SHORT' });
    expect(parseIdentityFile(new Uint8Array(0))).toEqual({ ok: false, error: 'CARD_DATA_SHORT' });
    expect(parseIdentityFile(new Uint8Array(598))).toEqual({ ok: false, error: 'CARD_DATA_INVALID', field: 'length' });
  });

  it.each(['20261345', '20250229', '1990051', '19900012', '18991231', 'YYYYMMDD', '        '])('refuses the birth date %j', (dob) => {
    expect(parseIdentityFile(identityFile({ ...PERSON, dob }))).toEqual({ ok: false, error: 'CARD_DATA_INVALID', field: 'birthDate' });
  });

  it('accepts 29 February of a leap year', () => {
    const r = parseIdentityFile(identityFile({ ...PERSON, dob: '20240229' }));
    expect(r.ok && r.data.birthDate).toBe('2024-02-29');
  });

  it('drops empty name parts and collapses spaces', () => {
    const r = parseIdentityFile(identityFile({ ...PERSON, en: ['', ' MOHAMED ', '', 'AL   HASHIMI'], ar: ['', '', 'محمد'] }));
    expect(r.ok && [r.data.nameEn, r.data.nameEnParts, r.data.nameAr]).toEqual(['MOHAMED AL HASHIMI', ['MOHAMED', 'AL HASHIMI'], 'محمد']);
    const none = parseIdentityFile(identityFile({ ...PERSON, en: [], ar: [] }));
    expect(none.ok && [none.data.nameEn, none.data.nameAr, none.data.nameEnParts]).toEqual([null, null, []]);
  });

  it('refuses invalid UTF-8 and control characters with the field named', () => {
    expect(parseIdentityFile(put(identityFile(), 201 + 64, [0xff, 0xfe]))).toEqual({ ok: false, error: 'CARD_DATA_INVALID', field: 'nameAr' });
    // A lead byte followed by padding is a misread, not a cut-off character.
    expect(parseIdentityFile(put(identityFile(), 201 + 10, [0xd8]))).toMatchObject({ field: 'nameAr' });
    expect(parseIdentityFile(put(identityFile(), 9 + 2, [0x07]))).toMatchObject({ field: 'nameEn' });
    expect(parseIdentityFile(put(identityFile(), 9 + 2, [0x00]))).toMatchObject({ field: 'nameEn' });
    expect(parseIdentityFile(put(identityFile(), 594, [0xc3]))).toMatchObject({ field: 'bloodGroup' });
  });

  it('drops a character cut off by the end of a 64-byte Arabic field', () => {
    const cutOff = [...utf8('م'.repeat(31) + ' '), 0xd9]; // 64 bytes: the last is the first half of another 'م'
    const r = parseIdentityFile(put(identityFile({ ...PERSON, ar: [] }), 201, cutOff));
    expect(r.ok && r.data.nameAr).toBe('م'.repeat(31));
    const full = parseIdentityFile(identityFile({ ...PERSON, ar: ['م'.repeat(32)] }));
    expect(full.ok && full.data.nameAr).toBe('م'.repeat(32));
  });

  it('reads the gender byte', () => {
    const g = (gender: string): unknown => {
      const r = parseIdentityFile(identityFile({ ...PERSON, gender }));
      return r.ok ? r.data.gender : r;
    };
    expect([g('M'), g('F'), g('m'), g(' ')]).toEqual(['M', 'F', 'M', null]);
    expect(g('X')).toEqual({ ok: false, error: 'CARD_DATA_INVALID', field: 'gender' });
  });

  it('reads a blank blood group as null', () => {
    const r = parseIdentityFile(identityFile({ ...PERSON, blood: '' }));
    expect(r.ok && r.data.bloodGroup).toBeNull();
  });
});

describe('parseCardFile', () => {
  it('reads EF 0002', () => {
    expect(parseCardFile(cardFile())).toEqual({ ok: true, data: { expiryDate: '2030-05-11', issueDate: '2025-05-12', issuingAuthority: 'IGA' } });
    const blank = parseCardFile(cardFile(undefined, undefined, ''));
    expect(blank.ok && blank.data.issuingAuthority).toBeNull();
  });

  it('refuses impossible dates, an issue after expiry, and the wrong length', () => {
    expect(parseCardFile(cardFile('20261345'))).toEqual({ ok: false, error: 'CARD_DATA_INVALID', field: 'expiryDate' });
    expect(parseCardFile(cardFile(undefined, '2025013A'))).toEqual({ ok: false, error: 'CARD_DATA_INVALID', field: 'issueDate' });
    expect(parseCardFile(cardFile('20250101', '20250102'))).toEqual({ ok: false, error: 'CARD_DATA_INVALID', field: 'issueDate' });
    expect(parseCardFile(cardFile().subarray(0, 35))).toEqual({ ok: false, error: 'CARD_DATA_SHORT' });
    expect(parseCardFile(new Uint8Array(37).fill(0x20))).toEqual({ ok: false, error: 'CARD_DATA_INVALID', field: 'length' });
  });
});

describe('parseNationalityFile', () => {
  it('reads the code and the birth country', () => {
    expect(parseNationalityFile(utf8('BHRBAHRAIN   '))).toEqual({ ok: true, data: { nationality: 'BHR', birthCountry: 'BAHRAIN' } });
    expect(parseNationalityFile(utf8('bhr\0\0\0'))).toEqual({ ok: true, data: { nationality: 'BHR', birthCountry: null } });
    expect(parseNationalityFile(utf8('048البحرين'))).toEqual({ ok: true, data: { nationality: '048', birthCountry: 'البحرين' } });
  });

  it('refuses short and garbled files', () => {
    expect(parseNationalityFile(utf8('BH'))).toEqual({ ok: false, error: 'CARD_DATA_SHORT' });
    expect(parseNationalityFile(utf8('B#R'))).toEqual({ ok: false, error: 'CARD_DATA_INVALID', field: 'nationality' });
    expect(parseNationalityFile(utf8('ıAB'))).toMatchObject({ ok: false, field: 'nationality' });
    expect(parseNationalityFile(Uint8Array.of(0x42, 0x48, 0x52, 0xff))).toEqual({ ok: false, error: 'CARD_DATA_INVALID', field: 'birthCountry' });
  });
});

describe('IdCardData', () => {
  it('combines the chip files', () => {
    const id = parseIdentityFile(identityFile());
    const card = parseCardFile(cardFile());
    if (!id.ok || !card.ok) throw new Error('fixture');
    expect(idCardFromChip(id.data, card.data, { nationality: 'BHR', birthCountry: null })).toEqual({
      cpr: '900512345', nameEn: 'FATIMA ALI HASAN AL SAYED', nameAr: 'فاطمة علي حسن السيد', gender: 'F', birthDate: '1990-05-12',
      expiryDate: '2030-05-11', issueDate: '2025-05-12', nationality: 'BHR', source: 'chip',
    });
    expect(idCardFromChip(id.data, null, null)).toMatchObject({ expiryDate: null, nationality: null });
  });

  it('comes from an MRZ only when it holds a CPR', () => {
    const spec = parseMrz('I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<', Date.UTC(2026, 0, 1));
    if (!spec.ok) throw new Error('fixture');
    expect(idCardFromMrz(spec.data)).toBeNull();
    expect(idCardFromMrz({ ...spec.data, cpr: '740812345' })).toEqual({
      cpr: '740812345', nameEn: 'ANNA MARIA ERIKSSON', nameAr: null, gender: 'F', birthDate: '1974-08-12', expiryDate: '2012-04-15',
      issueDate: null, nationality: 'UTO', source: 'mrz',
    });
  });

  it('comes from a typed CPR with nothing else', () => {
    expect(idCardFromTyped('900512345')).toMatchObject({ cpr: '900512345', nameEn: null, birthDate: null, source: 'typed' });
  });
});

// ---- fuzz: never throws; ok only with well-formed data, else a known code ----
const ISO = /^\d{4}-\d{2}-\d{2}$/;
const cleanText = (s: string | null): boolean => s === null || (s !== '' && s === s.trim() && !/[\0-\x1F\x7F-\x9F]|\s\s/.test(s));
function known<T>(r: IgaResult<T>, ok: (d: T) => boolean): boolean {
  return r.ok ? ok(r.data) : CARD_ERROR_CODES.includes(r.error) && r.error.startsWith('CARD_DATA_');
}
const identityOk = (r: IgaResult<import('../src/card/iga').IgaIdentity>): boolean =>
  known(r, (d) =>
    /^\d{9}$/.test(d.cpr) && ISO.test(d.birthDate) && [null, 'M', 'F'].includes(d.gender) && cleanText(d.nameEn) && cleanText(d.nameAr) &&
    cleanText(d.bloodGroup) && d.nameEnParts.every(cleanText) && d.nameArParts.length <= 6 && (d.nameEn === null) === (d.nameEnParts.length === 0),
  );
const cardOk = (r: IgaResult<import('../src/card/iga').IgaCardInfo>): boolean =>
  known(r, (d) => ISO.test(d.expiryDate) && ISO.test(d.issueDate) && d.issueDate <= d.expiryDate && cleanText(d.issuingAuthority));
const natOk = (r: IgaResult<import('../src/card/iga').IgaNationality>): boolean =>
  known(r, (d) => /^[A-Z0-9]{3}$/.test(d.nationality) && cleanText(d.birthCountry));

/** Sets random bytes of `base` (biased to printable, UTF-8 lead and NUL bytes) at random offsets. */
const mutated = (base: Uint8Array): fc.Arbitrary<Uint8Array> =>
  fc.array(fc.tuple(fc.nat({ max: base.length - 1 }), fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(0, 0x20, 0x30, 0x39, 0x7f, 0xc3, 0xd8, 0xe2, 0x80, 0xff))), { minLength: 1, maxLength: 6 })
    .map((edits) => {
      const out = base.slice();
      for (const [i, b] of edits) out[i] = b;
      return out;
    });

describe('chip parsers fuzz: never throw, always well-formed', () => {
  const RUNS = { numRuns: 10_000 };
  const anyBytes = fc.uint8Array({ maxLength: 700 });
  const all = (b: Uint8Array): boolean => identityOk(parseIdentityFile(b)) && cardOk(parseCardFile(b)) && natOk(parseNationalityFile(b));

  it('random bytes of any length', () => {
    fc.assert(fc.property(anyBytes, all), RUNS);
  });

  it('random bytes of the exact lengths', () => {
    fc.assert(fc.property(fc.uint8Array({ minLength: 597, maxLength: 597 }), (b) => identityOk(parseIdentityFile(b))), RUNS);
    fc.assert(fc.property(fc.uint8Array({ minLength: 36, maxLength: 36 }), (b) => cardOk(parseCardFile(b))), RUNS);
  });

  it('mutated valid files (some still valid, most refused)', () => {
    const seen = new Set<string>();
    const note = <T>(r: IgaResult<T>): IgaResult<T> => (seen.add(r.ok ? 'ok' : `${r.error}:${r.field}`), r);
    fc.assert(fc.property(mutated(identityFile()), (b) => identityOk(note(parseIdentityFile(b)))), RUNS);
    fc.assert(fc.property(mutated(cardFile()), (b) => cardOk(note(parseCardFile(b)))), RUNS);
    fc.assert(fc.property(mutated(utf8('BHRالبحرين  ')), (b) => natOk(note(parseNationalityFile(b)))), RUNS);
    for (const k of ['ok', 'CARD_DATA_INVALID:cpr', 'CARD_DATA_INVALID:nameAr', 'CARD_DATA_INVALID:birthDate', 'CARD_DATA_INVALID:expiryDate'])
      expect(seen).toContain(k);
  });
});
