import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkInDecision, checkInOpensAt, checkInWindow } from '../src/queue/checkin';
import { canIssue, closedReason, isHoliday, minutesUntilClose } from '../src/queue/hours';
import { BRANCH, MIN, OPEN_AT } from './fixtures';

const SLOT = OPEN_AT + 120 * MIN; // 10:00 local

describe('checkInWindow', () => {
  it('default window is 30 min early to 15 min late, both ends included', () => {
    expect(checkInWindow(SLOT, SLOT - 30 * MIN - 1)).toBe('too_early');
    expect(checkInWindow(SLOT, SLOT - 30 * MIN)).toBe('on_time');
    expect(checkInWindow(SLOT, SLOT)).toBe('on_time');
    expect(checkInWindow(SLOT, SLOT + 15 * MIN)).toBe('on_time');
    expect(checkInWindow(SLOT, SLOT + 15 * MIN + 1)).toBe('late');
  });

  it('takes other windows', () => {
    expect(checkInWindow(SLOT, SLOT - 10 * MIN, { earlyMin: 5 })).toBe('too_early');
    expect(checkInWindow(SLOT, SLOT + 10 * MIN, { lateMin: 5 })).toBe('late');
    expect(checkInWindow(SLOT, SLOT + 10 * MIN, { earlyMin: 0, lateMin: 10 })).toBe('on_time');
  });

  it('a late visitor joins the walk-in queue; an early one is told when to come back', () => {
    expect(checkInDecision(SLOT, SLOT + 20 * MIN)).toEqual({ window: 'late', joinsAs: 'walk_in', retryAt: null });
    expect(checkInDecision(SLOT, SLOT - 5 * MIN)).toEqual({ window: 'on_time', joinsAs: 'appointment', retryAt: null });
    expect(checkInDecision(SLOT, SLOT - 60 * MIN)).toEqual({ window: 'too_early', joinsAs: null, retryAt: SLOT - 30 * MIN });
    expect(checkInOpensAt(SLOT, { earlyMin: 10 })).toBe(SLOT - 10 * MIN);
  });

  it('property: the three answers split time into ordered intervals', () => {
    fc.assert(
      fc.property(fc.integer({ min: -300, max: 300 }), fc.integer({ min: -300, max: 300 }), fc.nat(90), fc.nat(90), (a, b, earlyMin, lateMin) => {
        const rank = { too_early: 0, on_time: 1, late: 2 } as const;
        const [x, y] = a <= b ? [a, b] : [b, a];
        const rx = rank[checkInWindow(SLOT, SLOT + x * MIN, { earlyMin, lateMin })];
        const ry = rank[checkInWindow(SLOT, SLOT + y * MIN, { earlyMin, lateMin })];
        expect(rx).toBeLessThanOrEqual(ry); // monotone in time
        expect(checkInWindow(SLOT, SLOT, { earlyMin, lateMin })).toBe('on_time');
      }),
      { numRuns: 1000 },
    );
  });
});

describe('hours', () => {
  it('closed before 08:00 and from 14:00 local', () => {
    expect(canIssue(OPEN_AT - 1, BRANCH, 0)).toBe('closed');
    expect(canIssue(OPEN_AT, BRANCH, 0)).toBe('ok');
    expect(canIssue(OPEN_AT + 360 * MIN, BRANCH, 0)).toBe('closed');
    expect(minutesUntilClose(OPEN_AT + 360 * MIN, BRANCH)).toBeNull();
  });

  it('counts minutes to closing to the second', () => {
    expect(minutesUntilClose(OPEN_AT, BRANCH)).toBe(360);
    expect(minutesUntilClose(OPEN_AT + 330 * MIN + 30_000, BRANCH)).toBe(29.5);
  });

  it('too late when the estimated wait passes closing time', () => {
    const at1330 = OPEN_AT + 330 * MIN;
    expect(canIssue(at1330, BRANCH, 30)).toBe('ok');
    expect(canIssue(at1330, BRANCH, 31)).toBe('too_late');
    expect(canIssue(at1330, BRANCH, 20, { marginMin: 15 })).toBe('too_late');
    expect(canIssue(at1330 + 1_000, BRANCH, 30)).toBe('too_late');
  });

  it('a public holiday closes the whole branch-local day, hours or not', () => {
    // OPEN_AT is 08:00 on 2026-11-24 in Bahrain: the holiday runs from local midnight to midnight; the 25th is a working day.
    const holidays = ['2026-11-24'];
    expect(canIssue(OPEN_AT, BRANCH, 0, { holidays })).toBe('holiday');
    expect(canIssue(OPEN_AT + 300 * MIN, BRANCH, null, { holidays })).toBe('holiday');
    expect(canIssue(OPEN_AT - 1, BRANCH, 0, { holidays })).toBe('holiday');
    expect(canIssue(OPEN_AT + 18 * 60 * MIN, BRANCH, 0, { holidays })).toBe('closed');
    expect(canIssue(OPEN_AT + 24 * 60 * MIN, BRANCH, 0, { holidays })).toBe('ok');
    expect(canIssue(OPEN_AT, BRANCH, 0, { holidays: ['2026-11-25'] })).toBe('ok');
    expect(isHoliday(OPEN_AT - 8 * 60 * MIN, BRANCH.timezone, holidays)).toBe(true);
    expect(isHoliday(OPEN_AT - 8 * 60 * MIN - 1, BRANCH.timezone, holidays)).toBe(false);
    expect(closedReason(OPEN_AT, BRANCH, holidays)).toBe('holiday');
    expect(closedReason(OPEN_AT, BRANCH, [])).toBeNull();
    expect(closedReason(OPEN_AT - 1, BRANCH, [])).toBe('hours');
  });

  it('an unknown estimate does not refuse', () => {
    expect(canIssue(OPEN_AT + 359 * MIN, BRANCH, null)).toBe('ok');
  });

  it('property: too_late iff wait > minutes left, never ok when closed', () => {
    fc.assert(
      fc.property(fc.integer({ min: -120 * 60, max: 420 * 60 }), fc.option(fc.nat(500)), (sec, wait) => {
        const now = OPEN_AT + sec * 1000;
        const d = canIssue(now, BRANCH, wait);
        const left = minutesUntilClose(now, BRANCH);
        if (sec < 0 || sec >= 360 * 60) expect(d).toBe('closed');
        else expect(d).toBe(wait !== null && wait > left! ? 'too_late' : 'ok');
      }),
      { numRuns: 1000 },
    );
  });
});
