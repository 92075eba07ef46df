import { describe, expect, it } from 'vitest';
import type { Ticket } from '../src/domain';
import { chooseNext, normalizeProfile, type RecentCall } from '../src/queue/next-ticket';
import { DEFAULT_QUEUE_RULES, type QueueRules } from '../src/queue/rules';
import { counter, MIN, OPEN_AT, plainRules, ticket } from './fixtures';

const NOW = OPEN_AT + 60 * MIN;
const at = (min: number) => OPEN_AT + min * MIN;

/** Calls `n` times at one counter, removing each called ticket and feeding the history back. */
function drain(waiting: Ticket[], c = counter('c1', [['s0', 1]]), rules: QueueRules = plainRules(), now = NOW, n = waiting.length): string[] {
  const pool = [...waiting];
  const history: RecentCall[] = [];
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const t = chooseNext(pool, c, now, rules, history);
    if (!t) break;
    pool.splice(pool.indexOf(t), 1);
    history.push({ serviceId: t.serviceId });
    out.push(t.id);
  }
  return out;
}

describe('chooseNext: basics', () => {
  it('keeps the 3-argument form with default rules', () => {
    expect(chooseNext([], counter('c1', [['s0', 1]]), NOW)).toBeNull();
    expect(chooseNext([ticket({ id: 'a' })], counter('c1', [['s0', 1]]), NOW)?.id).toBe('a');
    expect(DEFAULT_QUEUE_RULES.priorityBoostMin).toEqual({ elderly: 15, disability: 15, pregnancy: 15 });
  });

  it('skips tickets not waiting, of other branches and of services outside the profile', () => {
    const c = counter('c1', [['s0', 1]]);
    const w = [ticket({ id: 'a', state: 'called' }), ticket({ id: 'b', branchId: 'b2' }), ticket({ id: 'c', serviceId: 's9' })];
    expect(chooseNext(w, c, NOW)).toBeNull();
  });

  it('first come first served, ties by id', () => {
    expect(drain([ticket({ id: 'b', arrivedAt: at(1) }), ticket({ id: 'c', arrivedAt: at(0) }), ticket({ id: 'a', arrivedAt: at(1) })])).toEqual(['c', 'a', 'b']);
  });
});

describe('chooseNext: transfers', () => {
  it('skips tickets reserved for another counter and takes its own reserved ones first, any service', () => {
    const w = [ticket({ id: 'old', arrivedAt: at(0) }), ticket({ id: 'theirs', arrivedAt: at(-30), counterId: 'c2' }), ticket({ id: 'mine', serviceId: 's9', arrivedAt: at(30), counterId: 'c1' })];
    expect(drain(w)).toEqual(['mine', 'old']);
    expect(drain(w, counter('c2', [['s5', 1]]))).toEqual(['theirs']);
  });
});

describe('chooseNext: priority', () => {
  const rules = plainRules({ priorityBoostMin: { elderly: 15, disability: 20, pregnancy: 10 } });
  it('a priority ticket queues as if it arrived its boost earlier', () => {
    const w = [
      ticket({ id: 'w0', arrivedAt: at(0) }),
      ticket({ id: 'w10', arrivedAt: at(10) }),
      ticket({ id: 'eld', arrivedAt: at(20), priority: 'elderly' }), // as 5
      ticket({ id: 'dis', arrivedAt: at(21), priority: 'disability' }), // as 1
      ticket({ id: 'preg', arrivedAt: at(25), priority: 'pregnancy' }), // as 15
    ];
    expect(drain(w, undefined, rules)).toEqual(['w0', 'dis', 'eld', 'w10', 'preg']);
  });

  it('the boost is capped at the service max wait', () => {
    const capped = plainRules({ priorityBoostMin: { elderly: 60, disability: 0, pregnancy: 0 }, defaultMaxWaitMin: 10 });
    const w = [ticket({ id: 'w', arrivedAt: at(55) }), ticket({ id: 'e', arrivedAt: at(59), priority: 'elderly' })];
    // e as 49 (capped boost 10), w at 55: e first; both not overdue at 60.
    expect(drain(w, undefined, capped)).toEqual(['e', 'w']);
    const w2 = [ticket({ id: 'w', arrivedAt: at(45) }), ticket({ id: 'e', arrivedAt: at(59), priority: 'elderly' })];
    expect(drain(w2, undefined, capped)).toEqual(['w', 'e']);
  });
});

