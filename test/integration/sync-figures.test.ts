/**
 * The branch's sync figures, as /metrics and the managers' socket show them, against a real branch server syncing
 * with a real hub (PGlite) through a link the test can cut: connected, outbox depth, oldest unacknowledged age, lag,
 * last contact and clock skew; a cancel at the centre crossing a check-in becomes an open conflict, pushed to
 * managers, until a manager marks it handled.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connectSocket } from 'socket.io-client';
import type { BranchSync, ClientToServerEvents, ServerToClientEvents } from '@dawr/core';
import { createHub, type Hub } from '@dawr/hub';
import type { Socket } from 'socket.io-client';
import { freePort } from '../../scripts/launch';
import { connect, startBranch, type Client } from '../helpers/branch';
import { startSyncProxy, type SyncProxy } from '../helpers/sync-proxy';
import { login } from '../../server/test/http';

const BRANCH = 'seef-mall';
type StaffSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** The value of an unlabelled metric in Prometheus text (NaN stays NaN). */
function metric(text: string, name: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  if (!line) throw new Error(`${name} is not in /metrics`);
  return Number(line.slice(name.length + 1));
}

async function scrape(url: string): Promise<string> {
  const res = await fetch(`${url}/metrics`);
  expect(res.headers.get('content-type')).toContain('text/plain');
  return res.text();
}

