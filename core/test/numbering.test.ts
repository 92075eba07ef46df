import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatTicketNumber, MAX_DAILY_SEQ } from '../src/numbering';

describe('numbering', () => {
  it('formats prefix + 3 digits', () => {
    expect(formatTicketNumber('A', 1)).toBe('A-001');
    expect(formatTicketNumber('B', 42)).toBe('B-042');
    expect(formatTicketNumber('Z', MAX_DAILY_SEQ)).toBe('Z-999');
  });

  it('refuses bad prefixes and sequences', () => {
    for (const p of ['a', 'AB', '', '1', 'أ']) expect(() => formatTicketNumber(p, 1)).toThrow('prefix');
    for (const s of [0, -1, 1000, 1.5, Number.NaN]) expect(() => formatTicketNumber('A', s)).toThrow('sequence');
  });

  it('property: numbers are unique per (service, day, seq) and read back', () => {
    const prefix = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ');
    const issued = fc.uniqueArray(fc.record({ prefix, day: fc.constantFrom('2026-11-24', '2026-11-25', '2026-11-26'), seq: fc.integer({ min: 1, max: MAX_DAILY_SEQ }) }), {
      selector: (x) => `${x.prefix}|${x.day}|${x.seq}`,
      maxLength: 60,
    });
    fc.assert(
      fc.property(issued, (tickets) => {
        // Services of a branch have distinct prefixes, so (prefix, day, seq) stands for (service, day, seq).
        const keys = new Set(tickets.map((t) => `${t.day}|${formatTicketNumber(t.prefix, t.seq)}`));
        expect(keys.size).toBe(tickets.length);
        for (const t of tickets) {
          const m = /^([A-Z])-(\d{3})$/.exec(formatTicketNumber(t.prefix, t.seq));
          expect(m).not.toBeNull();
          expect([m![1], Number(m![2])]).toEqual([t.prefix, t.seq]);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
