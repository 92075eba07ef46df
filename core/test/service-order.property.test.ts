/** The keyed sort of a service's queue orders exactly as the comparator the call rule and positions use. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareServiceQueue, rankChangesAt, sortServiceQueue } from '../src/queue/rules';
import { OPEN_AT } from './fixtures';
import { arbRules, arbTickets } from './reference';

describe('sortServiceQueue', () => {
  it('property: the same order as sorting with compareServiceQueue, at any moment', () => {
    fc.assert(
      fc.property(arbRules, arbTickets(40, 180, ['s0']), fc.nat(300), (rules, tickets, atMin) => {
        const now = OPEN_AT + atMin * 60_000;
        const expected = [...tickets].sort(compareServiceQueue(now, rules)).map((t) => t.id);
        expect(sortServiceQueue(tickets, now, rules).map((t) => t.id)).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('property: the order holds until the first rank change of its tickets', () => {
    fc.assert(
      fc.property(arbRules, arbTickets(40, 180, ['s0']), fc.nat(300), fc.double({ min: 0, max: 1, noNaN: true }), (rules, tickets, atMin, f) => {
        const now = OPEN_AT + atMin * 60_000;
        const until = Math.min(...tickets.map((t) => rankChangesAt(t, now, rules)));
        expect(until).toBeGreaterThan(now);
        const later = until === Infinity ? now + 600 * 60_000 : Math.floor(now + f * (until - 1 - now));
        const order = (at: number) => [...tickets].sort(compareServiceQueue(at, rules)).map((t) => t.id);
        expect(order(later)).toEqual(order(now));
      }),
      { numRuns: 500 },
    );
  });
});
