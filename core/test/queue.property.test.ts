/**
 * Property tests of the call rule under simulation: several counters calling from one pool through
 * chooseNext + applyCommand. Invariants: nobody is called twice or by two counters, transfers keep every
 * ticket exactly once, and the no-starvation bound of chooseNext's JSDoc holds.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Counter, Ticket } from '../src/domain';
import { chooseNext, type RecentCall } from '../src/queue/next-ticket';
import type { QueueRules } from '../src/queue/rules';
import { applyCommand, IllegalTransition } from '../src/ticket-machine';
import { OPEN_AT } from './fixtures';
import { arbCounters, arbRules, arbTickets, deadlineKey, eligible, lex, refDeadline, SERVICES, sometimes } from './reference';

const RUNS = { numRuns: 1000 };
/** Counts how often the bound was actually exercised, so the property cannot pass vacuously. */
const stats = { passes: 0, watchedCalled: 0 };

describe('simulation: calls', () => {
  it('property: no ticket is called twice or by two counters; counters idle only when nothing is eligible', () => {
    fc.assert(
      fc.property(arbRules, arbCounters, arbTickets(30), fc.array(fc.nat(3), { minLength: 1, maxLength: 60, size: 'max' }), (rules, counters, tickets, order) => {
        let pool = tickets;
        const calledBy = new Map<string, string>();
        const history = new Map<string, RecentCall[]>(counters.map((c) => [c.id, []]));
        const now = OPEN_AT + 240 * 60_000;
        for (const i of order) {
          const c = counters[i % counters.length]!;
          const t = chooseNext(pool, c, now, rules, history.get(c.id));
          if (t === null) {
            expect(pool.some((x) => eligible(x, c))).toBe(false);
            continue;
          }
          expect(eligible(t, c)).toBe(true);
          expect(calledBy.has(t.id)).toBe(false);
          const { ticket: called } = applyCommand(t, { kind: 'call', counterId: c.id }, now);
          // A second counter acting on the current version of the ticket is refused.
          expect(() => applyCommand(called, { kind: 'call', counterId: 'other' }, now)).toThrow(IllegalTransition);
          calledBy.set(t.id, c.id);
          history.get(c.id)!.push({ serviceId: t.serviceId });
          pool = pool.filter((x) => x.id !== t.id);
        }
        expect(calledBy.size + pool.length).toBe(tickets.length);
      }),
      RUNS,
    );
  });
});

type Step = { counter: number; dtSec: number; transfer: { service: number; reserve: number | null; keep: boolean } | null };
const arbSteps = (maxLength: number, transfers: boolean): fc.Arbitrary<Step[]> =>
  fc.array(
    fc.record({
      counter: fc.nat(3),
      dtSec: fc.integer({ min: 0, max: 240 }),
      transfer: transfers
        ? sometimes(fc.record({ service: fc.nat(SERVICES.length - 1), reserve: sometimes(fc.nat(3), 2), keep: fc.boolean() }), 5)
        : fc.constant(null),
    }),
    { minLength: 1, maxLength, size: 'max' },
  );