/** Scrapes until `check` holds (bounded: a stuck sync fails with the last figures). */
async function scrapeUntil(url: string, check: (text: string) => boolean, limitMs = 15_000): Promise<string> {
  const end = Date.now() + limitMs;
  for (;;) {
    const text = await scrape(url);
    if (check(text)) return text;
    if (Date.now() > end) throw new Error(`metrics never matched:\n${text.split('\n').filter((l) => l.startsWith('dawr_sync')).join('\n')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function staffSocket(url: string, username: string, password: string): Promise<StaffSocket> {
  const { cookie } = await login(url, username, password);
  const socket: StaffSocket = connectSocket(url, { transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: { cookie } });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  return socket;
}

describe('sync figures of a branch syncing with a hub', () => {
  let hub: Hub;
  let proxy: SyncProxy;
  let branch: Awaited<ReturnType<typeof startBranch>>;
  let kiosk: Client;

  beforeAll(async () => {
    const hubPort = await freePort();
    hub = await createHub({ database: { dir: null }, port: hubPort, host: '127.0.0.1' });
    await hub.listen();
    proxy = await startSyncProxy(hubPort);
    const token = await hub.store.issueBranchCredential(BRANCH, Date.now());
    branch = await startBranch({ DAWR_HUB_URL: proxy.url, DAWR_HUB_TOKEN: token, DAWR_BRANCH_ID: BRANCH });
    kiosk = await connect(branch.url, 'demo-kiosk-token');
  });
  afterAll(async () => {
    kiosk?.close();
    await branch?.stop();
    await proxy?.close();
    await hub?.close();
  });

  const issue = async (n: number) => {
    for (let i = 0; i < n; i++) {
      const r = await kiosk.emitWithAck('ticket:issue:v1', { serviceId: `${BRANCH}.renewal` });
      if (!r.ok) throw new Error(r.code);
    }
  };

  it('shows a connected, caught-up branch: nothing pending, lag and last contact measured, the clock skew', async () => {
    await issue(3);
    const text = await scrapeUntil(branch.url, (t) => metric(t, 'dawr_sync_connected') === 1 && metric(t, 'dawr_sync_outbox_pending_events') === 0);
    expect(metric(text, 'dawr_sync_enabled')).toBe(1);
    expect(metric(text, 'dawr_sync_oldest_unacked_age_seconds')).toBe(0);
    expect(metric(text, 'dawr_sync_lag_seconds')).toBeGreaterThanOrEqual(0);
    expect(metric(text, 'dawr_sync_last_contact_age_seconds')).toBeGreaterThanOrEqual(0);
    expect(metric(text, 'dawr_sync_open_conflicts')).toBe(0);
    expect(metric(text, 'dawr_sync_unreadable_down_changes')).toBe(0);
    // The branch clock started at OPEN_TIME (DAWR_START_TIME); the hub runs on the real clock.
    const branchNow = branch.server.clock();
    expect(Math.abs(metric(text, 'dawr_sync_clock_skew_seconds') - (Date.now() - branchNow) / 1000)).toBeLessThan(60);
  });

  it('counts what waits while the centre is unreachable, and records a cancel that crossed a check-in', async () => {
    const slotAt = branch.server.clock() + 10 * 60_000;
    const booked = await hub.store.appointments.create({ branchId: BRANCH, serviceId: `${BRANCH}.renewal`, cpr: '850101555', slotAt }, Date.now());
    const until = Date.now() + 10_000;
    while (!branch.server.store.appointments.get(booked.id) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    expect(branch.server.store.appointments.get(booked.id)).toBeDefined();

    proxy.setOffline(true);
    const checkIn = await kiosk.emitWithAck('appointment:checkIn:v1', { cpr: '850101555' });
    if (!checkIn.ok) throw new Error(checkIn.code);
    await hub.store.appointments.cancel(booked.id, Date.now());
    await issue(2);
    const offline = await scrapeUntil(branch.url, (t) => metric(t, 'dawr_sync_connected') === 0);
    expect(metric(offline, 'dawr_sync_outbox_pending_events')).toBe(3);
    expect(metric(offline, 'dawr_sync_oldest_unacked_age_seconds')).toBeGreaterThanOrEqual(0);
    expect(metric(offline, 'dawr_sync_lag_seconds')).toBe(metric(offline, 'dawr_sync_oldest_unacked_age_seconds'));
    expect(metric(offline, 'dawr_sync_open_conflicts')).toBe(0);

    const manager = await staffSocket(branch.url, 'manager', 'dawr-manager');
    try {
      const pushed = new Promise<BranchSync>((resolve) => manager.on('sync:status:v1', (s) => s.conflicts.length > 0 && resolve(s)));
      proxy.setOffline(false);
      const back = await scrapeUntil(branch.url, (t) => metric(t, 'dawr_sync_open_conflicts') === 1 && metric(t, 'dawr_sync_outbox_pending_events') === 0);
      expect(metric(back, 'dawr_sync_connected')).toBe(1);
      const sync = await pushed;
      expect(sync).toMatchObject({ enabled: true, connected: true });
      expect(sync.conflicts).toEqual([
        expect.objectContaining({ kind: 'cancelled_after_check_in', entityId: booked.id, ticketId: checkIn.ticket.id, ticketNumber: checkIn.ticket.number, serviceId: `${BRANCH}.renewal`, slotAt }),
      ]);

      // A clerk may not mark it handled; the manager does, once.
      const clerk = await staffSocket(branch.url, 'clerk', 'dawr-clerk');
      const refused = await clerk.emitWithAck('sync:resolveConflict:v1', { seq: sync.conflicts[0]!.seq });
      clerk.close();
      expect(refused).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      const done = await manager.emitWithAck('sync:resolveConflict:v1', { seq: sync.conflicts[0]!.seq });
      expect(done).toMatchObject({ ok: true, sync: { conflicts: [] } });
      const again = await manager.emitWithAck('sync:resolveConflict:v1', { seq: sync.conflicts[0]!.seq });
      expect(again).toMatchObject({ ok: false, code: 'UNKNOWN_CONFLICT' });
      expect(metric(await scrape(branch.url), 'dawr_sync_open_conflicts')).toBe(0);
      expect(branch.server.store.sync.conflicts()).toEqual([expect.objectContaining({ entityId: booked.id, resolvedBy: 'staff-manager' })]);
    } finally {
      manager.close();
    }
  });

  it('a branch without a centre says so: not enabled, never in contact', async () => {
    const alone = await startBranch();
    try {
      const text = await scrape(alone.url);
      expect(metric(text, 'dawr_sync_enabled')).toBe(0);
      expect(metric(text, 'dawr_sync_connected')).toBe(0);
      expect(metric(text, 'dawr_sync_last_contact_age_seconds')).toBeNaN();
      expect(metric(text, 'dawr_sync_clock_skew_seconds')).toBeNaN();
    } finally {
      await alone.stop();
    }
  });
});
