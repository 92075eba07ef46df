/**
 * TD1 MRZ parser: the ICAO specimen, every check digit, scanner formatting, dates, CPR extraction; a
 * round-trip property through a test-side encoder (its own check-digit code); fuzzing that it never throws.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CARD_ERROR_CODES } from '../src/card/errors';
import { isIcaoCountryCode, ISO_ALPHA3_COUNT } from '../src/card/icao-codes';
import { mrzCheckDigit, parseMrz, type MrzData, type MrzResult } from '../src/card/mrz';

const NOW = Date.parse('2026-03-15T10:00:00+03:00');
const SPEC = ['I<UTOD231458907<<<<<<<<<<<<<<<', '7408122F1204159UTO<<<<<<<<<<<6', 'ERIKSSON<<ANNA<MARIA<<<<<<<<<<'] as const;
const SPEC_DATA: MrzData = {
  documentCode: 'I',
  issuingState: 'UTO',
  documentNumber: 'D23145890',
  birthDate: '1974-08-12',
  sex: 'F',
  expiryDate: '2012-04-15',
  nationality: 'UTO',
  optional1: '',
  optional2: '',
  surname: 'ERIKSSON',
  givenNames: 'ANNA MARIA',
  cpr: null,
};

// ---- test-side encoder, independent of src/card/mrz.ts ----
const charValue = (c: string): number => (c === '<' ? 0 : c <= '9' ? c.charCodeAt(0) - 48 : c.charCodeAt(0) - 55);
const cd = (s: string): string => String([...s].reduce((sum, c, i) => sum + charValue(c) * [7, 3, 1][i % 3]!, 0) % 10);
const pad = (s: string, n: number): string => s + '<'.repeat(n - s.length);

interface MrzFields {
  code: string; // 1-2
  state: string; // 1-3
  docNo: string; // 1-9
  birth: string; // YYMMDD
  sex: string;
  expiry: string; // YYMMDD
  nat: string;
  opt1: string; // ≤ 15
  opt2: string; // ≤ 11
  names: string; // line 3 content before padding, ≤ 30
}

function encode(f: MrzFields): [string, string, string] {
  const docNo = pad(f.docNo, 9);
  const l1 = pad(f.code, 2) + pad(f.state, 3) + docNo + cd(docNo) + pad(f.opt1, 15);
  const l2a = f.birth + cd(f.birth) + f.sex + f.expiry + cd(f.expiry) + pad(f.nat, 3) + pad(f.opt2, 11);
  const composite = l1.slice(5) + l2a.slice(0, 7) + l2a.slice(8, 15) + l2a.slice(18, 29);
  return [l1, l2a + cd(composite), pad(f.names, 30)];
}

const BAHRAINI: MrzFields = {
  code: 'ID', state: 'BHR', docNo: 'A12345678', birth: '900512', sex: 'M', expiry: '300511', nat: 'BHR',
  opt1: '900512345', opt2: '', names: 'AL<KHALIFA<<SALMAN<HAMAD',
};

const parse = (lines: readonly string[], now = NOW): MrzResult => parseMrz(lines.join('\n'), now);
const setAt = (s: string, i: number, c: string): string => s.slice(0, i) + c + s.slice(i + 1);

describe('mrzCheckDigit', () => {
  it('matches ICAO examples', () => {
    expect(mrzCheckDigit('D23145890')).toBe(7);
    expect(mrzCheckDigit('L898902C3')).toBe(6);
    expect(mrzCheckDigit('520727')).toBe(3);
    expect(mrzCheckDigit('<<<')).toBe(0);
    expect(mrzCheckDigit('')).toBe(0);
  });
  it('throws on characters outside the MRZ alphabet', () => {
    expect(() => mrzCheckDigit('ab')).toThrow(RangeError);
  });
});

describe('parseMrz', () => {
  it('parses the ICAO specimen', () => {
    expect(parse(SPEC)).toEqual({ ok: true, data: SPEC_DATA });
  });

  it.each([
    ['CRLF', SPEC.join('\r\n')],
    ['CR', SPEC.join('\r')],
    ['one 90-character run', SPEC.join('')],
    ['lowercase', SPEC.join('\n').toLowerCase()],
    ['surrounding whitespace and blank lines', `\n  ${SPEC[0]}  \r\n\r\n\t${SPEC[1]}\n${SPEC[2]} \n\n`],
  ])('accepts scanner output with %s', (_, text) => {
    expect(parseMrz(text, NOW)).toEqual({ ok: true, data: SPEC_DATA });
  });

  it.each([
    ['document number', 0, 14, 'documentNumber'],
    ['birth date', 1, 6, 'birthDate'],
    ['expiry date', 1, 14, 'expiryDate'],
    ['composite', 1, 29, 'composite'],
  ] as const)('fails MRZ_CHECK on a wrong %s check digit', (_, line, pos, field) => {
    for (let d = 0; d <= 9; d++) {
      const lines: string[] = [...SPEC];
      if (lines[line]!.charAt(pos) === String(d)) continue;
      lines[line] = setAt(lines[line]!, pos, String(d));
      expect(parse(lines)).toEqual({ ok: false, error: 'MRZ_CHECK', field });
    }
    const lines: string[] = [...SPEC];
    lines[line] = setAt(lines[line]!, pos, 'A');
    expect(parse(lines)).toEqual({ ok: false, error: 'MRZ_CHECK', field });
  });

  it('fails the composite when only optional data changes', () => {
    expect(parse([setAt(SPEC[0], 20, '5'), SPEC[1], SPEC[2]])).toEqual({ ok: false, error: 'MRZ_CHECK', field: 'composite' });
    expect(parse([SPEC[0], setAt(SPEC[1], 20, '5'), SPEC[2]])).toEqual({ ok: false, error: 'MRZ_CHECK', field: 'composite' });
  });

  it('fails the field check when its data changes', () => {
    expect(parse([setAt(SPEC[0], 6, '3'), SPEC[1], SPEC[2]])).toMatchObject({ field: 'documentNumber' });
    expect(parse([SPEC[0], setAt(SPEC[1], 0, '8'), SPEC[2]])).toMatchObject({ field: 'birthDate' });
    expect(parse([SPEC[0], setAt(SPEC[1], 9, '3'), SPEC[2]])).toMatchObject({ field: 'expiryDate' });
  });

  it.each([
    ['two lines', SPEC.slice(0, 2).join('\n')],
    ['four lines', [...SPEC, SPEC[2]].join('\n')],
    ['a short line', [SPEC[0].slice(1), SPEC[1], SPEC[2] + '<'].join('\n')],
    ['89 characters', SPEC.join('').slice(1)],
    ['a space inside a line', [setAt(SPEC[0], 20, ' '), SPEC[1], SPEC[2]].join('\n')],
    ['a symbol', [SPEC[0], SPEC[1], setAt(SPEC[2], 12, '#')].join('\n')],
    ['ß (uppercases to SS)', [SPEC[0], SPEC[1], 'ERIKSSON<<ANNA<MARIA<<<<<<<<ß'].join('\n')],
    ['dotless ı (uppercases to I)', [SPEC[0], SPEC[1], setAt(SPEC[2], 15, 'ı')].join('\n')],
    ['nothing', ''],
  ])('refuses %s with MRZ_FORMAT', (_, text) => {
    expect(parseMrz(text, NOW)).toEqual({ ok: false, error: 'MRZ_FORMAT' });
  });

  it('refuses a digit in the names line and an unknown sex', () => {
    expect(parse([SPEC[0], SPEC[1], setAt(SPEC[2], 3, '1')])).toEqual({ ok: false, error: 'MRZ_FORMAT', field: 'names' });
    expect(parse(encode({ ...BAHRAINI, sex: 'Q' }))).toEqual({ ok: false, error: 'MRZ_FORMAT', field: 'sex' });
  });

  it('refuses an MRZ that is not an identity card (document code not I, A or C), with its own message', () => {
    for (const code of ['P', 'PB', 'V', 'VB', 'X', 'ZZ']) {
      expect(parse(encode({ ...BAHRAINI, code }))).toEqual({ ok: false, error: 'MRZ_NOT_ID', field: 'documentCode' });
    }
    for (const code of ['I', 'ID', 'IB', 'A', 'AC', 'C', 'CR']) expect(parse(encode({ ...BAHRAINI, code })).ok).toBe(true);
  });

  it('refuses an issuing state or nationality that is no ICAO country code (the check digits do not cover them)', () => {
    for (const state of ['BHX', 'ZZZ', 'QQ', 'B']) {
      expect(parse(encode({ ...BAHRAINI, state }))).toEqual({ ok: false, error: 'MRZ_FORMAT', field: 'issuingState' });
      expect(parse(encode({ ...BAHRAINI, nat: state }))).toEqual({ ok: false, error: 'MRZ_FORMAT', field: 'nationality' });
    }
    for (const state of ['BHR', 'D', 'UTO', 'XXA', 'UNO', 'GBD', 'SAU']) {
      expect(parse(encode({ ...BAHRAINI, state, nat: state })).ok).toBe(true);
    }
  });

  it('knows every ISO 3166-1 alpha-3 code once', () => {
    expect(ISO_ALPHA3_COUNT).toBe(249);
    for (const c of ['ARE', 'SAU', 'KWT', 'OMN', 'QAT', 'IND', 'BGD', 'LKA', 'NPL', 'PHL', 'EGY', 'JOR']) expect(isIcaoCountryCode(c)).toBe(true);
  });

  it('pivots two-digit birth years on the current year; expiry is always 20YY', () => {
    const birth = (b: string, now = NOW): string | undefined => {
      const r = parse(encode({ ...BAHRAINI, birth: b }), now);
      return r.ok ? r.data.birthDate : undefined;
    };
    expect(birth('260101')).toBe('2026-01-01');
    expect(birth('270101')).toBe('1927-01-01');
    expect(birth('000229')).toBe('2000-02-29');
    expect(birth('990101')).toBe('1999-01-01');
    expect(birth('270101', Date.parse('2027-06-01T00:00:00Z'))).toBe('2027-01-01');
    const r = parse(encode({ ...BAHRAINI, expiry: '990101' }));
    expect(r.ok && r.data.expiryDate).toBe('2099-01-01');
  });

  it('refuses impossible dates with correct check digits as MRZ_DATE', () => {
    expect(parse(encode({ ...BAHRAINI, birth: '901301' }))).toEqual({ ok: false, error: 'MRZ_DATE', field: 'birthDate' });
    expect(parse(encode({ ...BAHRAINI, birth: '010229' }))).toEqual({ ok: false, error: 'MRZ_DATE', field: 'birthDate' });
    expect(parse(encode({ ...BAHRAINI, expiry: '310229' }))).toEqual({ ok: false, error: 'MRZ_DATE', field: 'expiryDate' });
    expect(parse(encode({ ...BAHRAINI, expiry: '300431' }))).toEqual({ ok: false, error: 'MRZ_DATE', field: 'expiryDate' });
  });

  it('reads a Bahraini card with the CPR in optional data', () => {
    expect(parse(encode(BAHRAINI))).toEqual({
      ok: true,
      data: {
        documentCode: 'ID', issuingState: 'BHR', documentNumber: 'A12345678', birthDate: '1990-05-12', sex: 'M',
        expiryDate: '2030-05-11', nationality: 'BHR', optional1: '900512345', optional2: '', surname: 'AL KHALIFA',
        givenNames: 'SALMAN HAMAD', cpr: '900512345',
      },
    });
  });

  it('takes the CPR from a 9-digit document number when optional data has none', () => {
    const cprOf = (f: Partial<MrzFields>): string | null | undefined => {
      const r = parse(encode({ ...BAHRAINI, ...f }));
      return r.ok ? r.data.cpr : undefined;
    };
    expect(cprOf({ docNo: '900512345', opt1: '' })).toBe('900512345');
    expect(cprOf({ docNo: '111111111', opt1: '900512345' })).toBe('900512345');
    expect(cprOf({ opt1: '9005123456' })).toBeNull();
    expect(cprOf({ opt1: '90051234' })).toBeNull();
    expect(cprOf({ docNo: '90051234', opt1: 'X' })).toBeNull();
  });

  it('reads sex < as X and a names line without given names', () => {
    const r = parse(encode({ ...BAHRAINI, sex: '<', names: 'MADONNA' }));
    expect(r.ok && [r.data.sex, r.data.surname, r.data.givenNames]).toEqual(['X', 'MADONNA', '']);
  });

  it('supports a document number longer than 9 characters (ICAO extension)', () => {
    const l1 = `I<UTOD23145890<${'7342'}${cd('D231458907342')}<<<<<<<<<<`;
    const l2a = '7408122F1204159UTO<<<<<<<<<<<';
    const l2 = l2a + cd(l1.slice(5) + l2a.slice(0, 7) + l2a.slice(8, 15) + l2a.slice(18, 29));
    const r = parse([l1, l2, SPEC[2]]);
    expect(r.ok && [r.data.documentNumber, r.data.optional1]).toEqual(['D231458907342', '']);
    expect(parse([setAt(l1, 19, '0'), l2, SPEC[2]])).toMatchObject({ ok: false, field: 'documentNumber' });
  });
});

// ---- generators and the well-formedness check shared by the properties below ----
const up = (chars: string, min: number, max: number): fc.Arbitrary<string> =>
  fc.string({ unit: fc.constantFrom(...chars), minLength: min, maxLength: max });
const AZ = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const AZ09 = AZ + '0123456789';
/** Country codes of every shape the field allows: three letters, ICAO's one-letter 'D', and its specimen's. */
const COUNTRIES = ['BHR', 'IND', 'PAK', 'PHL', 'GBR', 'D', 'UTO', 'XXA', 'EUE'];

