/** Online booking slots: working days, opening hours, holidays, horizon, lead time, slot length and seats. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  bookableDays,
  checkSlot,
  isWorkingDay,
  localTime,
  openSlots,
  seedCatalogue,
  slotRuleFor,
  slotStarts,
  weekdayOf,
  type BranchCatalogue,
} from '../src/index';

const TZ = 'Asia/Bahrain';
const at = (day: string, hhmm: string): number => Date.parse(`${day}T${hhmm}:00+03:00`);
// 2026-12-06 is a Sunday; 11 and 12 December are Friday and Saturday.
const SUNDAY = '2026-12-06';
const c = seedCatalogue('seef-mall');
const renewal = 'seef-mall.renewal';
const newCard = 'seef-mall.new-card';

describe('calendar', () => {
  it('knows the days of the week and that Bahrain works Sunday to Thursday', () => {
    expect(weekdayOf(SUNDAY)).toBe(0);
    expect([0, 1, 2, 3, 4, 5, 6].map((i) => isWorkingDay(addDays(SUNDAY, i)))).toEqual([true, true, true, true, true, false, false]);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
  });

  it('turns a branch-local time into epoch ms (Asia/Bahrain is UTC+3 all year)', () => {
    expect(localTime('2026-12-07', 8 * 60, TZ)).toBe(Date.parse('2026-12-07T05:00:00Z'));
    expect(localTime('2026-06-30', 13 * 60 + 50, TZ)).toBe(Date.parse('2026-06-30T10:50:00Z'));
  });
});

describe('slots of a day', () => {
  it('run from opening to closing time in the service’s slot length, the last one ending by closing', () => {
    const renewals = slotStarts(c, renewal, '2026-12-07');
    expect(renewals[0]).toBe(at('2026-12-07', '08:00'));
    expect(renewals.at(-1)).toBe(at('2026-12-07', '13:50'));
    expect(renewals).toHaveLength(36); // 6 h of 10-minute slots
    const cards = slotStarts(c, newCard, '2026-12-07');
    expect(cards.at(-1)).toBe(at('2026-12-07', '13:45'));
    expect(cards).toHaveLength(24);
  });

  it('follow the catalogue’s slot length and seats per service, defaults otherwise', () => {
    const custom: BranchCatalogue = { ...c, booking: { horizonDays: 10, leadMin: 0, services: { [renewal]: { slotMin: 40, seats: 7 } } } };
    expect(slotRuleFor(custom, renewal)).toMatchObject({ ok: true, rule: { slotMin: 40, seats: 7 } });
    expect(slotRuleFor(custom, newCard)).toMatchObject({ ok: true, rule: { slotMin: 15, seats: 2 } });
    // 08:00 … 13:20 (13:20 + 40 = 14:00).
    expect(slotStarts(custom, renewal, '2026-12-07').at(-1)).toBe(at('2026-12-07', '13:20'));
  });

  it('are none on Friday, Saturday or a public holiday, nor for a service without appointments', () => {
    expect(slotStarts(c, renewal, '2026-12-11')).toEqual([]);
    expect(slotStarts(c, renewal, '2026-12-12')).toEqual([]);
    expect(slotStarts({ ...c, holidays: ['2026-12-16'] }, renewal, '2026-12-16')).toEqual([]);
    expect(slotStarts(c, 'seef-mall.collection', '2026-12-07')).toEqual([]);
    expect(slotStarts(c, 'seef-mall.nothing', '2026-12-07')).toEqual([]);
  });
});

describe('checkSlot', () => {
  const now = at('2026-12-07', '10:05');

  it('accepts a future slot start on a working day within the horizon', () => {
    expect(checkSlot(c, renewal, at('2026-12-07', '10:10'), now)).toMatchObject({ ok: true, day: '2026-12-07', rule: { seats: 3 } });
    expect(checkSlot(c, renewal, at('2027-01-05', '08:00'), now)).toMatchObject({ ok: true });
  });

  it('refuses each wrong slot with its reason', () => {
    const code = (serviceId: string, slotAt: number, cat: BranchCatalogue = c) => {
      const r = checkSlot(cat, serviceId, slotAt, now);
      return r.ok ? 'ok' : r.code;
    };
    expect(code(renewal, at('2026-12-07', '10:00'))).toBe('SLOT_PAST'); // started five minutes ago
    expect(code(renewal, at('2026-12-07', '08:00'))).toBe('SLOT_PAST');
    expect(code(renewal, at('2026-12-11', '10:00'))).toBe('WEEKEND'); // Friday
    expect(code(renewal, at('2026-12-12', '10:00'))).toBe('WEEKEND'); // Saturday
    expect(code(renewal, at('2026-12-16', '10:00'), { ...c, holidays: ['2026-12-16'] })).toBe('HOLIDAY');
    expect(code(renewal, at('2026-12-08', '10:05'))).toBe('NOT_A_SLOT'); // not a slot start
    expect(code(renewal, at('2026-12-08', '07:50'))).toBe('NOT_A_SLOT'); // before opening
    expect(code(renewal, at('2026-12-08', '14:00'))).toBe('NOT_A_SLOT'); // closing time
    expect(code(renewal, at('2026-12-08', '10:10') + 1)).toBe('NOT_A_SLOT');
    expect(code(renewal, Number.NaN)).toBe('NOT_A_SLOT');
    expect(code(renewal, at('2027-01-06', '10:00'))).toBe('BEYOND_HORIZON'); // 31st day
    expect(code('seef-mall.collection', at('2026-12-08', '10:00'))).toBe('NO_APPOINTMENTS');
    expect(code('muharraq.renewal', at('2026-12-08', '10:00'))).toBe('UNKNOWN_SERVICE');
    const inactive = { ...c, services: c.services.map((s) => (s.id === renewal ? { ...s, active: false } : s)) };
    expect(code(renewal, at('2026-12-08', '10:00'), inactive)).toBe('UNKNOWN_SERVICE');
  });

  it('keeps the lead time before a slot', () => {
    const lead = { ...c, booking: { horizonDays: 30, leadMin: 60, services: {} } };
    expect(checkSlot(lead, renewal, at('2026-12-07', '11:00'), now)).toMatchObject({ ok: false, code: 'SLOT_PAST' });
    expect(checkSlot(lead, renewal, at('2026-12-07', '11:10'), now)).toMatchObject({ ok: true });
  });

  it('agrees with openSlots for every instant of a fortnight (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 14 * 24 * 60 }), fc.integer({ min: 0, max: 20 * 24 * 60 }), (nowMin, slotMin) => {
        const t = at(SUNDAY, '00:00') + nowMin * 60_000;
        const slot = at(SUNDAY, '00:00') + slotMin * 60_000;
        const day = new Date(slot + 3 * 3600_000).toISOString().slice(0, 10);
        const listed = openSlots(c, renewal, day, t).includes(slot);
        expect(checkSlot(c, renewal, slot, t).ok).toBe(listed);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('bookableDays', () => {
  it('lists working days within the horizon that still have a slot, from today', () => {
    const afternoon = at('2026-12-07', '13:55'); // Monday, after the last renewal slot
    const days = bookableDays({ ...c, holidays: ['2026-12-16'] }, renewal, afternoon);
    expect(days[0]).toBe('2026-12-08');
    expect(days).not.toContain('2026-12-07');
    expect(days).not.toContain('2026-12-11');
    expect(days).not.toContain('2026-12-12');
    expect(days).not.toContain('2026-12-16');
    expect(days.at(-1)).toBe('2027-01-05'); // today + 29
    expect(days.every(isWorkingDay)).toBe(true);
    expect(bookableDays(c, renewal, at('2026-12-07', '09:00'))[0]).toBe('2026-12-07');
  });
});
