/**
 * Branch ↔ centre sync end to end, over real HTTP: a real branch database (SQLite file) written by the real queue
 * service, the real sync client, and the real hub (PGlite in memory). A partition (the hub unreachable while the
 * branch works), the down log applied once, an unknown down change flagged, and a database restored from an
 * older backup getting a new epoch with nothing lost and nothing twice.
 */
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '@dawr/db';
import { QueueService, SyncClient, makeDownApplier, makeLogger, seedDemoBranch } from '@dawr/server';
import { createHub, type Hub } from '@dawr/hub';
import { freePort } from '../../scripts/launch';
import { tempDir } from '../helpers/tmp';

const BRANCH = 'seef-mall';
const T0 = Date.parse('2026-12-06T09:00:00+03:00');
const DAY = '2026-12-06';
const log = makeLogger('silent');

interface Branch {
  store: Store;
  queue: QueueService;
  client: SyncClient;
  catalogueReloads: number;
}

function openBranch(file: string, hubUrl: string, token: string, clock: () => number): Branch {
  const store = Store.open(file, clock());
  seedDemoBranch(store, BRANCH);
  const queue = new QueueService(store, BRANCH, clock);
  const branch: Branch = { store, queue, catalogueReloads: 0, client: undefined as unknown as SyncClient };
  const applyDown = makeDownApplier(store, BRANCH, { catalogueChanged: () => (branch.catalogueReloads += 1) }, log);
  branch.client = new SyncClient({
    hubUrl, token, branchId: BRANCH, state: store.sync, applyDown, clock, log,
    idleMs: 50, backoffMs: { base: 20, max: 200 }, requestTimeoutMs: 5_000,
  });
  return branch;
}