/** A valid TD1 content with the values the parser should return. Birth years span the 100-year pivot. */
const arbValid = fc
  .record({
    code: fc.tuple(up('IAC', 1, 1), up(AZ + '<', 1, 1)).map(([a, b]) => a + b),
    state: fc.constantFrom(...COUNTRIES),
    docNo: fc.oneof(up(AZ09, 1, 9), fc.stringMatching(/^\d{9}$/)),
    birthYear: fc.integer({ min: 1927, max: 2026 }),
    expiryYear: fc.integer({ min: 2000, max: 2099 }),
    bm: fc.integer({ min: 1, max: 12 }),
    bd: fc.integer({ min: 1, max: 31 }),
    em: fc.integer({ min: 1, max: 12 }),
    ed: fc.integer({ min: 1, max: 31 }),
    sex: fc.constantFrom('M', 'F', '<', 'X'),
    nat: fc.constantFrom(...COUNTRIES),
    opt1: fc.oneof(up(AZ09 + '<', 0, 15), fc.stringMatching(/^\d{9}$/)),
    opt2: up(AZ09 + '<', 0, 11),
    surname: fc.array(up(AZ, 1, 10), { minLength: 1, maxLength: 3 }),
    given: fc.array(up(AZ, 1, 10), { maxLength: 3 }),
  })
  .map((g) => {
    const day = (y: number, m: number, d: number): number => Math.min(d, new Date(Date.UTC(y, m, 0)).getUTCDate());
    const bd = day(g.birthYear, g.bm, g.bd);
    const ed = day(g.expiryYear, g.em, g.ed);
    const two = (n: number): string => String(n % 100).padStart(2, '0');
    // Drop name words until line 3 fits (real MRZs truncate; truncation is not what is tested here).
    const surname = [...g.surname];
    const given = [...g.given];
    const line3 = (): string => `${surname.join('<')}<<${given.join('<')}`;
    while (line3().length > 30) (given.length ? given : surname).pop();
    const names = line3();
    const fields: MrzFields = {
      code: g.code, state: g.state, docNo: g.docNo, birth: two(g.birthYear) + two(g.bm) + two(bd), sex: g.sex,
      expiry: two(g.expiryYear) + two(g.em) + two(ed), nat: g.nat, opt1: g.opt1, opt2: g.opt2, names,
    };
    return { fields, birthDate: `${g.birthYear}-${two(g.bm)}-${two(bd)}`, expiryDate: `${g.expiryYear}-${two(g.em)}-${two(ed)}` };
  });