describe('simulation: no starvation', () => {
  /**
   * The bound of chooseNext's JSDoc, checked as sets: once an unreserved ticket T is overdue (first call after
   * its deadline at a counter serving it), every call at a counter serving T's service, until T is called,
   * takes a ticket that was then waiting with a smaller (deadline, arrivedAt, id), or one reserved for that
   * counter, or one that re-entered the queue by a transfer since. So T waits at most E(T) + R(T) such calls.
   */
  function checkBound(rules: QueueRules, counters: Counter[], tickets: Ticket[], steps: Step[]): void {
    const serves = (c: Counter, serviceId: string) => c.profile.some((p) => p.serviceId === serviceId);
    const arrivals = [...tickets];
    let pool: Ticket[] = [];
    const history = new Map<string, RecentCall[]>(counters.map((c) => [c.id, []]));
    const watch = new Map<string, { before: Set<string>; passed: number; extra: number; since: number }>();
    const requeuedAt = new Map<string, number>();
    let now = OPEN_AT;
    let step = 0;
    for (const s of steps) {
      step++;
      now += s.dtSec * 1000;
      pool.push(...arrivals.filter((t) => t.arrivedAt <= now));
      for (let i = arrivals.length - 1; i >= 0; i--) if (arrivals[i]!.arrivedAt <= now) arrivals.splice(i, 1);
      const c = counters[s.counter % counters.length]!;
      // Start watching overdue tickets this counter serves: E(T) = waiting tickets with a smaller key now.
      for (const t of pool) {
        if (t.counterId !== null || !serves(c, t.serviceId) || watch.has(t.id) || !(now > refDeadline(rules, t))) continue;
        const key = deadlineKey(rules, t);
        const before = new Set(pool.filter((u) => u.id !== t.id && lex(deadlineKey(rules, u), key) < 0).map((u) => u.id));
        watch.set(t.id, { before, passed: 0, extra: 0, since: step });
      }
      const x = chooseNext(pool, c, now, rules, history.get(c.id));
      if (x === null) continue;
      for (const [id, w] of watch) {
        const t = pool.find((u) => u.id === id);
        if (!t || t.id === x.id || t.counterId !== null || !serves(c, t.serviceId)) continue;
        const reentered = (requeuedAt.get(x.id) ?? 0) >= w.since;
        const inE = w.before.has(x.id) && !reentered;
        expect(inE || x.counterId === c.id || reentered, `call of ${x.id} before overdue ${id}`).toBe(true);
        if (!inE) w.extra++; // counts towards R(T)
        w.passed++;
        stats.passes++;
        expect(w.passed).toBeLessThanOrEqual(w.before.size + w.extra); // K(T) = E(T) + R(T)
      }
      if (watch.has(x.id)) stats.watchedCalled++;
      watch.delete(x.id);
      history.get(c.id)!.push({ serviceId: x.serviceId });
      pool = pool.filter((u) => u.id !== x.id);
      let called = applyCommand(x, { kind: 'call', counterId: c.id }, now).ticket;
      if (s.transfer) {
        const reserve = s.transfer.reserve === null ? null : counters[s.transfer.reserve % counters.length]!.id;
        called = applyCommand(called, { kind: 'transfer', serviceId: SERVICES[s.transfer.service]!, counterId: reserve, keepArrival: s.transfer.keep }, now).ticket;
        pool.push(called);
        requeuedAt.set(called.id, step);
      }
    }
  }

  it('property: an overdue ticket is passed only by earlier-deadline tickets waiting when it became overdue (no transfers)', () => {
    stats.passes = 0;
    fc.assert(fc.property(arbRules, arbCounters, arbTickets(40, 45), arbSteps(80, false), (r, cs, ts, st) => checkBound(r, cs, ts, st)), RUNS);
    expect(stats.passes).toBeGreaterThan(1000);
  });

  it('property: with transfers, also by reserved or re-queued tickets, and nothing else', () => {
    stats.passes = 0;
    fc.assert(fc.property(arbRules, arbCounters, arbTickets(30, 45), arbSteps(60, true), (r, cs, ts, st) => checkBound(r, cs, ts, st)), RUNS);
    expect(stats.passes).toBeGreaterThan(1000);
  });
});

/** Why the places of the tickets are wrong, or null: each ticket in exactly one place, in a matching state. */
function placesProblem(byId: Map<string, Ticket>, [waiting, parked, ended]: Set<string>[], holding: Map<string, string>, total: number): string | null {
  const places = [...waiting!, ...holding.values(), ...parked!, ...ended!];
  if (places.length !== total || new Set(places).size !== total) return `tickets not exactly once: ${places.join(',')}`;
  for (const id of waiting!) if (byId.get(id)!.state !== 'waiting') return `${id} in queue but ${byId.get(id)!.state}`;
  for (const id of parked!) if (byId.get(id)!.state !== 'parked') return `${id} parked but ${byId.get(id)!.state}`;
  for (const id of ended!) if (!['done', 'no_show'].includes(byId.get(id)!.state)) return `${id} ended but ${byId.get(id)!.state}`;
  for (const [cid, id] of holding) {
    const t = byId.get(id)!;
    if (t.counterId !== cid || (t.state !== 'called' && t.state !== 'serving')) return `${id} held by ${cid} but ${t.state} at ${t.counterId}`;
  }
  return null;
}

