/**
 * The branch server as a real process, SIGKILLed ten times in the middle of syncing with a real hub process on a
 * real PostgreSQL, while a kiosk issues tickets and a counter calls them. A proxy between the two catches one
 * batch a round and the branch is killed while it waits on it:
 *  - even rounds, the hub never saw the batch: a branch that marked rows acknowledged before the hub committed
 *    them would never send them again (the hub waits at the gap for ever);
 *  - odd rounds, the hub committed the batch but its answer never came: a branch that re-sent those changes under
 *    new seqs would give the hub each of them twice.
 * After each restart the branch resumes where its database says. At the end the hub's log equals the branch's
 * outbox seq by seq, each ticket's history at the hub equals the branch's own record of it (ticket_events, written
 * beside the outbox row), and the hub's projection of the day equals the branch's tickets.
 */
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TICKET_STATES, type Ticket } from '@dawr/core';
import { Store } from '@dawr/db';
import { HubStore, demoSyncToken } from '@dawr/hub';
import { freePort } from '../../scripts/launch';
import { connect, OPEN_TIME } from '../helpers/branch';
import { startPostgres, type TestPostgres } from '../helpers/postgres';
import { killHard, startBranchProcess, startHubProcess, stopGently } from '../helpers/processes';
import { startSyncProxy, type Caught, type SyncProxy } from '../helpers/sync-proxy';
import { tempDir } from '../helpers/tmp';

const BRANCH = 'seef-mall';
const DAY = OPEN_TIME.slice(0, 10);
const KILLS = 10;
const SERVICES = ['new-card', 'renewal', 'collection'].map((s) => `${BRANCH}.${s}`);

/** A kiosk issuing and a counter calling, as fast as the branch answers, until stopped or the branch dies. */
function startWork(url: string, acked: Map<string, string>) {
  let stopped = false;
  let issued = 0;
  let failed: unknown = null;
  const running = (async () => {
    const [kiosk, counter] = await Promise.all([connect(url, 'demo-kiosk-token'), connect(url, 'demo-counter-token')]);
    try {
      for (let i = 0; !stopped; i++) {
        const r = await kiosk.timeout(2_000).emitWithAck('ticket:issue:v1', { serviceId: SERVICES[i % SERVICES.length]! });
        if (!r.ok) throw new Error(`issue refused: ${r.code}`);
        acked.set(r.ticket.id, r.ticket.number);
        issued += 1;
        // A call finishes the counter's previous visitor, so the queue stays short of closing time.
        const c = await counter.timeout(2_000).emitWithAck('counter:callNext:v1', { counterId: `${BRANCH}.counter-${1 + (i % 4)}` });
        if (!c.ok) throw new Error(`call refused: ${c.code}`);
      }
    } catch (e) {
      // Killed mid-command: that command was not acknowledged. Anything else is a failure.
      if (!stopped) failed = e;
    } finally {
      kiosk.close();
      counter.close();
    }
  })();
  return {
    issued: () => {
      if (failed) throw failed;
      return issued;
    },
    /** Ends the work while `during` runs (the branch is killed: a command cut short is not a failure). */
    stop: async (during: () => Promise<void> = async () => undefined) => {
      stopped = true;
      await during();
      await running;
      if (failed) throw failed;
    },
  };
}

