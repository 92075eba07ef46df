/**
 * Property tests of the ordering rules at a fixed `now`: priority, appointments, per-service order (and
 * thus displayed positions) and weighted interleaving. Expected orders come from reference.ts, a
 * restatement of the rules independent of src/queue/rules.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Counter, Ticket } from '../src/domain';
import { chooseNext, type RecentCall } from '../src/queue/next-ticket';
import type { QueueRules } from '../src/queue/rules';
import { position } from '../src/queue/wait-estimate';
import { counter, MIN, OPEN_AT, plainRules, ticket } from './fixtures';
import { arbRules, arbTickets, lex, refDue, refEff, refServiceKey, SERVICES } from './reference';

const RUNS = { numRuns: 1000 };
const NOW = OPEN_AT + 120 * MIN;

/** Calls at one counter until it has nothing left, feeding its history back. */
function drain(pool: readonly Ticket[], c: Counter, rules: QueueRules, now = NOW, history: RecentCall[] = [], max = Infinity): Ticket[] {
  const left = [...pool];
  const out: Ticket[] = [];
  for (let t = chooseNext(left, c, now, rules, history); t !== null && out.length < max; t = chooseNext(left, c, now, rules, history)) {
    left.splice(left.indexOf(t), 1);
    history.push({ serviceId: t.serviceId });
    out.push(t);
  }
  return out;
}

const arbProfile = fc
  .tuple(fc.shuffledSubarray([...SERVICES], { minLength: 1 }), fc.tuple(...SERVICES.map(() => fc.integer({ min: 1, max: 5 }))))
  .map(([services, weights]) => counter('c1', services.map((s, i) => [s, weights[i]!] as const)));

describe('ordering at a counter', () => {
  it('property: within each service the calls follow the rule order (overdue, due appointments, effective arrival), and position() agrees', () => {
    fc.assert(
      fc.property(arbRules, arbProfile, arbTickets(30, 120), (rules, c, tickets) => {
        const pool = tickets.filter((t) => t.arrivedAt <= NOW);
        const order = drain(pool, c, rules);
        const served = new Set(c.profile.map((p) => p.serviceId));
        expect(order.length).toBe(pool.filter((t) => served.has(t.serviceId)).length); // drains everything it serves
        for (const s of served) {
          const got = order.filter((t) => t.serviceId === s);
          const want = [...got].sort((a, b) => lex(refServiceKey(rules, a, NOW), refServiceKey(rules, b, NOW)));
          expect(got.map((t) => t.id)).toEqual(want.map((t) => t.id));
          got.forEach((t, i) => expect(position(t, pool, NOW, rules)).toBe(i + 1));
        }
      }),
      RUNS,
    );
  });

  it('property: priority — no walk-in is called before a ticket whose boosted arrival is earlier (single service, no appointments)', () => {
    fc.assert(
      fc.property(arbRules, arbTickets(30, 120, ['s0']), (rules, tickets) => {
        const pool = tickets.filter((t) => t.arrivedAt <= NOW).map((t) => ({ ...t, appointmentId: null, slotAt: null }));
        const order = drain(pool, counter('c1', [['s0', 1]]), rules);
        for (let i = 1; i < order.length; i++) {
          const [a, b] = [order[i - 1]!, order[i]!];
          expect(lex([refEff(rules, a), a.arrivedAt, a.id], [refEff(rules, b), b.arrivedAt, b.id])).toBeLessThan(0);
        }
        // In particular a priority ticket is never called after a plain one that arrived later.
        for (const p of order.filter((t) => t.priority !== null)) {
          const later = order.filter((t) => t.priority === null && t.arrivedAt > p.arrivedAt);
          for (const l of later) expect(order.indexOf(p)).toBeLessThan(order.indexOf(l));
        }
      }),
      RUNS,
    );
  });

  it('property: appointments — due on-time appointments go before every walk-in of their service, by slot (no escalation)', () => {
    const rules = plainRules({ priorityBoostMin: { elderly: 15, disability: 15, pregnancy: 15 }, appointmentLeadMin: 5 });
    fc.assert(
      fc.property(arbTickets(30, 120, ['s0', 's1']), fc.integer({ min: 1, max: 4 }), (tickets, w) => {
        const pool = tickets.filter((t) => t.arrivedAt <= NOW);
        const c = counter('c1', [['s0', w], ['s1', 1]]);
        const order = drain(pool, c, rules);
        for (const s of ['s0', 's1']) {
          const seq = order.filter((t) => t.serviceId === s);
          const due = seq.filter((t) => refDue(rules, t, NOW));
          expect(seq.slice(0, due.length)).toEqual(due); // all due appointments first …
          for (let i = 1; i < due.length; i++) expect(due[i - 1]!.slotAt!).toBeLessThanOrEqual(due[i]!.slotAt!); // … by slot
        }
      }),
      RUNS,
    );
  });
});

describe('weighted interleaving', () => {
  it('property: with every service busy, any W consecutive calls hold exactly `weight` calls of each, whatever the history', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 4 }),
        fc.array(fc.constantFrom(...SERVICES, 'other'), { maxLength: 12 }),
        fc.nat(3),
        (weights, past, shift) => {
          const services = weights.map((_, i) => SERVICES[(i + shift) % SERVICES.length]!);
          const c = counter('c1', services.map((s, i) => [s, weights[i]!] as const));
          const W = weights.reduce((a, b) => a + b, 0);
          const pool = services.flatMap((s) => Array.from({ length: 3 * W }, (_, k) => ticket({ id: `${s}-${k}`, serviceId: s, arrivedAt: OPEN_AT + k * MIN })));
          const order = drain(pool, c, plainRules(), NOW, past.map((serviceId) => ({ serviceId })), 3 * W);
          for (let start = 0; start + W <= order.length; start++) {
            const window = order.slice(start, start + W);
            services.forEach((s, i) => expect(window.filter((t) => t.serviceId === s).length).toBe(weights[i]));
          }
        },
      ),
      RUNS,
    );
  });
});
