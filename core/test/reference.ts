/**
 * An independent restatement of the queue rules (not importing src/queue/rules.ts) and the fast-check
 * generators the property tests share. Check-in window fixed at the default 30 early / 15 late.
 */
import fc from 'fast-check';
import { PRIORITIES, type Counter, type Ticket } from '../src/domain';
import type { QueueRules } from '../src/queue/rules';
import { counter, MIN, OPEN_AT, ticket } from './fixtures';

export const SERVICES = ['s0', 's1', 's2', 's3'] as const;

export const refMaxWait = (r: QueueRules, serviceId: string): number => (r.maxWaitMin[serviceId] ?? r.defaultMaxWaitMin) * MIN;
export const refOnTime = (t: Ticket): boolean =>
  t.appointmentId !== null && t.slotAt !== null && t.arrivedAt >= t.slotAt - 30 * MIN && t.arrivedAt <= t.slotAt + 15 * MIN;
export const refStart = (t: Ticket): number => (refOnTime(t) ? Math.max(t.arrivedAt, t.slotAt!) : t.arrivedAt);
export const refBoost = (r: QueueRules, t: Ticket): number =>
  t.priority === null ? 0 : Math.min(r.priorityBoostMin[t.priority] * MIN, refMaxWait(r, t.serviceId));
export const refEff = (r: QueueRules, t: Ticket): number => refStart(t) - refBoost(r, t);
export const refDeadline = (r: QueueRules, t: Ticket): number => refEff(r, t) + refMaxWait(r, t.serviceId);
export const refDue = (r: QueueRules, t: Ticket, now: number): boolean => refOnTime(t) && t.slotAt! - r.appointmentLeadMin * MIN <= now;

/** Lexicographic compare of number/string tuples. */
export function lex(a: ReadonlyArray<number | string>, b: ReadonlyArray<number | string>): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  return 0;
}
/** (deadline, arrivedAt, id): the overdue order. */
export const deadlineKey = (r: QueueRules, t: Ticket) => [refDeadline(r, t), t.arrivedAt, t.id] as const;

/** The order a single-service queue must follow at a fixed `now` (restated from the JSDoc of chooseNext). */
export function refServiceKey(r: QueueRules, t: Ticket, now: number): (number | string)[] {
  if (refDeadline(r, t) < now) return [0, refDeadline(r, t), t.arrivedAt, t.id];
  if (refDue(r, t, now)) return [1, t.slotAt!, t.arrivedAt, t.id];
  return [2, refEff(r, t), t.arrivedAt, t.id];
}

/** `arb` one time in `oneIn`, else null. */
export const sometimes = <T>(arb: fc.Arbitrary<T>, oneIn: number): fc.Arbitrary<T | null> =>
  fc.oneof({ weight: oneIn - 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: arb });

export const arbRules: fc.Arbitrary<QueueRules> = fc
  .record({
    boost: fc.tuple(fc.nat(30), fc.nat(30), fc.nat(30)),
    defaultMaxWaitMin: fc.integer({ min: 0, max: 60 }),
    perService: fc.tuple(...SERVICES.map(() => fc.option(fc.integer({ min: 0, max: 60 }), { freq: 2 }))),
    lead: fc.nat(10),
  })
  .map(({ boost, defaultMaxWaitMin, perService, lead }) => ({
    priorityBoostMin: { elderly: boost[0], disability: boost[1], pregnancy: boost[2] },
    defaultMaxWaitMin,
    maxWaitMin: Object.fromEntries(SERVICES.flatMap((s, i) => (perService[i] === null ? [] : [[s, perService[i]!]]))),
    checkIn: { earlyMin: 30, lateMin: 15 },
    appointmentLeadMin: lead,
  }));

/** 1–4 counters c0…, each serving a random non-empty set of services with weights 1–4. */
export const arbCounters: fc.Arbitrary<Counter[]> = fc.array(
  fc.tuple(fc.shuffledSubarray([...SERVICES], { minLength: 1 }), fc.tuple(...SERVICES.map(() => fc.integer({ min: 1, max: 4 })))),
  { minLength: 1, maxLength: 4 },
).map((cs) => cs.map(([services, weights], i) => counter(`c${i}`, services.map((s, j) => [s, weights[j]!] as const))));

/**
 * Up to `max` tickets arriving within `spanMin` minutes of opening; some with priority, some appointments
 * (checked in from 45 min before to 25 min after their slot: early, on time and late ones).
 */
export function arbTickets(max: number, spanMin = 180, services: readonly string[] = SERVICES): fc.Arbitrary<Ticket[]> {
  return fc
    .array(
      fc.record({
        service: fc.constantFrom(...services),
        arriveSec: fc.integer({ min: 0, max: spanMin * 60 }),
        priority: sometimes(fc.constantFrom(...PRIORITIES), 4),
        slotOffsetMin: sometimes(fc.integer({ min: -25, max: 45 }), 3),
      }),
      { maxLength: max, size: 'max' },
    )
    .map((xs) =>
      xs.map((x, i) =>
        ticket({
          id: `t${String(i).padStart(3, '0')}`,
          serviceId: x.service,
          seq: i + 1,
          arrivedAt: OPEN_AT + x.arriveSec * 1000,
          priority: x.priority,
          appointmentId: x.slotOffsetMin === null ? null : `ap${i}`,
          slotAt: x.slotOffsetMin === null ? null : OPEN_AT + x.arriveSec * 1000 + x.slotOffsetMin * MIN,
        }),
      ),
    );
}

/** Whether counter `c` may call `t` (the eligibility rule of chooseNext). */
export function eligible(t: Ticket, c: Counter): boolean {
  if (t.state !== 'waiting') return false;
  if (t.counterId !== null) return t.counterId === c.id;
  return c.profile.some((p) => p.serviceId === t.serviceId);
}