describe('chooseNext: appointments', () => {
  const rules = plainRules({ appointmentLeadMin: 5 });
  const appt = (id: string, slotMin: number, arrivedMin: number) => ticket({ id, appointmentId: `ap-${id}`, slotAt: at(slotMin), arrivedAt: at(arrivedMin) });

  it('on-time appointments whose slot has come go ahead of walk-ins, by slot', () => {
    const w = [ticket({ id: 'walk', arrivedAt: at(0) }), appt('late-slot', 60, 40), appt('early-slot', 50, 45), appt('future', 90, 60)];
    expect(drain(w, undefined, rules, NOW, 3)).toEqual(['early-slot', 'late-slot', 'walk']);
  });

  it('within the lead an appointment is already due; before it, it waits behind walk-ins', () => {
    const w = [ticket({ id: 'walk', arrivedAt: at(0) }), appt('soon', 64, 50)];
    expect(drain(w, undefined, rules, NOW)).toEqual(['soon', 'walk']);
    const w2 = [ticket({ id: 'walk', arrivedAt: at(0) }), appt('later', 66, 50)];
    expect(drain(w2, undefined, rules, NOW)).toEqual(['walk', 'later']);
  });

  it('a late check-in queues as a walk-in from its arrival', () => {
    const w = [ticket({ id: 'walk', arrivedAt: at(30) }), appt('late', 10, 40)];
    expect(drain(w, undefined, rules, NOW)).toEqual(['walk', 'late']);
  });

  it('an appointment only gets ahead of walk-ins of its own service', () => {
    const c = counter('c1', [['s1', 5], ['s0', 1]]);
    const w = [ticket({ id: 'walk1', serviceId: 's1', arrivedAt: at(0) }), appt('a0', 55, 50)];
    expect(drain(w, c, rules)).toEqual(['walk1', 'a0']);
  });
});

describe('chooseNext: escalation', () => {
  it('a ticket over its service max wait is called first, whatever the weights', () => {
    const rules = plainRules({ maxWaitMin: { s1: 20 } });
    const c = counter('c1', [['s0', 5], ['s1', 1]]);
    const w = [ticket({ id: 'x', serviceId: 's0', arrivedAt: at(0) }), ticket({ id: 'y', serviceId: 's1', arrivedAt: at(39) })];
    expect(chooseNext(w, c, at(59), rules)?.id).toBe('x'); // y waited exactly 20: not yet over
    expect(chooseNext(w, c, at(59) + 1, rules)?.id).toBe('y');
  });

  it('overdue tickets go by deadline across services', () => {
    const rules = plainRules({ maxWaitMin: { s0: 30, s1: 10 } });
    const c = counter('c1', [['s0', 1], ['s1', 1]]);
    const w = [ticket({ id: 'x', serviceId: 's0', arrivedAt: at(0) }), ticket({ id: 'y', serviceId: 's1', arrivedAt: at(15) })];
    expect(drain(w, c, rules)).toEqual(['y', 'x']); // deadlines: y 15 + 10 = 25 before x 0 + 30 = 30
  });
});

describe('chooseNext: weighted interleaving', () => {
  const many = (serviceId: string, n: number) => Array.from({ length: n }, (_, i) => ticket({ id: `${serviceId}-${String(i).padStart(2, '0')}`, serviceId, arrivedAt: at(i) }));
  const svc = (ids: string[]) => ids.map((id) => id.split('-')[0]).join('');

  it('weights 2:1 give X X Y X X Y', () => {
    const c = counter('c1', [['X', 2], ['Y', 1]]);
    expect(svc(drain([...many('X', 10), ...many('Y', 10)], c, plainRules(), NOW, 9))).toBe('XXYXXYXXY');
  });

  it('equal weights alternate starting with the first position; an empty queue is skipped', () => {
    const c = counter('c1', [['Y', 1], ['X', 1]]);
    expect(svc(drain([...many('X', 3), ...many('Y', 3)], c))).toBe('YXYXYX');
    expect(svc(drain(many('X', 3), c))).toBe('XXX');
  });

  it('continues from the history it is given', () => {
    const c = counter('c1', [['X', 2], ['Y', 1]]);
    const w = [...many('X', 3), ...many('Y', 3)];
    expect(chooseNext(w, c, NOW, plainRules(), [{ serviceId: 'X' }, { serviceId: 'X' }])?.serviceId).toBe('Y');
    expect(chooseNext(w, c, NOW, plainRules(), [{ serviceId: 'X' }, { serviceId: 'Y' }])?.serviceId).toBe('X');
  });

  it('normalizes profiles: whole weights ≥ 1, first entry per service, by position', () => {
    const p = normalizeProfile([
      { serviceId: 'b', position: 2, weight: 0 },
      { serviceId: 'a', position: 1, weight: 2.4 },
      { serviceId: 'b', position: 3, weight: 9 },
      { serviceId: 'c', position: 4, weight: Number.NaN },
    ]);
    expect(p.map((x) => [x.serviceId, x.weight])).toEqual([['a', 2], ['b', 1], ['c', 1]]);
  });
});
