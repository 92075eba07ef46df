/** Seed rules on card data, computed on the branch-local day (Asia/Bahrain, UTC+3, no DST). */
import { describe, expect, it } from 'vitest';
import { adviseCardRequest, ageInYears, isUnderFour, RENEWAL_WINDOW_DAYS, renewalNeeded } from '../src/card/rules';

const TZ = 'Asia/Bahrain';
/** Noon in Bahrain on the given day. */
const at = (day: string): number => Date.parse(`${day}T12:00:00+03:00`);

describe('ageInYears', () => {
  it('counts whole years, turning on the birthday', () => {
    expect(ageInYears('1990-05-12', at('2026-05-11'), TZ)).toBe(35);
    expect(ageInYears('1990-05-12', at('2026-05-12'), TZ)).toBe(36);
    expect(ageInYears('1990-12-31', at('2026-01-01'), TZ)).toBe(35);
    expect(ageInYears('2026-03-01', at('2026-03-01'), TZ)).toBe(0);
  });

  it('counts a 29 February birthday on 1 March in common years', () => {
    expect(ageInYears('2020-02-29', at('2025-02-28'), TZ)).toBe(4);
    expect(ageInYears('2020-02-29', at('2025-03-01'), TZ)).toBe(5);
    expect(ageInYears('2020-02-29', at('2024-02-29'), TZ)).toBe(4);
  });

  it('uses the branch-local day, not UTC', () => {
    const now = Date.parse('2026-05-11T21:30:00Z'); // 00:30 on 12 May in Bahrain
    expect(ageInYears('2020-05-12', now, TZ)).toBe(6);
    expect(ageInYears('2020-05-12', now, 'UTC')).toBe(5);
  });

  it('is negative for a future birth date and throws on a malformed one', () => {
    expect(ageInYears('2027-01-01', at('2026-01-01'), TZ)).toBe(-1);
    expect(() => ageInYears('2026-02-30', at('2026-03-01'), TZ)).toThrow(RangeError);
    expect(() => ageInYears('20260101', at('2026-03-01'), TZ)).toThrow(RangeError);
  });
});

describe('isUnderFour', () => {
  it('is true from birth up to the day before the fourth birthday', () => {
    expect(isUnderFour('2026-05-01', at('2026-05-01'), TZ)).toBe(true);
    expect(isUnderFour('2022-05-12', at('2026-05-11'), TZ)).toBe(true);
    expect(isUnderFour('2022-05-12', at('2026-05-12'), TZ)).toBe(false);
    expect(isUnderFour('1990-01-01', at('2026-05-12'), TZ)).toBe(false);
  });

  it('is false for a birth date in the future', () => {
    expect(isUnderFour('2026-06-01', at('2026-05-12'), TZ)).toBe(false);
  });
});

describe('renewalNeeded', () => {
  it('uses a 90-day window by default', () => {
    expect(RENEWAL_WINDOW_DAYS).toBe(90);
  });

  it('classifies by branch-local days left', () => {
    const now = at('2026-01-01');
    expect(renewalNeeded('2026-04-02', now, TZ)).toEqual({ needed: false, status: 'valid', daysLeft: 91 });
    expect(renewalNeeded('2026-04-01', now, TZ)).toEqual({ needed: true, status: 'due', daysLeft: 90 });
    expect(renewalNeeded('2026-01-01', now, TZ)).toEqual({ needed: true, status: 'due', daysLeft: 0 });
    expect(renewalNeeded('2025-12-31', now, TZ)).toEqual({ needed: true, status: 'expired', daysLeft: -1 });
    expect(renewalNeeded('2031-01-01', now, TZ).status).toBe('valid');
  });

  it('takes another window', () => {
    const now = at('2026-01-01');
    expect(renewalNeeded('2026-02-01', now, TZ, 30).status).toBe('valid');
    expect(renewalNeeded('2026-01-31', now, TZ, 30).status).toBe('due');
  });

  it('counts days on the Bahrain calendar across midnight UTC', () => {
    const now = Date.parse('2025-12-31T22:00:00Z'); // already 1 January 2026 in Bahrain
    expect(renewalNeeded('2025-12-31', now, TZ).status).toBe('expired');
    expect(renewalNeeded('2025-12-31', now, 'UTC').status).toBe('due');
  });
});

describe('adviseCardRequest', () => {
  const now = at('2026-01-01');
  it('tells a holder of a long-valid card it need not be replaced', () => {
    expect(adviseCardRequest({ expiryDate: '2028-01-01', damaged: false }, now, TZ).advice).toBe('not-needed');
  });
  it('sends a damaged valid card to the replacement service', () => {
    expect(adviseCardRequest({ expiryDate: '2028-01-01', damaged: true }, now, TZ).advice).toBe('replacement-service');
  });
  it('proceeds when the card is due or expired, damaged or not', () => {
    expect(adviseCardRequest({ expiryDate: '2026-02-01', damaged: false }, now, TZ).advice).toBe('proceed');
    expect(adviseCardRequest({ expiryDate: '2025-06-01', damaged: true }, now, TZ).advice).toBe('proceed');
    expect(adviseCardRequest({ expiryDate: '2026-02-01', damaged: false }, now, TZ, 10)).toEqual({
      advice: 'not-needed',
      check: { needed: false, status: 'valid', daysLeft: 31 },
    });
  });
});
