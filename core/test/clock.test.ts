import { describe, expect, it } from 'vitest';
import { isOpen, localDay, localDayRange, localParts, parseHhMm, utcOffsetMs } from '../src/clock';

const TZ = 'Asia/Bahrain';
const HOURS = { timezone: TZ, opensAt: '08:00', closesAt: '14:00' };

describe('clock: Asia/Bahrain day boundary', () => {
  it('2026-11-24T20:59:59Z is 23:59 on the 24th', () => {
    const at = Date.parse('2026-11-24T20:59:59Z');
    expect(localParts(at, TZ)).toEqual({ day: '2026-11-24', minutes: 23 * 60 + 59 });
    expect(localDay(at, TZ)).toBe('2026-11-24');
  });

  it('2026-11-24T21:00:00Z is 00:00 on the 25th', () => {
    const at = Date.parse('2026-11-24T21:00:00Z');
    expect(localParts(at, TZ)).toEqual({ day: '2026-11-25', minutes: 0 });
    expect(localDay(at, TZ)).toBe('2026-11-25');
  });

  it('the same instant is another day in UTC', () => {
    expect(localDay(Date.parse('2026-11-24T22:00:00Z'), 'UTC')).toBe('2026-11-24');
  });
});

describe('clock: opening hours', () => {
  it('is open from 08:00 (05:00Z) up to but not including 14:00 (11:00Z)', () => {
    expect(isOpen(Date.parse('2026-11-24T04:59:59Z'), HOURS)).toBe(false);
    expect(isOpen(Date.parse('2026-11-24T05:00:00Z'), HOURS)).toBe(true);
    expect(isOpen(Date.parse('2026-11-24T10:59:59Z'), HOURS)).toBe(true);
    expect(isOpen(Date.parse('2026-11-24T11:00:00Z'), HOURS)).toBe(false);
  });

  it('parses HH:MM and refuses malformed times', () => {
    expect(parseHhMm('00:00')).toBe(0);
    expect(parseHhMm('14:00')).toBe(840);
    expect(parseHhMm('23:59')).toBe(1439);
    for (const bad of ['24:00', '8:00', '08:60', '0800', '', '08:00 ']) expect(() => parseHhMm(bad)).toThrow('bad time of day');
  });
});

describe('clock: UTC offset and the local day as a range', () => {
  it('Asia/Bahrain is three hours ahead of UTC, UTC none, a negative zone behind', () => {
    const at = Date.parse('2026-11-24T10:17:42Z');
    expect(utcOffsetMs(at, TZ)).toBe(3 * 3600_000);
    expect(utcOffsetMs(at, 'UTC')).toBe(0);
    expect(utcOffsetMs(at, 'America/New_York')).toBe(-5 * 3600_000);
  });

  it('the local day runs from local midnight (21:00Z the day before) for 24 hours', () => {
    const range = { start: Date.parse('2026-11-23T21:00:00Z'), end: Date.parse('2026-11-24T21:00:00Z') };
    expect(localDayRange(Date.parse('2026-11-24T10:00:00Z'), TZ)).toEqual(range);
    expect(localDayRange(Date.parse('2026-11-23T21:00:00Z'), TZ)).toEqual(range);
    expect(localDayRange(Date.parse('2026-11-24T20:59:59.999Z'), TZ)).toEqual(range);
    expect(localDayRange(Date.parse('2026-11-24T21:00:00Z'), TZ).start).toBe(range.end);
  });

  it('UTC days are calendar days', () => {
    expect(localDayRange(Date.parse('2026-11-24T23:59:00Z'), 'UTC')).toEqual({
      start: Date.parse('2026-11-24T00:00:00Z'),
      end: Date.parse('2026-11-25T00:00:00Z'),
    });
  });
});