const ISO = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
/** True if `r` is a failure with a known code, or a success whose data has the documented shapes. */
function wellFormed(r: MrzResult): boolean {
  if (!r.ok) return CARD_ERROR_CODES.includes(r.error) && r.error.startsWith('MRZ_');
  const d = r.data;
  const mrzText = (s: string, max: number): boolean => s.length <= max && /^[A-Z0-9<]*$/.test(s) && !s.endsWith('<');
  return (
    mrzText(d.documentCode, 2) && mrzText(d.issuingState, 3) && mrzText(d.documentNumber, 23) && mrzText(d.nationality, 3) &&
    mrzText(d.optional1, 15) && mrzText(d.optional2, 11) && ISO.test(d.birthDate) && ISO.test(d.expiryDate) &&
    ['M', 'F', 'X'].includes(d.sex) && /^([A-Z]+( [A-Z]+)*)?$/.test(d.surname) && /^([A-Z]+( [A-Z]+)*)?$/.test(d.givenNames) &&
    (d.cpr === null || /^\d{9}$/.test(d.cpr))
  );
}

describe('parseMrz properties', () => {
  it('round-trips generated valid MRZs', () => {
    fc.assert(
      fc.property(arbValid, ({ fields: f, birthDate, expiryDate }) => {
        const r = parse(encode(f));
        const [sur, giv] = f.names.split('<<') as [string, string];
        const opt1 = f.opt1.replace(/<+$/, '');
        const docNo = f.docNo;
        expect(r).toEqual({
          ok: true,
          data: {
            documentCode: f.code.replace(/<+$/, ''), issuingState: f.state, documentNumber: docNo, birthDate,
            sex: f.sex === '<' ? 'X' : f.sex, expiryDate, nationality: f.nat, optional1: opt1,
            optional2: f.opt2.replace(/<+$/, ''), surname: sur.replaceAll('<', ' '),
            givenNames: giv.split('<').filter(Boolean).join(' '),
            cpr: /^\d{9}$/.test(opt1) ? opt1 : /^\d{9}$/.test(docNo) ? docNo : null,
          },
        });
      }),
      { numRuns: 3000 },
    );
  });

  it('refuses any single digit changed to another digit in lines 1-2', () => {
    fc.assert(
      fc.property(arbValid, fc.nat(), fc.integer({ min: 1, max: 9 }), ({ fields }, pick, delta) => {
        const lines = encode(fields);
        const top = lines[0] + lines[1];
        const digits = [...top].flatMap((c, i) => (/\d/.test(c) ? [i] : []));
        const i = digits[pick % digits.length]!;
        const changed = setAt(top, i, String((Number(top[i]) + delta) % 10));
        return !parse([changed.slice(0, 30), changed.slice(30), lines[2]]).ok;
      }),
      { numRuns: 2000 },
    );
  });
});

