/**
 * Reliability: the branch server is killed with SIGKILL 20 times while a kiosk issues and a counter calls.
 * After every restart: each acknowledged ticket exists with its number, no number appears twice, and a
 * display that reconnected by itself shows exactly what the database holds.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import type { BranchSnapshot, CallPush, QueueChange } from '@dawr/core';
import { Store } from '@dawr/db';
import { freePort, ROOT } from '../../scripts/launch';
import { connect, OPEN_TIME } from '../helpers/branch';
import { tempDir } from '../helpers/tmp';

const KILLS = 20;
const tmp = tempDir('dawr-crash-');
afterAll(() => tmp.cleanup());

function startServer(port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'server/src/main.ts')], {
    env: {
      ...process.env,
      DAWR_DATA_DIR: tmp.dir,
      DAWR_PORT: String(port),
      DAWR_HOST: '127.0.0.1',
      DAWR_START_TIME: OPEN_TIME,
      DAWR_LOG_LEVEL: 'error',
      DAWR_ISSUE_RATE_LIMIT: '100000',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      if (out.includes('DAWR_SERVER_READY')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`server exited early (${code}): ${out}`)));
  });
}

/** A wall display's view, kept only from what the server sends it (snapshot, then pushes). */
class DisplayModel {
  version = -1;
  waiting = new Map<string, number>();
  recent: string[] = [];
  readonly socket;

  constructor(url: string) {
    this.socket = io(url, { auth: { token: 'demo-display-token' }, transports: ['websocket'], reconnectionDelay: 50, reconnectionDelayMax: 200 });
    this.socket.on('branch:snapshot:v1', (s: BranchSnapshot) => {
      this.version = s.version;
      this.waiting = new Map(s.services.map((x) => [x.id, x.waiting]));
      this.recent = s.recentCalls.map((c) => `${c.number}@${c.counterNumber}`);
    });
    this.socket.on('queue:changed:v2', (c: QueueChange) => {
      if (c.version <= this.version) return;
      this.version = c.version;
      this.waiting = new Map(c.services.map((x) => [x.id, x.waiting]));
    });
    this.socket.on('ticket:called:v2', (c: CallPush) => {
      if (c.version > this.version) {
        this.version = c.version;
        this.waiting = new Map(c.services.map((x) => [x.id, x.waiting]));
      }
      this.recent = [`${c.number}@${c.counterNumber}`, ...this.recent].slice(0, 8);
    });
  }
}

it(`keeps every acknowledged ticket across ${KILLS} SIGKILLs, and displays resync to the database`, async () => {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const acked = new Map<string, string>();
  const calledAcked = new Set<string>();
  let server = await startServer(port);
  const display = new DisplayModel(url);
  const services = ['new-card', 'renewal', 'collection'].map((s) => `seef-mall.${s}`);
  try {
  for (let round = 0; round < KILLS; round++) {
    const [kiosk, counter] = await Promise.all([connect(url, 'demo-kiosk-token'), connect(url, 'demo-counter-token')]);
    let stop = false;
    const work = (async () => {
      for (let i = 0; !stop; i++) {
        try {
          const r = await kiosk.timeout(2000).emitWithAck('ticket:issue:v1', { serviceId: services[i % services.length]! });
          if (r.ok) acked.set(r.ticket.id, r.ticket.number);
          if (i % 3 === 2) {
            const c = await counter.timeout(2000).emitWithAck('counter:callNext:v1', { counterId: `seef-mall.counter-${1 + (i % 4)}` });
            if (c.ok && c.ticket) calledAcked.add(c.ticket.id);
          }
        } catch {
          return; // the server died mid-command: that command was not acknowledged
        }
      }
    })();
    await new Promise((r) => setTimeout(r, 150 + Math.random() * 350));
    server.kill('SIGKILL');
    await new Promise((r) => server.once('exit', r));
    stop = true;
    await work;
    kiosk.close();
    counter.close();

    server = await startServer(port);
    const store = Store.open(path.join(tmp.dir, 'branch.sqlite'));
    try {
      for (const [id, number] of acked) expect(store.tickets.get(id)?.number, `ticket ${number}`).toBe(number);
      for (const id of calledAcked) expect(store.tickets.get(id)?.calledAt).not.toBeNull();
      expect(store.census.duplicateNumbers()).toEqual([]);
      // The display reconnects by itself; once it holds the latest version it must equal the database.
      const latest = store.outbox.latestSeq();
      for (let i = 0; i < 200 && display.version !== latest; i++) await new Promise((r) => setTimeout(r, 25));
      expect(display.version).toBe(latest);
      const waiting = store.tickets.listByState('seef-mall', 'waiting');
      for (const [serviceId, n] of display.waiting) expect(n).toBe(waiting.filter((t) => t.serviceId === serviceId).length);
      const day = store.tickets.recentCalls('seef-mall', '2026-11-24', 8).map((c) => `${c.number}@${c.counterNumber}`);
      expect(display.recent).toEqual(day);
    } finally {
      store.close();
    }
  }
  } finally {
    display.socket.close();
    if (server.exitCode === null) {
      server.kill('SIGKILL');
      await new Promise((r) => server.once('exit', r));
    }
  }
  expect(acked.size).toBeGreaterThan(KILLS);
}, 240_000);
