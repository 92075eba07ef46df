/** The booking's data and the seed's card rules; references, statuses and the calendar file. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bookingIcs,
  bookingStatus,
  checkApplicant,
  checkEligibility,
  formatReference,
  makeReference,
  parseMobile,
  parseReference,
} from '../src/index';

const TZ = 'Asia/Bahrain';
const now = Date.parse('2026-12-07T10:00:00+03:00');
const good = {
  cpr: '850101001',
  name: 'Fatima Ali',
  mobile: '+973 3600 1234',
  email: 'fatima@example.bh',
  nationality: 'BH',
  birthDate: '1985-01-01',
};

describe('checkApplicant', () => {
  it('normalises good data (Arabic-Indic digits, mobile prefixes, spaces)', () => {
    const r = checkApplicant({ ...good, cpr: ' ٨٥٠١٠١٠٠١ ', name: '  فاطمة   علي ' }, 'new-card', now, TZ);
    expect(r).toEqual({
      ok: true,
      applicant: { cpr: '850101001', name: 'فاطمة علي', mobile: '36001234', email: 'fatima@example.bh', nationality: 'BH', birthDate: '1985-01-01', cardExpiry: null },
    });
  });

  it('names every wrong field', () => {
    const r = checkApplicant(
      { cpr: '85010100', name: 'R2D2', mobile: '17001234', email: 'a@b', nationality: 'XX', birthDate: '2027-01-01' },
      'renewal',
      now,
      TZ,
    );
    expect(r).toEqual({
      ok: false,
      fields: { cpr: 'FORMAT', name: 'FORMAT', mobile: 'FORMAT', email: 'FORMAT', nationality: 'FORMAT', birthDate: 'FUTURE', cardExpiry: 'REQUIRED' },
    });
  });

  it('refuses oversized and missing fields, and asks a non-Bahraini to accept the conditions', () => {
    const r = checkApplicant({ ...good, name: 'x'.repeat(101), email: `${'a'.repeat(250)}@b.bh`, nationality: 'other', cpr: 5 }, 'new-card', now, TZ);
    expect(r).toEqual({ ok: false, fields: { cpr: 'REQUIRED', name: 'TOO_LONG', email: 'TOO_LONG', conditionsAccepted: 'NOT_ACCEPTED' } });
    expect(checkApplicant({ ...good, nationality: 'other', conditionsAccepted: true }, 'new-card', now, TZ).ok).toBe(true);
  });

  it('never throws, whatever is typed (property)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('cpr', 'name', 'mobile', 'email', 'nationality', 'birthDate', 'cardExpiry'), fc.oneof(fc.string(), fc.integer(), fc.constant(null))), (input) => {
        const r = checkApplicant(input, 'renewal', now, TZ);
        expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: 2000 },
    );
  });

  it('reads Bahraini mobiles only', () => {
    expect(parseMobile('0097366001234')).toBe('66001234');
    expect(parseMobile('3600-1234')).toBe('36001234');
    expect(parseMobile('1700 1234')).toBeNull();
    expect(parseMobile('+973 3600 123')).toBeNull();
  });
});

describe('checkEligibility (seed rules)', () => {
  it('sends a child under four online, for every card service', () => {
    for (const code of ['new-card', 'renewal', 'replacement']) {
      expect(checkEligibility({ birthDate: '2023-12-08', cardExpiry: '2026-12-01' }, code, now, TZ)).toEqual({ ok: false, code: 'UNDER_FOUR' });
    }
    expect(checkEligibility({ birthDate: '2022-12-07', cardExpiry: null }, 'new-card', now, TZ)).toEqual({ ok: true }); // turns four today
  });

  it('explains that a valid card need not be renewed, with the day renewal opens', () => {
    expect(checkEligibility({ birthDate: '1985-01-01', cardExpiry: '2028-01-01' }, 'renewal', now, TZ)).toEqual({
      ok: false,
      code: 'CARD_STILL_VALID',
      expiry: '2028-01-01',
      renewFrom: '2027-10-03',
    });
    expect(checkEligibility({ birthDate: '1985-01-01', cardExpiry: '2027-03-01' }, 'renewal', now, TZ)).toEqual({ ok: true }); // within 90 days
    expect(checkEligibility({ birthDate: '1985-01-01', cardExpiry: '2025-01-01' }, 'renewal', now, TZ)).toEqual({ ok: true }); // expired
    // A damaged card is replaced whatever its expiry.
    expect(checkEligibility({ birthDate: '1985-01-01', cardExpiry: '2030-01-01' }, 'replacement', now, TZ)).toEqual({ ok: true });
  });
});

describe('references', () => {
  it('are nine characters with a check character, typed forgivingly', () => {
    const ref = makeReference(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 31]));
    expect(ref).toMatch(/^[0-9A-Z]{9}$/);
    expect(formatReference(ref)).toBe(`${ref.slice(0, 3)}-${ref.slice(3, 6)}-${ref.slice(6)}`);
    expect(parseReference(formatReference(ref).toLowerCase())).toBe(ref);
    expect(parseReference(` ${ref.slice(0, 4)} ${ref.slice(4)} `)).toBe(ref);
    expect(parseReference('')).toBeNull();
    expect(parseReference('U'.repeat(9))).toBeNull();
    expect(parseReference('Z'.repeat(9))).toBeNull();
  });

  it('catch any one wrong character and any swap of neighbours (property)', () => {
    const ALPHA = '0123456789ABCDEFGHJKMNPQRSTVWXY';
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 8, maxLength: 8 }), fc.integer({ min: 0, max: 8 }), fc.integer({ min: 1, max: 30 }), (bytes, pos, shift) => {
        const ref = makeReference(bytes);
        const wrong = ref.slice(0, pos) + ALPHA[(ALPHA.indexOf(ref[pos]!) + shift) % 31] + ref.slice(pos + 1);
        expect(parseReference(wrong)).toBeNull();
        if (pos < 8 && ref[pos] !== ref[pos + 1]) {
          expect(parseReference(ref.slice(0, pos) + ref[pos + 1] + ref[pos] + ref.slice(pos + 2))).toBeNull();
        }
      }),
      { numRuns: 3000 },
    );
  });
});

describe('bookingStatus', () => {
  const slotAt = Date.parse('2026-12-07T11:00:00+03:00');
  it('follows the visit: booked → checked in → served / no-show / cancelled', () => {
    expect(bookingStatus({ status: 'booked', slotAt }, null, now, TZ)).toBe('booked');
    expect(bookingStatus({ status: 'checked_in', slotAt }, null, now, TZ)).toBe('checked_in');
    expect(bookingStatus({ status: 'checked_in', slotAt }, { state: 'serving' }, now, TZ)).toBe('checked_in');
    expect(bookingStatus({ status: 'checked_in', slotAt }, { state: 'done' }, now, TZ)).toBe('served');
    expect(bookingStatus({ status: 'checked_in', slotAt }, { state: 'no_show' }, now, TZ)).toBe('no_show');
    expect(bookingStatus({ status: 'cancelled', slotAt }, null, now, TZ)).toBe('cancelled');
    // Never checked in and the day is over (midnight in Bahrain).
    expect(bookingStatus({ status: 'booked', slotAt }, null, Date.parse('2026-12-07T23:59:00+03:00'), TZ)).toBe('booked');
    expect(bookingStatus({ status: 'booked', slotAt }, null, Date.parse('2026-12-08T00:00:00+03:00'), TZ)).toBe('no_show');
  });
});

describe('bookingIcs', () => {
  it('is one event in UTC with escaped, folded text and CRLF line ends', () => {
    const ics = bookingIcs({
      reference: 'K7M2QXD4R',
      slotAt: Date.parse('2026-12-08T10:10:00+03:00'),
      slotMin: 10,
      summary: 'تجديد البطاقة; Seef Mall',
      location: 'Seef Mall, Bahrain',
      description: 'Reference K7M-2QX-D4R. Bring your card.\nHotline 80008001 '.repeat(3),
      now: Date.parse('2026-12-07T07:00:00Z'),
    });
    const lines = ics.split('\r\n');
    expect(lines).toContain('DTSTART:20261208T071000Z');
    expect(lines).toContain('DTEND:20261208T072000Z');
    expect(lines).toContain('UID:K7M2QXD4R@dawr.booking');
    expect(ics).toContain('SUMMARY:تجديد البطاقة\\; Seef Mall');
    expect(lines.every((l) => new TextEncoder().encode(l).length <= 75)).toBe(true);
    expect(ics.split('\r\n').some((l) => l.startsWith(' '))).toBe(true);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
  });
});
