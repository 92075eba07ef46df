/**
 * The staffing advice on its worker thread: the same advice as computed in this thread, the event loop free while it
 * runs (a setImmediate tick comes first), one computation at a time, a clear error from a worker that fails or does
 * not answer; and through the branch server, concurrent requests share one computation and its cache.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { Counter, EventType } from '@dawr/core';
import {
  DayClock,
  exponential,
  readTransactions,
  seededRandom,
  staffingAdvice,
  type ReportEvent,
  type ReportTicket,
  type StaffingAdviceInput,
} from '@dawr/core/reports';
import { StaffingThread, StaffingUnavailable } from '../src/reports/staffing-thread';
import { startBranch } from '../../test/helpers/branch';

const TZ = 'Asia/Bahrain';
const MIN = 60_000;
const PAST = ['2026-03-01', '2026-03-08', '2026-03-15', '2026-03-22'];
/** `min` minutes after 08:00 in Bahrain on `day`. */
const at = (day: string, min: number) => Date.parse(`${day}T05:00:00Z`) + min * MIN;
const SERVICES = ['A', 'B'];

/** Four past Sundays: each service an arrival every 5 min from 08:00 to 14:00, served ~10 min at counter c1. */
function input(): StaffingAdviceInput {
  const random = seededRandom(7);
  const tickets: ReportTicket[] = [];
  const events: ReportEvent[] = [];
  const ev = (ticketId: string, type: EventType, t: number, serviceId: string): ReportEvent => ({ ticketId, type, at: t, counterId: 'c1', clerkId: null, serviceId });
  for (const day of PAST) {
    for (const s of SERVICES) {
      for (let k = 0, min = 0; min < 360; k++, min += 5) {
        const id = `${day}-${s}-${k}`;
        tickets.push({ id, day, number: id, priority: k % 7 === 0 ? 'elderly' : null, appointmentId: null, slotAt: null, outcome: 'served' });
        const called = at(day, min + 1);
        events.push(ev(id, 'issued', at(day, min), s), ev(id, 'called', called, s), ev(id, 'started', called + MIN, s));
        events.push(ev(id, 'ended', called + Math.max(MIN, Math.round(exponential(random, 10 * MIN))), s));
      }
    }
  }
  const txs = readTransactions({ tickets, events }, new DayClock(TZ), {});
  const counter = (n: number): Counter => ({
    id: `c${n}`, branchId: 'b', number: n, name: { ar: '', en: '' }, open: true,
    profile: SERVICES.map((serviceId, position) => ({ serviceId, position, weight: 1 })),
  });
  return {
    now: at('2026-03-29', 30),
    timeZone: TZ,
    opensAt: '08:00',
    closesAt: '14:00',
    services: SERVICES.map((id) => ({ id, typicalServiceMin: null })),
    counters: [counter(1), counter(2), counter(3)],
    days: PAST.map((day) => ({ day, transactions: txs.filter((t) => t.day === day) })),
    waiting: [],
    seed: 20260329,
  };
}

const threads: StaffingThread[] = [];
const thread = (opts?: ConstructorParameters<typeof StaffingThread>[0]) => {
  const t = new StaffingThread(opts);
  threads.push(t);
  return t;
};
afterAll(async () => {
  for (const t of threads) await t.close();
});

describe('the staffing worker thread', () => {
  it('gives the same advice as the computation in this thread', async () => {
    const i = input();
    const here = staffingAdvice(i);
    expect(here.check).not.toBeNull();
    expect(here.basis).toEqual(PAST);
    expect(await thread().compute(i)).toEqual(here);
  });

  it('leaves the event loop free while it computes: a setImmediate tick comes before the advice', async () => {
    const t = thread();
    await t.compute(input()); // the worker is running: what follows is the computation alone
    const order: string[] = [];
    const advice = t.compute(input()).then(() => order.push('advice'));
    await new Promise<void>((resolve) => setImmediate(() => resolve(void order.push('tick'))));
    await advice;
    expect(order).toEqual(['tick', 'advice']);
  });

  it('runs one computation at a time, in order', async () => {
    const t = thread();
    const order: number[] = [];
    const inputs = [input(), { ...input(), seed: 1 }, { ...input(), seed: 2 }];
    const views = await Promise.all(inputs.map((i, k) => t.compute(i).then((v) => (order.push(k), v))));
    expect(order).toEqual([0, 1, 2]);
    expect(views[1]).toEqual(staffingAdvice(inputs[1]!));
  });

  it('a worker that does not answer: a clear error, not a hang; the next computation starts a new worker', async () => {
    let started = 0;
    const t = thread({ timeoutMs: 300, spec: () => (started++, { file: 'setInterval(() => {}, 1000)', options: { eval: true } }) });
    for (let k = 1; k <= 2; k++) {
      const failed = await t.compute(input()).catch((e: unknown) => e);
      expect(failed).toBeInstanceOf(StaffingUnavailable);
      expect((failed as StaffingUnavailable).reason).toBe('timeout');
      expect(started).toBe(k);
    }
  });

  it('a worker that fails, or one that cannot start: StaffingUnavailable("failed")', async () => {
    const crashing = thread({ spec: () => ({ file: 'throw new Error("boom")', options: { eval: true } }) });
    await expect(crashing.compute(input())).rejects.toMatchObject({ reason: 'failed', message: expect.stringContaining('boom') });
    const missing = thread({ spec: () => ({ file: '/nonexistent/staffing-worker.js', options: {} }) });
    await expect(missing.compute(input())).rejects.toMatchObject({ reason: 'failed' });
    const closed = thread();
    await closed.close();
    await expect(closed.compute(input())).rejects.toMatchObject({ reason: 'closed' });
  });
});

describe('staffing advice through the branch server', () => {
  it('concurrent requests share one computation; the next within the minute comes from the cache', async () => {
    const branch = await startBranch();
    try {
      const reports = branch.server.reports;
      const [a, b] = await Promise.all([reports.staffing(), reports.staffing()]);
      expect(a).toBe(b);
      expect(await reports.staffing()).toBe(a);
      expect(a).toEqual(staffingAdvice({ ...reports.staffingInput(), now: a.at }));
    } finally {
      await branch.stop();
    }
  });
});
