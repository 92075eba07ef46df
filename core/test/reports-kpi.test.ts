/** Report arithmetic against the hand-computed day of reports-fixture.ts, and the edge cases around it. */
import { describe, expect, it } from 'vitest';
import { computeReport } from '../src/reports/report';
import { nearestRank } from '../src/reports/stats';
import type { Stat } from '../src/reports/types';
import { A, B, DAY, dayInput, m, mins, TZ, tickets, events } from './reports-fixture';

const report = (extra: Partial<Parameters<typeof computeReport>[1]> = {}) => computeReport(dayInput, { timeZone: TZ, from: DAY, to: DAY, ...extra });
/** A stat in minutes, for comparing with the hand-computed figures. */
const inMin = (s: Stat) => ({ n: s.n, mean: mins(s.meanMs), p90: mins(s.p90Ms), max: mins(s.maxMs) });

describe('nearest-rank percentile', () => {
  it('takes the ⌈p·n⌉-th smallest value', () => {
    expect(nearestRank([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBe(9);
    expect(nearestRank([4, 5, 5, 10, 20, 25, 50], 0.9)).toBe(50);
    expect(nearestRank([7], 0.9)).toBe(7);
    expect(nearestRank([], 0.9)).toBeNull();
  });
});

describe('a branch day from its event log', () => {
  const r = report();

  it('counts visits and transactions: a transfer is a second transaction of the same visit', () => {
    expect(r.visits).toBe(8);
    const { wait, walk, service, serviceLevel, ...counts } = r.totals;
    expect(counts).toEqual({
      issued: 8,
      transfersIn: 1,
      served: 5,
      transferredOut: 1,
      noShows: 1,
      cancelled: 1,
      closedAtDayEnd: 2,
      waiting: 0,
      atCounter: 0,
    });
  });

  it('waits: called − arrival, or − slot for an on-time appointment, or − transfer for the next transaction', () => {
    // 10, 25, 5 (slot 60, called 65), 4 (transfer 76, called 80), 20, 50 (late: from arrival), 5.
    expect(inMin(r.totals.wait)).toEqual({ n: 7, mean: 17, p90: 50, max: 50 });
    expect(inMin(r.totals.walk)).toEqual({ n: 6, mean: 7 / 6, p90: 3, max: 3 });
  });

  it('service time is the serving stretches only (parked time left out); the daily close gives none', () => {
    expect(inMin(r.totals.service)).toEqual({ n: 5, mean: 9.8, p90: 10, max: 10 });
  });

  it('service level: called within 20 min, and a ticket left waiting past it counts as missed', () => {
    // Within: T1, T3 (B), T3 (A), T4 (exactly 20), T8. Missed: T2 (25), T6 (50), T7 (waited until the close).
    expect(r.totals.serviceLevel).toMatchObject({ within: 5, total: 8, share: 0.625, targetShare: 0.8, met: false });
  });

  it('per service', () => {
    const a = r.services.find((s) => s.serviceId === A)!;
    const b = r.services.find((s) => s.serviceId === B)!;
    expect([a.issued, a.transfersIn, a.served, a.cancelled, a.closedAtDayEnd, a.noShows]).toEqual([4, 1, 3, 1, 1, 0]);
    expect(inMin(a.wait)).toEqual({ n: 3, mean: 13, p90: 25, max: 25 });
    expect(a.serviceLevel).toMatchObject({ within: 2, total: 4, share: 0.5 });
    expect([b.issued, b.transfersIn, b.served, b.transferredOut, b.noShows, b.closedAtDayEnd]).toEqual([4, 0, 2, 1, 1, 1]);
    expect(inMin(b.wait)).toEqual({ n: 4, mean: 20, p90: 50, max: 50 });
    expect(b.serviceLevel).toMatchObject({ within: 3, total: 4, share: 0.75, met: false });
  });

  it('the target is configurable per service', () => {
    const a = report({ targets: { [A]: { withinMin: 30, share: 0.75 } } }).services.find((s) => s.serviceId === A)!;
    expect(a.serviceLevel).toMatchObject({ withinMs: 30 * 60_000, targetShare: 0.75, within: 3, total: 4, share: 0.75, met: true });
  });

  it('appointment punctuality: early, late (lost its place), no-show; cancelled bookings left out', () => {
    expect(r.punctuality).toEqual({ booked: 3, early: 1, onTime: 0, late: 1, lostPlace: 1, noShow: 1, pending: 0, graceMin: 5 });
  });

  it('per clerk: served, service time, busy, paused and idle', () => {
    const k1 = r.clerks.find((c) => c.clerkId === 'k1')!;
    const k2 = r.clerks.find((c) => c.clerkId === 'k2')!;
    // k1 at counter 1 from 07:55 (opened) to 09:30: busy 11 + 8 + 5 + 10, paused 08:55 → 09:10.
    expect([k1.served, mins(k1.service.meanMs), mins(k1.busyMs), mins(k1.pausedMs), mins(k1.idleMs)]).toEqual([3, 29 / 3, 34, 15, 46]);
    expect(k1.counterIds).toEqual(['c1']);
    // k2 at counter 2 from 08:40 to 09:51: busy 5 + 11 + 11 (T8's hold ended with the daily close: not counted).
    expect([k2.served, mins(k2.service.meanMs), mins(k2.busyMs), mins(k2.pausedMs), mins(k2.idleMs)]).toEqual([2, 10, 27, 0, 44]);
    expect(r.clerks.map((c) => c.clerkId)).toEqual(['k1', 'k2']);
  });

  it('per counter', () => {
    expect(r.counters.map((c) => [c.counterId, c.served, mins(c.busyMs)])).toEqual([
      ['c1', 3, 34],
      ['c2', 2, 27],
    ]);
  });

  it('arrivals and first calls per branch-local hour', () => {
    const busy = r.hours.filter((h) => h.arrivals || h.calls);
    expect(busy).toEqual([
      { hour: 8, arrivals: 6, calls: 3 },
      { hour: 9, arrivals: 2, calls: 4 },
    ]);
    expect(r.hours).toHaveLength(24);
  });

  it('the day list holds the same figures, with its services', () => {
    expect(r.daily).toHaveLength(1);
    expect(r.daily[0]!.day).toBe(DAY);
    expect(r.daily[0]!.served).toBe(5);
    expect(r.daily[0]!.services.map((s) => s.serviceId)).toEqual([A, B]);
  });
});

describe('edge cases', () => {
  it('no tickets: zeros, and no figure where nothing was measured', () => {
    const r = computeReport({ tickets: [], events: [], appointments: [] }, { timeZone: TZ, from: DAY, to: DAY });
    expect(r.visits).toBe(0);
    expect(r.totals).toMatchObject({ issued: 0, served: 0, waiting: 0, noShows: 0, cancelled: 0 });
    expect(r.totals.wait).toEqual({ n: 0, meanMs: null, p90Ms: null, maxMs: null });
    expect(r.totals.serviceLevel).toMatchObject({ total: 0, share: null, met: null });
    expect(r.punctuality).toEqual({ booked: 0, early: 0, onTime: 0, late: 0, lostPlace: 0, noShow: 0, pending: 0, graceMin: 5 });
    expect(r.hours.every((h) => h.arrivals === 0 && h.calls === 0)).toBe(true);
    expect(r.clerks).toEqual([]);
    expect(r.daily).toEqual([expect.objectContaining({ day: DAY, issued: 0, services: [] })]);
  });

  it('a ticket belongs to its own day: the close that ends it after midnight is not the next day’s', () => {
    const next = computeReport(dayInput, { timeZone: TZ, from: '2026-03-02', to: '2026-03-02' });
    expect(next.visits).toBe(0);
    expect(next.totals.closedAtDayEnd).toBe(0);
    const both = computeReport(dayInput, { timeZone: TZ, from: DAY, to: '2026-03-02' });
    expect(both.daily.map((d) => [d.day, d.issued, d.closedAtDayEnd])).toEqual([
      [DAY, 8, 2],
      ['2026-03-02', 0, 0],
    ]);
  });

  it('live: a visitor still held runs until now, a waiting ticket past its target already counts as missed', () => {
    // At 09:00 local (minute 60): everything logged up to then.
    const now = m(60);
    const live = computeReport({ ...dayInput, events: events.filter((e) => e.at <= now) }, { timeZone: TZ, from: DAY, to: DAY, now });
    // Waiting: T3 and T6 (checked in at 50). T3 waits from its slot (60): not yet late. T6 waits from 50: not yet.
    expect(live.totals).toMatchObject({ waiting: 2, atCounter: 0, served: 2, noShows: 1, cancelled: 1 });
    const later = computeReport({ ...dayInput, events: events.filter((e) => e.at <= m(75)) }, { timeZone: TZ, from: DAY, to: DAY, now: m(75) });
    // At 09:15: T3 at counter 2 since 09:05; T6 has waited 25 minutes: missed already.
    expect(later.totals).toMatchObject({ waiting: 1, atCounter: 1 });
    expect(later.services.find((s) => s.serviceId === B)!.serviceLevel).toMatchObject({ within: 2, total: 3 });
    expect(mins(later.clerks.find((c) => c.clerkId === 'k2')!.busyMs)).toBe(5 + 10);
    // The appointment at 10:00 (ap9) is still to come; none is a no-show yet.
    expect(later.punctuality).toMatchObject({ noShow: 0, pending: 1, early: 1, late: 1 });
  });

  it('without the appointments (the hub): punctuality of the tickets that came, no-shows unknown', () => {
    const r = computeReport({ tickets, events }, { timeZone: TZ, from: DAY, to: DAY });
    expect(r.punctuality).toEqual({ booked: null, early: 1, onTime: 0, late: 1, lostPlace: 1, noShow: null, pending: null, graceMin: 5 });
  });

  it('a parked ticket cancelled from the park: parked time kept, no service time beyond its stretch', () => {
    const r = computeReport(
      {
        tickets: [{ id: 'P', day: DAY, number: 'A-001', priority: null, appointmentId: null, slotAt: null, outcome: null }],
        events: [
          { ticketId: 'P', type: 'issued', at: m(0), counterId: null, clerkId: null, serviceId: A },
          { ticketId: 'P', type: 'called', at: m(2), counterId: 'c1', clerkId: 'k1', serviceId: A },
          { ticketId: 'P', type: 'started', at: m(3), counterId: 'c1', clerkId: 'k1', serviceId: A },
          { ticketId: 'P', type: 'parked', at: m(6), counterId: 'c1', clerkId: 'k1', serviceId: A },
          { ticketId: 'P', type: 'cancelled', at: m(30), counterId: 'c1', clerkId: null, serviceId: A },
        ],
      },
      { timeZone: TZ, from: DAY, to: DAY },
    );
    expect(r.totals).toMatchObject({ cancelled: 1, served: 0 });
    expect(r.totals.service.n).toBe(0);
    expect(mins(r.clerks[0]!.busyMs)).toBe(4);
  });
});
