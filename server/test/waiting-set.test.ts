/**
 * The waiting set keeps each service's call order between changes and hands the call rule only the heads
 * of those orders. Property: through a day of arrivals, calls and the clock moving on (tickets becoming
 * overdue, appointments due), every position equals the place in a fresh sort, and the call rule over the
 * candidates picks exactly what it picks over every waiting ticket.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chooseNext, sortServiceQueue, type RecentCall, type Ticket } from '@dawr/core';
import { WaitingSet } from '../src/queue-waiting';
import { MIN, OPEN_AT } from '../../core/test/fixtures';
import { arbCounters, arbRules, arbTickets } from '../../core/test/reference';

/** One step of the day: a ticket arrives, a counter calls, or the clock moves on. */
const arbStep = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ kind: 'arrive' as const }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('call' as const), counter: fc.nat(3) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('wait' as const), min: fc.integer({ min: 1, max: 40 }) }) },
);

describe('waiting set', () => {
  it('property: positions match a fresh sort and the call rule over the candidates picks what it picks over all', () => {
    fc.assert(
      fc.property(
        arbRules,
        arbCounters,
        arbTickets(40, 120),
        fc.array(fc.nat(3), { maxLength: 40 }),
        fc.array(arbStep, { minLength: 1, maxLength: 80 }),
        (rules, counters, generated, reserveFor, steps) => {
          // Some tickets are reserved for a counter (a transfer to it), as in the branch.
          const arrivals = [...generated]
            .sort((a, b) => a.arrivedAt - b.arrivedAt)
            .map((t, i) => {
              const c = reserveFor[i];
              return c !== undefined && c < counters.length && i % 5 === 0 ? { ...t, counterId: counters[c]!.id } : t;
            });
          const set = new WaitingSet([], [], rules);
          const waiting = new Map<string, Ticket>();
          const history = new Map<string, RecentCall[]>();
          let now = OPEN_AT;
          let next = 0;
          for (const step of steps) {
            if (step.kind === 'wait') now += step.min * MIN;
            else if (step.kind === 'arrive' && next < arrivals.length) {
              const t = { ...arrivals[next++]!, arrivedAt: Math.max(now, arrivals[next - 1]!.arrivedAt) };
              now = t.arrivedAt;
              waiting.set(t.id, t);
              set.apply([t], []);
            } else if (step.kind === 'call') {
              const c = counters[step.counter % counters.length]!;
              const h = history.get(c.id) ?? [];
              const want = chooseNext([...waiting.values()], c, now, rules, h);
              const got = chooseNext(set.candidates(c, now), c, now, rules, h);
              expect(got?.id ?? null).toBe(want?.id ?? null);
              if (want) {
                waiting.delete(want.id);
                set.apply([{ ...want, state: 'called', counterId: c.id, calledAt: now }], []);
                history.set(c.id, [...h, { serviceId: want.serviceId }]);
              }
            }
            for (const serviceId of new Set([...waiting.values()].map((t) => t.serviceId))) {
              const sorted = sortServiceQueue([...waiting.values()].filter((t) => t.serviceId === serviceId), now, rules);
              sorted.forEach((t, i) => expect(set.position(t, now), `${t.id} at ${now}`).toBe(i + 1));
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
