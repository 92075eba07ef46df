/**
 * The hub as real processes on a real PostgreSQL (a throwaway cluster): SIGKILLed ten times while a busy branch
 * syncs with it, and two hub processes behind a round-robin balancer taking one branch's batches alternately.
 * Either way every event arrives exactly once and the hub's tickets equal the branch's.
 */
import { mkdirSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '@dawr/db';
import { QueueService, SyncClient, makeDownApplier, makeLogger, seedDemoBranch } from '@dawr/server';
import { io as connectSocket } from 'socket.io-client';
import type { BranchLive } from '@dawr/core';
import { DEMO_HUB_STAFF, HubStore, demoSyncToken } from '@dawr/hub';
import { freePort } from '../../scripts/launch';
import { startPostgres, type TestPostgres } from '../helpers/postgres';
import { killHard, startHubProcess as startHub } from '../helpers/processes';
import { tempDir } from '../helpers/tmp';

const BRANCH = 'isa-town';
const DAY = '2026-12-07';
const log = makeLogger('silent');

interface Branch {
  store: Store;
  queue: QueueService;
  client: SyncClient;
  ids: string[];
}

function openBranch(dir: string, hubUrl: string, clock: () => number): Branch {
  const store = Store.open(path.join(dir, 'branch.sqlite'), clock());
  seedDemoBranch(store, BRANCH);
  const queue = new QueueService(store, BRANCH, clock);
  const client = new SyncClient({
    hubUrl, token: demoSyncToken(BRANCH), branchId: BRANCH, state: store.sync, clock, log,
    applyDown: makeDownApplier(store, BRANCH, { catalogueChanged: () => undefined }, log),
    idleMs: 30, backoffMs: { base: 20, max: 300 }, requestTimeoutMs: 5_000,
  });
  return { store, queue, client, ids: [] };
}

function work(b: Branch, n: number, tag: string): void {
  for (let i = 0; i < n; i++) {
    b.ids.push(b.queue.issue({ serviceId: `${BRANCH}.renewal`, requestId: `${tag}-${i}` }, { deviceId: 'kiosk-1' }).ticket.id);
    // Served as they come (a call finishes the counter's previous visitor): the queue stays short of closing time.
    b.queue.callNext(`${BRANCH}.counter-${1 + (i % 3)}`, { deviceId: 'counter', clerkId: null });
  }
}

async function drained(b: Branch, limitMs = 60_000): Promise<void> {
  const until = Date.now() + limitMs;
  while (b.store.sync.stats().depth > 0) {
    if (Date.now() > until) throw new Error(`outbox not drained: ${JSON.stringify(b.client.snapshot())}`);
    b.client.nudge();
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The hub's events and tickets for the branch equal the branch's own: exactly once, nothing missing. */
async function expectSame(url: string, b: Branch): Promise<void> {
  const hub = await HubStore.open({ url });
  try {
    expect(await hub.eventCounts(BRANCH)).toEqual({ total: b.store.outbox.latestSeq(), unknown: 0 });
    const [cursor] = await hub.cursors(BRANCH);
    expect(cursor!.ackedSeq).toBe(b.store.outbox.latestSeq());
    const projected = new Map((await hub.tickets(BRANCH, DAY)).map((t) => [t.id, t]));
    expect(projected.size).toBe(b.ids.length);
    for (const id of b.ids) {
      const t = b.store.tickets.get(id)!;
      expect(projected.get(id)).toMatchObject({ state: t.state, number: t.number, counterId: t.counterId, calledAt: t.calledAt });
    }
  } finally {
    await hub.close();
  }
}

describe('hub processes on PostgreSQL', () => {
  let pg: TestPostgres;
  const tmp = tempDir();
  let now = Date.parse(`${DAY}T09:00:00+03:00`);
  const clock = () => now;

  beforeAll(async () => {
    pg = await startPostgres();
  }, 120_000);
  afterAll(() => {
    pg?.stop();
    tmp.cleanup();
  });

  it('survives ten SIGKILLs of the hub in the middle of syncing: nothing lost, nothing twice', async () => {
    const url = pg.createDatabase('hub_kill');
    const port = await freePort();
    const branch = openBranch(tmp.dir, `http://127.0.0.1:${port}`, clock);
    branch.client.start();
    let hub = await startHub(port, url);
    try {
      for (let round = 0; round < 10; round++) {
        work(branch, 40, `k${round}`);
        now += 60_000;
        // Let the client get part-way through pushing, then kill the hub under it.
        const target = branch.store.outbox.latestSeq();
        while (branch.store.sync.stats().depth > target / (round + 2) && branch.store.sync.stats().depth > 0) {
          branch.client.nudge();
          await new Promise((r) => setTimeout(r, 5));
        }
        await killHard(hub);
        work(branch, 10, `offline${round}`);
        hub = await startHub(port, url);
      }
      await drained(branch);
      await expectSame(url, branch);
    } finally {
      await branch.client.stop();
      branch.store.close();
      await killHard(hub);
    }
  }, 240_000);

  it('two hub processes behind a round-robin balancer, the branch syncing through both alternately: exactly once', async () => {
    const url = pg.createDatabase('hub_two');
    const [p1, p2, lbPort] = [await freePort(), await freePort(), await freePort()];
    const hubs = await Promise.all([startHub(p1, url), startHub(p2, url)]);
    // Batches alternate between the hubs (pulls too, on their own turn), as a balancer without stickiness would.
    const turns = { up: 0, other: 0 };
    const batches = [0, 0];
    const balancer = http.createServer((req, res) => {
      const up = req.method === 'POST';
      const i = (up ? turns.up++ : turns.other++) % 2;
      if (up) batches[i]! += 1;
      const forward = http.request({ host: '127.0.0.1', port: i ? p2 : p1, method: req.method, path: req.url, headers: req.headers }, (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      });
      forward.on('error', () => res.writeHead(502).end());
      req.pipe(forward);
    });
    await new Promise<void>((r) => balancer.listen(lbPort, '127.0.0.1', r));
    const dir = path.join(tmp.dir, 'two');
    mkdirSync(dir);
    const branch = openBranch(dir, `http://127.0.0.1:${lbPort}`, clock);
    branch.client.start();
    try {
      for (let round = 0; round < 6; round++) {
        work(branch, 60, `two${round}`);
        await drained(branch);
      }
      expect(batches[0]).toBeGreaterThanOrEqual(3);
      expect(batches[1]).toBeGreaterThanOrEqual(3);
      await expectSame(url, branch);
    } finally {
      await branch.client.stop();
      branch.store.close();
      balancer.close();
      await Promise.all(hubs.map(killHard));
    }
  }, 120_000);

  it('pushes to a manager on one hub process what a branch synced through another (socket.io PostgreSQL adapter)', async () => {
    const url = pg.createDatabase('hub_adapter');
    const [p1, p2] = [await freePort(), await freePort()];
    const hubs = await Promise.all([startHub(p1, url), startHub(p2, url)]);
    const dir = path.join(tmp.dir, 'adapter');
    mkdirSync(dir);
    const branch = openBranch(dir, `http://127.0.0.1:${p1}`, clock);
    try {
      const central = DEMO_HUB_STAFF.find((s) => s.role === 'central')!;
      const login = await fetch(`http://127.0.0.1:${p2}/api/v1/login`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: central.username, password: central.password }),
      });
      expect(login.status).toBe(200);
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
      const socket = connectSocket(`http://127.0.0.1:${p2}`, { transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: { cookie } });
      try {
        await new Promise((resolve) => socket.once('national:snapshot:v1', resolve));
        const pushed = new Promise<BranchLive>((resolve) => socket.on('national:branch:v1', (b: BranchLive) => b.branchId === BRANCH && b.ticketsToday >= 5 && resolve(b)));
        work(branch, 5, 'adapter');
        await branch.client.syncOnce();
        expect((await pushed).ticketsToday).toBe(5);
      } finally {
        socket.close();
      }
    } finally {
      branch.store.close();
      await Promise.all(hubs.map(killHard));
    }
  }, 120_000);
});
