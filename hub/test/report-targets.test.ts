/**
 * A branch's service-level targets at the centre: set or cleared at the branch, they come up with its outbox
 * (report.target.set v1) and the centre's reports judge the branch's services by them, as the branch's own reports
 * do; applied in seq order once contiguous, replays change nothing, and a payload or version it cannot read is kept
 * flagged without blocking the cursor. PGlite in memory (the store tests run the same SQL on PostgreSQL).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYNC_SCHEMA_VERSION, type UpBatch, type UpEvent } from '@dawr/core';
import { computeReport, type ServiceTarget } from '@dawr/core/reports';
import { HubStore } from '../src/store/index';
import { reportTargets } from '../src/store/report-targets';
import { reportInputs } from '../src/store/reports';

const DAY = '2026-12-06';
const T0 = Date.parse('2026-12-06T09:00:00+03:00');
const MIN = 60_000;
const SVC = 'svc-renewal';

/** Ten tickets of one service, the i-th called after i × 3 minutes' wait, then served. */
function tickets(firstSeq: number): UpEvent[] {
  const events: UpEvent[] = [];
  let seq = firstSeq;
  for (let i = 0; i < 10; i++) {
    const id = `0190-target-${i}`;
    const arrivedAt = T0 + i * MIN;
    const calledAt = arrivedAt + i * 3 * MIN;
    const base = { id, branchId: 'seef-mall', serviceId: SVC, day: DAY, seq: i + 1, number: `B-${i + 1}`, priority: null, appointmentId: null, slotAt: null, arrivedAt, outcome: null };
    const steps: [string, Record<string, unknown>][] = [
      ['issued', { state: 'waiting', counterId: null, calledAt: null, startedAt: null, endedAt: null }],
      ['called', { state: 'called', counterId: 'c1', calledAt, startedAt: null, endedAt: null }],
      ['started', { state: 'serving', counterId: 'c1', calledAt, startedAt: calledAt + MIN, endedAt: null }],
      ['ended', { state: 'done', counterId: 'c1', calledAt, startedAt: calledAt + MIN, endedAt: calledAt + 5 * MIN, outcome: 'served' }],
    ];
    for (const [type, state] of steps) {
      const at = (state.endedAt ?? state.startedAt ?? state.calledAt ?? arrivedAt) as number;
      events.push({ seq: seq++, type: `ticket.${type}`, typeVersion: 1, entityId: id, payload: { ticket: { ...base, ...state }, clerkId: null }, createdAt: at });
    }
  }
  return events;
}

function target(seq: number, withinMin: number | null, share: number | null, typeVersion = 1): UpEvent {
  return { seq, type: 'report.target.set', typeVersion, entityId: SVC, payload: { serviceId: SVC, withinMin, share }, createdAt: T0 };
}

function batch(events: UpEvent[], branchId = 'seef-mall'): UpBatch {
  return { schema: SYNC_SCHEMA_VERSION, branchId, epoch: 'epoch-t', epochStartSeq: 0, sentAt: T0, events };
}

describe('branch targets at the centre', () => {
  let store: HubStore;
  beforeAll(async () => {
    store = await HubStore.open({ dir: null }, T0);
  }, 120_000);
  afterAll(async () => {
    await store?.close();
  });

  /** The service's service level at the centre, as the reports route computes it. */
  async function hubLevel(branchId = 'seef-mall') {
    const input = (await reportInputs(store.sql, DAY, DAY)).get(branchId)!;
    const targets = (await reportTargets(store.sql)).get(branchId);
    return computeReport(input, { timeZone: 'Asia/Bahrain', from: DAY, to: DAY, targets }).services.find((s) => s.serviceId === SVC)!.serviceLevel;
  }
  /** The same tickets judged as the branch judges them with `targets`. */
  async function branchLevel(targets: Record<string, ServiceTarget> | undefined, branchId = 'seef-mall') {
    const input = (await reportInputs(store.sql, DAY, DAY)).get(branchId)!;
    return computeReport(input, { timeZone: 'Asia/Bahrain', from: DAY, to: DAY, targets }).services.find((s) => s.serviceId === SVC)!.serviceLevel;
  }

  it('a target set at the branch changes the centre’s service level as it changes the branch’s; clearing it restores the default', async () => {
    const day = tickets(1);
    await store.applyUp(batch(day), T0);
    // Nothing set: the default, 80 % within 20 minutes (waits 0, 3, … 27 min: 7 of 10 within).
    expect(await hubLevel()).toMatchObject({ withinMs: 20 * MIN, targetShare: 0.8, within: 7, total: 10, met: false });
    expect(await reportTargets(store.sql)).toEqual(new Map());

    const set = target(day.length + 1, 10, 0.3);
    expect(await store.applyUp(batch([set]), T0)).toMatchObject({ ackedSeq: day.length + 1 });
    const level = await hubLevel();
    expect(level).toEqual(await branchLevel({ [SVC]: { withinMin: 10, share: 0.3 } }));
    expect(level).toMatchObject({ withinMs: 10 * MIN, targetShare: 0.3, within: 4, total: 10, met: true });

    // A replay of the batch changes nothing; clearing it puts the default back.
    await store.applyUp(batch([...day, set]), T0);
    expect((await reportTargets(store.sql)).get('seef-mall')).toEqual({ [SVC]: { withinMin: 10, share: 0.3 } });
    await store.applyUp(batch([target(day.length + 2, null, null)]), T0);
    expect(await hubLevel()).toEqual(await branchLevel(undefined));
    expect(await reportTargets(store.sql)).toEqual(new Map());
  });

  it('applies targets in seq order once the gap before them is filled; later wins', async () => {
    const day = tickets(1);
    const b = 'muharraq';
    const n = day.length;
    // seq n+2 (the later target) arrives before n+1: nothing applies until the gap is filled.
    expect(await store.applyUp(batch([...day, target(n + 2, 15, 0.5)], b), T0)).toMatchObject({ ackedSeq: n, waitingFor: n + 1 });
    expect((await reportTargets(store.sql)).get(b)).toBeUndefined();
    expect(await store.applyUp(batch([target(n + 1, 5, 0.9)], b), T0)).toMatchObject({ ackedSeq: n + 2, waitingFor: null });
    expect((await reportTargets(store.sql)).get(b)).toEqual({ [SVC]: { withinMin: 15, share: 0.5 } });
    expect(await hubLevel(b)).toEqual(await branchLevel({ [SVC]: { withinMin: 15, share: 0.5 } }, b));
  });

  it('a version it does not know, or a payload that does not read, is kept flagged and neither applied nor blocking', async () => {
    const b = 'isa-town';
    const events: UpEvent[] = [
      target(1, 5, 0.5, 2),
      { ...target(2, 5, 0.5), payload: { serviceId: SVC, withinMin: 'five', share: 2 } },
      target(3, 25, 0.6),
    ];
    expect(await store.applyUp(batch(events, b), T0)).toMatchObject({ ackedSeq: 3, waitingFor: null });
    expect(await store.eventCounts(b)).toEqual({ total: 3, unknown: 1 });
    expect((await reportTargets(store.sql)).get(b)).toEqual({ [SVC]: { withinMin: 25, share: 0.6 } });
  });
});