describe('simulation: transfers', () => {
  type Action =
    | { kind: 'call' | 'start' | 'finish' | 'park' | 'return'; counter: number }
    | { kind: 'transfer'; counter: number; service: number; reserve: number | null; keep: boolean };
  const arbAction: fc.Arbitrary<Action> = fc.oneof(
    fc.record({ kind: fc.constantFrom('call', 'call', 'start', 'finish', 'park', 'return'), counter: fc.nat(3) }),
    fc.record({ kind: fc.constant('transfer' as const), counter: fc.nat(3), service: fc.nat(3), reserve: sometimes(fc.nat(3), 2), keep: fc.boolean() }),
  );

  it('property: every ticket is in exactly one place, in a state matching it; only its reserved counter calls it', () => {
    fc.assert(
      fc.property(arbRules, arbCounters, arbTickets(20, 0), fc.array(arbAction, { maxLength: 80, size: 'max' }), (rules, counters, tickets, actions) => {
        const byId = new Map(tickets.map((t) => [t.id, t]));
        const waiting = new Set(byId.keys());
        const holding = new Map<string, string>(); // counter id → ticket id
        const parked = new Set<string>();
        const ended = new Set<string>();
        const calls = new Map<string, number>();
        const transfers = new Map<string, number>();
        const now = OPEN_AT + 30 * 60_000;
        const apply = (id: string, cmd: Parameters<typeof applyCommand>[1]) => byId.set(id, applyCommand(byId.get(id)!, cmd, now).ticket);
        for (const a of actions) {
          const c = counters[a.counter % counters.length]!;
          const held = holding.get(c.id);
          const heldState = held === undefined ? null : byId.get(held)!.state;
          if (a.kind === 'call' && held === undefined) {
            const t = chooseNext([...waiting].map((id) => byId.get(id)!), c, now, rules);
            if (!t) continue;
            expect(t.counterId === null || t.counterId === c.id).toBe(true);
            apply(t.id, { kind: 'call', counterId: c.id });
            calls.set(t.id, (calls.get(t.id) ?? 0) + 1);
            waiting.delete(t.id);
            holding.set(c.id, t.id);
          } else if (a.kind === 'start' && heldState === 'called') apply(held!, { kind: 'start' });
          else if (a.kind === 'finish' && held !== undefined) {
            apply(held, heldState === 'serving' ? { kind: 'finish', outcome: 'served' } : { kind: 'no_show' });
            holding.delete(c.id);
            ended.add(held);
          } else if (a.kind === 'park' && held !== undefined) {
            apply(held, { kind: 'park' });
            holding.delete(c.id);
            parked.add(held);
          } else if (a.kind === 'return' && held === undefined && parked.size > 0) {
            const id = [...parked][0]!;
            apply(id, { kind: 'return', counterId: c.id });
            parked.delete(id);
            holding.set(c.id, id);
          } else if (a.kind === 'transfer' && held !== undefined) {
            const reserve = a.reserve === null ? null : counters[a.reserve % counters.length]!.id;
            apply(held, { kind: 'transfer', serviceId: SERVICES[a.service]!, counterId: reserve, keepArrival: a.keep });
            transfers.set(held, (transfers.get(held) ?? 0) + 1);
            holding.delete(c.id);
            waiting.add(held);
          }
          // Exactly once: the places partition the tickets, and each ticket's state agrees with its place.
          expect(placesProblem(byId, [waiting, parked, ended], holding, tickets.length)).toBeNull();
        }
        for (const [id, n] of calls) expect(n).toBeLessThanOrEqual(1 + (transfers.get(id) ?? 0));
      }),
      RUNS,
    );
  });
});
