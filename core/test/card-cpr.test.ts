/** Typed CPR: digits normalised, exactly 9 of them, never a guessed checksum; masking for clerks and logs. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskCpr, parseCpr, toWesternDigits } from '../src/card/cpr';
import { CARD_ERROR_CODES, CARD_ERROR_MESSAGES, cardFailure } from '../src/card/errors';

describe('parseCpr', () => {
  it('accepts 9 Western digits, trimming surrounding whitespace', () => {
    expect(parseCpr('850112345')).toEqual({ ok: true, cpr: '850112345' });
    expect(parseCpr('  850112345\t\n')).toEqual({ ok: true, cpr: '850112345' });
    expect(parseCpr('\u00a0850112345\u00a0')).toEqual({ ok: true, cpr: '850112345' });
  });

  it('converts Arabic-Indic and Extended Arabic-Indic digits, also mixed', () => {
    expect(parseCpr('٨٥٠١١٢٣٤٥')).toEqual({ ok: true, cpr: '850112345' });
    expect(parseCpr('۸۵۰۱۱۲۳۴۵')).toEqual({ ok: true, cpr: '850112345' });
    expect(parseCpr('٠١٢٣٤٥٦٧٨')).toEqual({ ok: true, cpr: '012345678' });
    expect(parseCpr('85٠1۱2345')).toEqual({ ok: true, cpr: '850112345' });
    expect(toWesternDigits('٩۹9x')).toBe('999x');
  });

  it.each(['', '   ', '85011234', '8501123456', '85011234a', '850 112 345', '850-112-345', '８５０１１２３４５', '+85011234', '85011234.'])(
    'refuses %j with CPR_FORMAT',
    (input) => {
      expect(parseCpr(input)).toEqual(cardFailure('CPR_FORMAT'));
    },
  );

  it('never rejects a 9-digit number on a checksum (any 9 digits pass)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{9}$/), (cpr) => {
        expect(parseCpr(cpr)).toEqual({ ok: true, cpr });
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws, and only answers ok with 9 Western digits', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 20 }), (s) => {
        const r = parseCpr(s);
        if (r.ok) expect(r.cpr).toMatch(/^\d{9}$/);
        else expect(r.error).toBe('CPR_FORMAT');
      }),
      { numRuns: 2000 },
    );
  });
});

describe('maskCpr', () => {
  it('shows only the last 4 digits', () => {
    expect(maskCpr('850112345')).toBe('•••••2345');
    expect(maskCpr('٨٥٠١١٢٣٤٥')).toBe('•••••2345');
    expect(maskCpr(' 850112345 ')).toBe('•••••2345');
  });

  it('masks short values completely', () => {
    expect(maskCpr('1234')).toBe('•••••••••');
    expect(maskCpr('')).toBe('•••••••••');
  });

  it('never shows the first five digits of a CPR', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{9}$/), (cpr) => {
        const m = maskCpr(cpr);
        expect(m).toBe(`•••••${cpr.slice(5)}`);
      }),
      { numRuns: 500 },
    );
  });
});

describe('CARD_ERROR_MESSAGES', () => {
  it('has an English and an Arabic message for every code', () => {
    expect(CARD_ERROR_CODES.length).toBeGreaterThanOrEqual(7);
    for (const code of CARD_ERROR_CODES) {
      expect(CARD_ERROR_MESSAGES[code].en).toMatch(/\w/);
      expect(CARD_ERROR_MESSAGES[code].ar).toMatch(/[\u0600-\u06FF]/);
    }
  });
});