/** Polls `check` until it holds; fails with `what` (and the last value seen) after `limitMs`. */
async function until<T>(what: string, read: () => Promise<T>, check: (v: T) => boolean, limitMs = 20_000): Promise<T> {
  const end = Date.now() + limitMs;
  for (;;) {
    const v = await read();
    if (check(v)) return v;
    if (Date.now() > end) throw new Error(`${what}: still ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Every ticket of the branch, by id. */
function allTickets(store: Store): Ticket[] {
  return TICKET_STATES.flatMap((s) => store.tickets.listByState(BRANCH, s)).sort((a, b) => (a.id < b.id ? -1 : 1));
}

describe('branch process killed in the middle of syncing with a hub process on PostgreSQL', () => {
  let pg: TestPostgres;
  let hub: ChildProcess | null = null;
  let branch: ChildProcess | null = null;
  let proxy: SyncProxy | null = null;
  let hubStore: HubStore | null = null;
  const tmp = tempDir('dawr-branch-kill-');

  beforeAll(async () => {
    pg = await startPostgres();
  }, 120_000);
  afterAll(async () => {
    if (branch) await killHard(branch);
    if (hub) await killHard(hub);
    await proxy?.close();
    await hubStore?.close();
    pg?.stop();
    tmp.cleanup();
  });

  it(`loses nothing and sends nothing twice across ${KILLS} SIGKILLs of the branch`, async () => {
    const url = pg.createDatabase('branch_kill');
    const hubPort = await freePort();
    hub = await startHubProcess(hubPort, url);
    proxy = await startSyncProxy(hubPort);
    hubStore = await HubStore.open({ url });
    const hubAcked = async () => (await hubStore!.cursors(BRANCH))[0]?.ackedSeq ?? 0;
    const port = await freePort();
    const branchUrl = `http://127.0.0.1:${port}`;
    const env = {
      DAWR_DATA_DIR: tmp.dir,
      DAWR_PORT: String(port),
      DAWR_HOST: '127.0.0.1',
      DAWR_START_TIME: OPEN_TIME,
      DAWR_LOG_LEVEL: 'error',
      DAWR_ISSUE_RATE_LIMIT: '100000',
      DAWR_HUB_URL: proxy.url,
      DAWR_HUB_TOKEN: demoSyncToken(BRANCH),
    };
    const outboxDepth = async () => ((await (await fetch(`${branchUrl}/healthz`)).json()) as { sync: { outboxDepth: number } }).sync.outboxDepth;
    const acked = new Map<string, string>();
    const caught: Caught[] = [];
    branch = await startBranchProcess(env);

    for (let round = 0; round < KILLS; round++) {
      const work = startWork(branchUrl, acked);
      await until('tickets issued this round', async () => work.issued(), (n) => n >= 8);
      const mode = round % 2 === 0 ? 'drop' : 'answered';
      const got = await proxy.catchNextBatch(mode);
      if (mode === 'drop') {
        // Everything before this round was acknowledged: the caught changes are new to the hub.
        expect(await hubAcked()).toBeLessThan(Math.min(...got.seqs));
      } else {
        // The hub committed the whole batch; only its answer is lost.
        expect(got.ack!.ackedSeq).toBeGreaterThanOrEqual(Math.max(...got.seqs));
      }
      caught.push(got);
      const dying = branch;
      await work.stop(() => killHard(dying));

      branch = await startBranchProcess(env);
      // It resumes from its database: the caught changes reach the hub, and the branch hears they did.
      await until(`round ${round}: the hub holds the caught seqs`, hubAcked, (seq) => seq >= Math.max(...got.seqs));
      await until(`round ${round}: the branch's outbox drains`, outboxDepth, (d) => d === 0);
    }

    const last = startWork(branchUrl, acked);
    await until('tickets issued after the last restart', async () => last.issued(), (n) => n >= 8);
    await last.stop();
    await until('the outbox drains', outboxDepth, (d) => d === 0);
    await stopGently(branch);
    branch = null;

    expect(caught.map((c) => c.mode)).toEqual(Array.from({ length: KILLS }, (_, i) => (i % 2 === 0 ? 'drop' : 'answered')));
    const store = Store.open(path.join(tmp.dir, 'branch.sqlite'));
    try {
      const outbox = store.outbox.after(0, 1_000_000);
      const log = await hubStore.eventLog(BRANCH);
      // One epoch, every seq once, each with the branch's content.
      expect(new Set(log.map((e) => e.epoch))).toEqual(new Set([store.outbox.epoch]));
      expect(await hubAcked()).toBe(store.outbox.latestSeq());
      expect(log.map(({ seq, type, entityId, payload }) => ({ seq, type, entityId, payload }))).toEqual(
        outbox.map(({ seq, type, entityId, payload }) => ({ seq, type, entityId, payload })),
      );
      // Each ticket's history at the hub is the branch's own record of it: no change twice, none missing.
      const tickets = allTickets(store);
      const history = new Map<string, string[]>();
      for (const e of log) if (e.type.startsWith('ticket.')) history.set(e.entityId, [...(history.get(e.entityId) ?? []), e.type]);
      expect([...history.keys()].sort()).toEqual(tickets.map((t) => t.id));
      for (const t of tickets) expect(history.get(t.id), `ticket ${t.number}`).toEqual(store.tickets.eventTypes(t.id).map((type) => `ticket.${type}`));
      // The hub's projection of the day equals the branch's tickets; every ticket a kiosk was given is there.
      const projected = await hubStore.tickets(BRANCH, DAY);
      const view = (t: Pick<Ticket, 'id' | 'number' | 'counterId' | 'arrivedAt' | 'calledAt' | 'endedAt'> & { state: string }) => ({
        id: t.id, number: t.number, state: t.state, counterId: t.counterId, arrivedAt: t.arrivedAt, calledAt: t.calledAt, endedAt: t.endedAt,
      });
      expect(projected.map(view)).toEqual(tickets.map(view));
      const numbers = new Map(projected.map((t) => [t.id, t.number]));
      for (const [id, number] of acked) expect(numbers.get(id), `ticket ${number}`).toBe(number);
      expect(acked.size).toBeGreaterThanOrEqual(8 * (KILLS + 1));
    } finally {
      store.close();
    }
  }, 120_000);
});
