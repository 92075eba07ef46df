/** Test fixtures: tickets, counters and a branch with the seed's hours. */
import type { Branch, Counter, Ticket } from '../src/domain';
import type { QueueRules } from '../src/queue/rules';

export const MIN = 60_000;
/** 2026-11-24 08:00 in Asia/Bahrain (UTC+3), the opening time. */
export const OPEN_AT = Date.UTC(2026, 10, 24, 5, 0, 0);

export const BRANCH: Branch = {
  id: 'b1',
  code: 'ISA',
  name: { ar: 'مدينة عيسى', en: 'Isa Town' },
  timezone: 'Asia/Bahrain',
  opensAt: '08:00',
  closesAt: '14:00',
};

/** A waiting walk-in ticket of branch b1; override anything. */
export function ticket(p: Partial<Ticket> & { id: string }): Ticket {
  return {
    branchId: 'b1',
    serviceId: 's0',
    day: '2026-11-24',
    seq: 1,
    number: 'A-001',
    state: 'waiting',
    priority: null,
    counterId: null,
    appointmentId: null,
    slotAt: null,
    arrivedAt: OPEN_AT,
    calledAt: null,
    startedAt: null,
    endedAt: null,
    outcome: null,
    ...p,
  };
}

/** An open counter of branch b1 with `profile` as [serviceId, weight] in position order. */
export function counter(id: string, profile: ReadonlyArray<readonly [string, number]>, open = true): Counter {
  return {
    id,
    branchId: 'b1',
    number: Number(id.replace(/\D/g, '')) || 1,
    name: { ar: id, en: id },
    open,
    profile: profile.map(([serviceId, weight], i) => ({ serviceId, weight, position: i + 1 })),
  };
}

/** Rules with no priority boost and no escalation, to test one rule at a time. */
export function plainRules(over: Partial<QueueRules> = {}): QueueRules {
  return {
    priorityBoostMin: { elderly: 0, disability: 0, pregnancy: 0 },
    defaultMaxWaitMin: 100_000,
    maxWaitMin: {},
    checkIn: { earlyMin: 30, lateMin: 15 },
    appointmentLeadMin: 0,
    ...over,
  };
}