/** Waits for the client's loop to empty the outbox (bounded, so a stuck sync fails the test). */
async function drained(b: Branch, limitMs = 30_000): Promise<void> {
  const until = Date.now() + limitMs;
  while (b.store.sync.stats().depth > 0) {
    if (Date.now() > until) throw new Error(`outbox not drained: ${JSON.stringify(b.client.snapshot())}`);
    b.client.nudge();
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Waits (bounded) until `done()` holds, nudging the client. */
async function waitFor(done: () => boolean, b: Branch, limitMs = 10_000): Promise<void> {
  const until = Date.now() + limitMs;
  while (!done()) {
    if (Date.now() > until) throw new Error(`condition not met: ${JSON.stringify(b.client.snapshot())}`);
    b.client.nudge();
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Issues `n` tickets across two services, each called as it comes (a call finishes the counter's previous one). */
function workDay(b: Branch, n: number, tag: string): string[] {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const serviceId = `${BRANCH}.${i % 2 ? 'renewal' : 'replacement'}`;
    ids.push(b.queue.issue({ serviceId, requestId: `${tag}-${i}` }, { deviceId: 'kiosk-1' }).ticket.id);
    b.queue.callNext(`${BRANCH}.counter-${1 + (i % 4)}`, { deviceId: 'counter', clerkId: null });
  }
  return ids;
}

/** The branch's view of tickets, as the hub projects them. */
function branchTickets(b: Branch, ids: string[]) {
  return ids.map((id) => {
    const t = b.store.tickets.get(id)!;
    return { id: t.id, number: t.number, state: t.state, counterId: t.counterId, arrivedAt: t.arrivedAt, calledAt: t.calledAt, endedAt: t.endedAt };
  });
}

describe('branch ↔ centre sync', () => {
  let hub: Hub;
  let hubPort: number;
  let hubUrl: string;
  let token: string;
  const tmp = tempDir();
  const file = path.join(tmp.dir, 'branch.sqlite');
  let now = T0;
  const clock = () => now;
  let branch: Branch;

  beforeAll(async () => {
    hubPort = await freePort();
    hubUrl = `http://127.0.0.1:${hubPort}`;
  });
  afterAll(async () => {
    await branch?.client.stop();
    branch?.store.close();
    await hub?.close();
    tmp.cleanup();
  });

  it('works through a partition: 1 000 tickets with the hub unreachable, then every event exactly once', async () => {
    // The hub is not running yet: the branch cannot know its token is valid, and must not care.
    hub = await createHub({ database: { dir: null }, port: hubPort, host: '127.0.0.1' });
    token = await hub.store.issueBranchCredential(BRANCH, T0);
    branch = openBranch(file, hubUrl, token, clock);
    branch.client.start();
    const ids = workDay(branch, 1_000, 'p');
    expect(branch.store.sync.stats().depth).toBeGreaterThan(1_000);
    expect(branch.client.snapshot()).toMatchObject({ connected: false });

    await hub.listen();
    await drained(branch);
    const snapshot = branch.client.snapshot();
    expect(snapshot).toMatchObject({ connected: true, outboxDepth: 0, oldestUnackedAgeMs: null });

    const projected = await hub.store.tickets(BRANCH, DAY);
    const mine = branchTickets(branch, ids);
    expect(projected.map(({ id, number, state, counterId, arrivedAt, calledAt, endedAt }) => ({ id, number, state, counterId, arrivedAt, calledAt, endedAt })))
      .toEqual([...mine].sort((a, b) => (a.id < b.id ? -1 : 1)));
    const [cursor] = await hub.store.cursors(BRANCH);
    expect(cursor!.ackedSeq).toBe(branch.store.outbox.latestSeq());
    const counts = await hub.store.eventCounts(BRANCH);
    expect(counts.total).toBe(branch.store.outbox.latestSeq());
  }, 120_000);

  it('applies the centre catalogue once, keeps the counters the branch opened, and flags what it cannot read', async () => {
    await hub.store.editCatalogue(BRANCH, (c) => ({
      ...c,
      services: c.services.map((s) => (s.code === 'renewal' ? { ...s, name: { ...s.name, en: 'ID card renewal' } } : s)),
    }), now);
    await hub.store.queueDown(BRANCH, 'payment.received', 3, { amount: 1 }, now);
    const reloadsBefore = branch.catalogueReloads;
    const target = (await hub.store.pullDown(BRANCH, 0)).at(-1)!.seq;
    const until = Date.now() + 10_000;
    while (branch.store.sync.downCursor() < target && Date.now() < until) {
      branch.client.nudge();
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(branch.store.sync.downCursor()).toBe(target);
    const renewal = branch.store.config.listServices(BRANCH).find((s) => s.code === 'renewal');
    expect(renewal?.name.en).toBe('ID card renewal');
    // Two catalogue changes reached the branch (the seed one and the edit), each applied once.
    expect(branch.catalogueReloads - reloadsBefore).toBeGreaterThanOrEqual(1);
    expect(branch.store.sync.unknownDown()).toEqual([expect.objectContaining({ type: 'payment.received', typeVersion: 3 })]);
  }, 30_000);

  it('brings a booking made at the centre to the branch, and shows both sides a cancel that crossed a check-in', async () => {
    const booked = await hub.store.appointments.create({ branchId: BRANCH, serviceId: `${BRANCH}.renewal`, cpr: '850101777', slotAt: now + 5 * 60_000 }, now);
    const crossed = await hub.store.appointments.create({ branchId: BRANCH, serviceId: `${BRANCH}.renewal`, cpr: '850101778', slotAt: now + 5 * 60_000 }, now);
    await waitFor(() => branch.store.appointments.get(crossed.id) !== undefined, branch);
    const first = branch.queue.checkIn({ cpr: '850101777', requestId: 'appt-1' }, { deviceId: 'kiosk-1' });
    expect(first.appointmentId).toBe(booked.id);

    // The centre cancels while the visitor checks in at the kiosk: neither side's change is lost or merged.
    await branch.client.stop();
    await hub.store.appointments.cancel(crossed.id, now);
    const second = branch.queue.checkIn({ cpr: '850101778', requestId: 'appt-2' }, { deviceId: 'kiosk-1' });
    branch.client.start();
    await drained(branch);
    await waitFor(() => branch.store.sync.conflicts().length > 0, branch);
    expect(branch.store.sync.conflicts()).toEqual([expect.objectContaining({ kind: 'cancelled_after_check_in', entityId: crossed.id, detail: { ticketId: second.ticket.id } })]);
    expect(branch.store.appointments.get(crossed.id)).toMatchObject({ status: 'checked_in' });
    expect(await hub.store.appointments.get(booked.id)).toMatchObject({ status: 'checked_in', ticketId: first.ticket.id });
    expect(await hub.store.conflicts()).toEqual([expect.objectContaining({ kind: 'checked_in_after_cancel', entityId: crossed.id })]);
  }, 30_000);

  it('gives a database restored from an older backup a new epoch: nothing lost, nothing twice, nothing refused wrongly', async () => {
    await branch.client.stop();
    branch.store.close();
    const backup = path.join(tmp.dir, 'backup.sqlite');
    copyFileSync(file, backup);

    // The branch works on after the backup and syncs it all; then its disk is lost.
    branch = openBranch(file, hubUrl, token, clock);
    branch.client.start();
    const lostIds = workDay(branch, 30, 'after-backup');
    await drained(branch);
    await branch.client.stop();
    branch.store.close();
    const before = await hub.store.eventCounts(BRANCH);

    // Restored from the backup, the branch issues again: its seqs now repeat ones the hub holds.
    copyFileSync(backup, file);
    now += 3600_000;
    branch = openBranch(file, hubUrl, token, clock);
    const restoredSeq = branch.store.outbox.latestSeq();
    const newIds = workDay(branch, 20, 'restored');
    const newEvents = branch.store.outbox.latestSeq() - restoredSeq;
    branch.client.start();
    await drained(branch);

    const cursors = await hub.store.cursors(BRANCH);
    expect(cursors).toHaveLength(2);
    expect(cursors[1]!.ackedSeq).toBe(branch.store.outbox.latestSeq());
    expect(await hub.store.eventCounts(BRANCH)).toEqual({ total: before.total + newEvents, unknown: 0 });
    const projected = new Map((await hub.store.tickets(BRANCH, DAY)).map((t) => [t.id, t]));
    for (const id of [...lostIds, ...newIds]) expect(projected.has(id)).toBe(true);
    for (const t of branchTickets(branch, newIds)) expect(projected.get(t.id)).toMatchObject({ state: t.state, number: t.number });
  }, 60_000);
});
