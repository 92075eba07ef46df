/**
 * Erlang C against published worked examples, and the branch-day simulator against Erlang C where the model's
 * assumptions hold (one service, FIFO, Poisson arrivals, exponential service).
 */
import { describe, expect, it } from 'vitest';
import { erlang, erlangB, erlangC, erlangServiceLevel, erlangWaitPercentile, serversNeeded } from '../src/reports/erlang';
import { simulate, type SimArrival } from '../src/reports/simulate';
import { exponential, nearestRank, seededRandom } from '../src/reports/stats';

const SEC = 1000;
const MIN = 60 * SEC;

describe('Erlang C: published worked examples', () => {
  // Call Centre Helper, "Erlang C Formula – Example" (callcentrehelper.com/erlang-c-formula-example-121281.htm):
  // 100 calls in 30 minutes, average handle time 180 s, target 80 % answered within 20 s.
  const q = (servers: number) => ({ arrivalsPerHour: 200, meanHandleMs: 180 * SEC, servers });

  it('traffic intensity 10 Erlangs; with 11 agents the probability of waiting is 68.21 %', () => {
    expect(erlang(q(11)).load).toBeCloseTo(10, 10);
    expect(erlangC(10, 11)).toBeCloseTo(0.6821, 4);
    expect(erlangServiceLevel(q(11), 20 * SEC)).toBeCloseTo(0.3896, 4);
  });

  it('14 agents meet 80/20: service level 88.8 %, occupancy 71.4 %, probability of waiting 17.4 %, ASA 7.8 s', () => {
    expect(serversNeeded(200, 180 * SEC, { withinMs: 20 * SEC, share: 0.8 })).toBe(14);
    expect(erlangServiceLevel(q(13), 20 * SEC)).toBeLessThan(0.8);
    const f = erlang(q(14));
    expect(erlangServiceLevel(q(14), 20 * SEC)).toBeCloseTo(0.888, 3);
    expect(f.occupancy).toBeCloseTo(0.714, 3);
    expect(f.pWait).toBeCloseTo(0.174, 3);
    expect(f.meanWaitMs / SEC).toBeCloseTo(7.8, 1);
  });

  it('large loads stay exact (no factorial overflow): A = 123, N = 132 waits with p = 0.3211; A = 12 345, N = 12 421: 0.3812', () => {
    // The same values are asserted by the unit tests of perehinik/call-center-tools (python/tests/unit/test_staffing.py).
    expect(erlangC(123, 132)).toBeCloseTo(0.3211, 4);
    expect(erlangC(12_345, 12_421)).toBeCloseTo(0.3812, 4);
  });

  it('Erlang B base cases; not stable: everyone waits, waits are infinite, no one is within target', () => {
    expect(erlangB(1, 1)).toBeCloseTo(0.5, 10);
    expect(erlangB(2, 2)).toBeCloseTo(0.4, 10);
    expect(erlangC(5, 5)).toBe(1);
    expect(erlang({ arrivalsPerHour: 60, meanHandleMs: 5 * MIN, servers: 4 }).meanWaitMs).toBe(Infinity);
    expect(erlangServiceLevel({ arrivalsPerHour: 60, meanHandleMs: 5 * MIN, servers: 4 }, 20 * MIN)).toBe(0);
    expect(erlangWaitPercentile({ arrivalsPerHour: 60, meanHandleMs: 5 * MIN, servers: 4 }, 0.9)).toBe(Infinity);
    expect(serversNeeded(0, 5 * MIN, { withinMs: 20 * MIN, share: 0.8 })).toBe(0);
  });

  it('the p-th percentile wait is where the service level reaches p', () => {
    const queue = { arrivalsPerHour: 50, meanHandleMs: 10 * MIN, servers: 10 };
    const w = erlangWaitPercentile(queue, 0.9);
    expect(w).toBeGreaterThan(0);
    expect(erlangServiceLevel(queue, w)).toBeCloseTo(0.9, 10);
    expect(erlangWaitPercentile({ ...queue, servers: 20 }, 0.9)).toBe(0);
  });
});

describe('the simulator against Erlang C (one service, FIFO, Poisson, exponential)', () => {
  // A branch-sized queue: 25 arrivals an hour, 12-minute visits (5 Erlangs), 6 and 7 counters; four seeded runs
  // of 1 000 hours each (about 100 000 visitors: the sampling error of the mean wait is then a few per cent).
  const run = (servers: number, seed: number, HOURS = 1_000) => {
    const random = seededRandom(seed);
    const arrivals: SimArrival[] = [];
    const end = HOURS * 60 * MIN;
    for (let at = exponential(random, MIN * 60 / 25); at < end; at += exponential(random, MIN * 60 / 25)) {
      arrivals.push({ serviceId: 'A', at: Math.round(at), priority: null, slotAt: null });
    }
    const counters = Array.from({ length: servers }, (_, i) => ({ id: `c${i}`, profile: [{ serviceId: 'A', position: 0, weight: 1 }], open: [[0, end]] as const }));
    const visits = simulate({ start: 0, end, arrivals, counters, handleMs: () => exponential(random, 12 * MIN) });
    return visits.map((v) => v.calledAt! - v.waitFrom);
  };

  for (const servers of [6, 7]) {
    it(`${servers} counters: P(wait), mean wait, share within 5 min and p90 match Erlang C`, () => {
      const q = { arrivalsPerHour: 25, meanHandleMs: 12 * MIN, servers };
      const waits = [1, 2, 3, 4].flatMap((seed) => run(servers, seed));
      expect(waits.every((w) => Number.isFinite(w) && w >= 0)).toBe(true);
      const n = waits.length;
      const mean = waits.reduce((s, w) => s + w, 0) / n;
      const pWait = waits.filter((w) => w > 0).length / n;
      const within5 = waits.filter((w) => w <= 5 * MIN).length / n;
      const sorted = Float64Array.from(waits).sort();
      const e = erlang(q);
      expect(Math.abs(pWait - e.pWait)).toBeLessThan(0.02);
      expect(Math.abs(mean - e.meanWaitMs) / e.meanWaitMs).toBeLessThan(0.06);
      expect(Math.abs(within5 - erlangServiceLevel(q, 5 * MIN))).toBeLessThan(0.02);
      expect(Math.abs(nearestRank(sorted, 0.9)! - erlangWaitPercentile(q, 0.9)) / erlangWaitPercentile(q, 0.9)).toBeLessThan(0.06);
    });
  }

  it('is deterministic for a seed', () => {
    expect(run(6, 5, 50)).toEqual(run(6, 5, 50));
    expect(run(6, 5, 50)).not.toEqual(run(6, 6, 50));
  });
});