describe('parseMrz fuzz: never throws, always well-formed', () => {
  const RUNS = { numRuns: 10_000 };
  const noisy = (s: string): boolean => wellFormed(parseMrz(s, NOW));

  it('random strings', () => {
    fc.assert(fc.property(fc.oneof(fc.string({ maxLength: 120 }), fc.string({ unit: 'binary', maxLength: 100 })), noisy), RUNS);
  });

  it('random MRZ-alphabet text shaped like three lines', () => {
    const line = up(AZ09 + '<', 28, 31);
    const sep = fc.constantFrom('\n', '\r\n', '\r', '', ' \n');
    fc.assert(fc.property(line, sep, line, sep, line, (a, s1, b, s2, c) => noisy(a + s1 + b + s2 + c)), RUNS);
  });

  it('mutated valid MRZs (some still valid, most refused)', () => {
    const seen = new Set<string>();
    const mutation = fc.tuple(fc.nat(), fc.constantFrom('set', 'insert', 'delete'), fc.constantFrom(...(AZ09 + '<az \n\r#ß٣')));
    fc.assert(
      fc.property(arbValid, fc.array(mutation, { minLength: 1, maxLength: 4 }), ({ fields }, muts) => {
        let s = encode(fields).join('\n');
        for (const [n, op, c] of muts) {
          const i = n % (s.length + 1);
          s = op === 'set' ? setAt(s, i, c) : op === 'insert' ? s.slice(0, i) + c + s.slice(i) : s.slice(0, i) + s.slice(i + 1);
        }
        const r = parseMrz(s, NOW);
        seen.add(r.ok ? 'ok' : r.error);
        return wellFormed(r);
      }),
      RUNS,
    );
    for (const k of ['ok', 'MRZ_CHECK', 'MRZ_FORMAT']) expect(seen).toContain(k);
  });
});
