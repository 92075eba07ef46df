/** The simulator calls by the real rules of core/src/queue: weights, priorities, appointments, opening times. */
import { describe, expect, it } from 'vitest';
import { simulate, type SimArrival } from '../src/reports/simulate';

const MIN = 60_000;
const walkIn = (serviceId: string, atMin: number, extra: Partial<SimArrival> = {}): SimArrival => ({ serviceId, at: atMin * MIN, priority: null, slotAt: null, ...extra });
const profile = (...entries: [string, number][]) => entries.map(([serviceId, weight], position) => ({ serviceId, position, weight }));

describe('simulate', () => {
  it('a counter weighted 2:1 calls A A B while both queues are busy', () => {
    const arrivals = [...[0, 0, 0, 0].map(() => walkIn('A', 0)), ...[0, 0].map(() => walkIn('B', 0))];
    const visits = simulate({ start: 0, end: 120 * MIN, arrivals, counters: [{ id: 'c1', profile: profile(['A', 2], ['B', 1]), open: [[0, 120 * MIN]] }], handleMs: () => 10 * MIN });
    const order = [...visits].sort((a, b) => a.calledAt! - b.calledAt!).map((v) => v.serviceId);
    expect(order).toEqual(['A', 'A', 'B', 'A', 'A', 'B']);
  });

  it('a priority visitor goes ahead by its boost; an on-time appointment waits from its slot', () => {
    const arrivals = [walkIn('A', 0), walkIn('A', 1), walkIn('A', 2, { priority: 'elderly' }), walkIn('A', 3, { slotAt: 10 * MIN })];
    const visits = simulate({ start: 0, end: 60 * MIN, arrivals, counters: [{ id: 'c1', profile: profile(['A', 1]), open: [[0, 60 * MIN]] }], handleMs: () => 5 * MIN });
    // 0: the first arrival at once. 5: the appointment, due from 5 minutes before its slot, goes first. 10: the
    // elderly visitor (queues as if 15 minutes earlier). 15: the walk-in of minute 1.
    expect(visits.map((v) => v.calledAt! / MIN)).toEqual([0, 15, 10, 5]);
    expect(visits[3]!.waitFrom).toBe(10 * MIN);
  });

  it('a counter calls only while open; after closing the open counters empty the queue; a service nobody serves is never called', () => {
    const arrivals = [walkIn('A', 0), walkIn('A', 50), walkIn('A', 58), walkIn('B', 1)];
    const visits = simulate({
      start: 0,
      end: 60 * MIN,
      arrivals,
      counters: [{ id: 'c1', profile: profile(['A', 1]), open: [[20 * MIN, 60 * MIN]] }],
      handleMs: () => 10 * MIN,
    });
    expect(visits.map((v) => (v.calledAt === null ? null : v.calledAt / MIN))).toEqual([20, 50, 60, null]);
  });

  it('starts mid-day with the queue waiting and a counter busy', () => {
    const visits = simulate({
      start: 100 * MIN,
      end: 200 * MIN,
      waiting: [walkIn('A', 90)],
      arrivals: [walkIn('A', 101)],
      counters: [{ id: 'c1', profile: profile(['A', 1]), open: [[0, 200 * MIN]], busyUntil: 104 * MIN }],
      handleMs: () => 10 * MIN,
    });
    expect(visits.map((v) => v.calledAt! / MIN)).toEqual([104, 114]);
  });
});
