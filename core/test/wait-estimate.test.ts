import { describe, expect, it } from 'vitest';
import { averageServiceMin, estimateServiceWait, estimateTicketWait, position, serviceRatePerMin, type MeasuredService, type WaitContext } from '../src/queue/wait-estimate';
import { counter, MIN, OPEN_AT, plainRules, ticket } from './fixtures';

const NOW = OPEN_AT + 60 * MIN;
/** n finished services of `serviceId` lasting `min` minutes each. */
const done = (serviceId: string, min: number, n = 3): MeasuredService[] =>
  Array.from({ length: n }, (_, i) => ({ serviceId, startedAt: OPEN_AT + i * 20 * MIN, endedAt: OPEN_AT + i * 20 * MIN + min * MIN }));

describe('averageServiceMin', () => {
  it('is null without measurements, the mean otherwise', () => {
    expect(averageServiceMin('s0', [])).toBeNull();
    expect(averageServiceMin('s0', done('s1', 5))).toBeNull();
    expect(averageServiceMin('s0', [...done('s0', 4, 1), ...done('s0', 8, 1)])).toBe(6);
  });

  it('drops broken measurements and keeps only the most recent', () => {
    const broken = [{ serviceId: 's0', startedAt: NOW, endedAt: NOW }, { serviceId: 's0', startedAt: NOW, endedAt: NOW - 1 }];
    expect(averageServiceMin('s0', broken)).toBeNull();
    const old = { serviceId: 's0', startedAt: 0, endedAt: 100 * MIN };
    const recent = { serviceId: 's0', startedAt: NOW - 5 * MIN, endedAt: NOW };
    expect(averageServiceMin('s0', [old, recent], 1)).toBe(5);
  });
});

describe('serviceRatePerMin', () => {
  const base = (over: Partial<WaitContext>): WaitContext => ({ waiting: [], counters: [], finished: done('s0', 10), now: NOW, ...over });

  it('one dedicated counter finishes 1/d per minute; two do twice that', () => {
    expect(serviceRatePerMin('s0', base({ counters: [counter('c1', [['s0', 1]])] }))).toBeCloseTo(0.1);
    expect(serviceRatePerMin('s0', base({ counters: [counter('c1', [['s0', 1]]), counter('c2', [['s0', 3]])] }))).toBeCloseTo(0.2);
  });

  it('closed counters and counters not serving the service do not count; none ⇒ null', () => {
    expect(serviceRatePerMin('s0', base({ counters: [counter('c1', [['s0', 1]], false), counter('c2', [['s1', 1]])] }))).toBeNull();
  });

  it('a shared counter counts by weight share, only for services with people waiting', () => {
    const shared = counter('c1', [['s0', 2], ['s1', 1]]);
    const finished = [...done('s0', 10), ...done('s1', 20)];
    // s1 has nobody waiting: the counter is all s0's.
    expect(serviceRatePerMin('s0', base({ counters: [shared], finished }))).toBeCloseTo(0.1);
    // s1 busy: 2 calls of s0 per (2·10 + 1·20) minutes.
    const waiting = [ticket({ id: 'x', serviceId: 's1' })];
    expect(serviceRatePerMin('s0', base({ counters: [shared], finished, waiting }))).toBeCloseTo(2 / 40);
  });
});

describe('position and estimates', () => {
  const rules = plainRules({ priorityBoostMin: { elderly: 15, disability: 15, pregnancy: 15 } });
  const a = ticket({ id: 'a', arrivedAt: OPEN_AT });
  const b = ticket({ id: 'b', arrivedAt: OPEN_AT + 10 * MIN });
  const p = ticket({ id: 'p', arrivedAt: OPEN_AT + 20 * MIN, priority: 'elderly' });
  const other = ticket({ id: 'o', serviceId: 's1', arrivedAt: OPEN_AT - MIN });
  const waiting = [a, b, p, other];

  it('is 1-based within the service, priority counted as arriving earlier', () => {
    expect(position(a, waiting, NOW, rules)).toBe(1);
    expect(position(p, waiting, NOW, rules)).toBe(2); // 20 − 15 = 5 min: after a, before b
    expect(position(b, waiting, NOW, rules)).toBe(3);
    expect(position(other, waiting, NOW, rules)).toBe(1);
  });

  it('is null when not waiting, and places a ticket not yet in the list', () => {
    expect(position({ ...a, state: 'called' }, waiting, NOW, rules)).toBeNull();
    expect(position(ticket({ id: 'new', arrivedAt: NOW }), waiting, NOW, rules)).toBe(4);
  });

  it('estimates wait as (ahead + ½) service times over the rate, rounded up, null when unknown', () => {
    const ctx: WaitContext = { waiting, counters: [counter('c1', [['s0', 1]])], finished: done('s0', 10), now: NOW, rules };
    expect(estimateTicketWait(a, ctx)).toEqual({ position: 1, waitMin: 5 });
    expect(estimateTicketWait(b, ctx)).toEqual({ position: 3, waitMin: 25 });
    expect(estimateTicketWait(other, ctx)).toEqual({ position: 1, waitMin: null });
    expect(estimateServiceWait('s0', ctx)).toEqual({ serviceId: 's0', waiting: 3, waitMin: 35 });
    expect(estimateServiceWait('s1', ctx)).toEqual({ serviceId: 's1', waiting: 1, waitMin: null });
    expect(estimateServiceWait('s0', { ...ctx, finished: [] }).waitMin).toBeNull();
  });

  it('is never negative', () => {
    const ctx: WaitContext = { waiting: [], counters: [counter('c1', [['s0', 1]])], finished: done('s0', 0.01), now: NOW };
    expect(estimateServiceWait('s0', ctx).waitMin).toBeGreaterThanOrEqual(0);
  });
});
