/**
 * sync-catchup, on a real PostgreSQL (a throwaway cluster): a branch day worked offline (1 000 tickets, ~5 000+
 * events through the real queue service into a real SQLite file) → the time until the hub is consistent
 * (`catchup_ms`: the sync client pushing every batch over HTTP to the hub, which applies, projects and acks), beside
 * a bare batched INSERT of the same rows into the same database in the same run (`baseline_ms`, `ratio`). Then the
 * steady-state lag: a busy branch commits a change every 20 ms; for each, the time until the hub holds it
 * (`lag_p95_ms`). Targets: catchup_ms ≤ 1 000, ratio ≤ 5, lag_p95_ms ≤ 1 000.
 */
import path from 'node:path';
import { Store } from '@dawr/db';
import { QueueService, SyncClient, makeDownApplier, makeLogger, seedDemoBranch } from '@dawr/server';
import { createHub } from '@dawr/hub';
import { freePort } from '../../scripts/launch';
import { startPostgres } from '../../test/helpers/postgres';
import { log, percentile, round, tempDir } from './lib/util';

const BRANCH = 'seef-mall';
const START = Date.parse('2026-12-06T08:00:00+03:00');
const COUNTERS = [1, 2, 3, 4, 5].map((n) => `${BRANCH}.counter-${n}`);

/** A branch day: every ticket issued, called, recalled, started and finished; every fifth parked and returned. */
function workDay(queue: QueueService, tickets: number, tick: () => void): void {
  const actor = { deviceId: 'bench', clerkId: null };
  for (let i = 0; i < tickets; i++) {
    tick();
    queue.issue({ serviceId: `${BRANCH}.${['renewal', 'replacement', 'new-card'][i % 3]}`, requestId: `day-${i}` }, { deviceId: 'kiosk' });
    const counter = COUNTERS[i % COUNTERS.length]!;
    const t = queue.callNext(counter, actor);
    if (!t) continue;
    queue.act(counter, t.id, { kind: 'recall' }, actor);
    if (i % 5 === 0) {
      queue.act(counter, t.id, { kind: 'park' }, actor);
      queue.act(counter, t.id, { kind: 'return' }, actor);
    }
    queue.act(counter, t.id, { kind: 'start' }, actor);
    queue.act(counter, t.id, { kind: 'finish', outcome: 'served' }, actor);
  }
}

export async function run(): Promise<Record<string, unknown>> {
  const pg = await startPostgres();
  const tmp = tempDir('dawr-bench-sync-');
  const quiet = makeLogger('silent');
  let now = START;
  const clock = () => now;
  try {
    const hubPort = await freePort();
    const hub = await createHub({ database: { url: pg.createDatabase('hub_bench') }, port: hubPort, host: '127.0.0.1', sync: { perBranchPerMinute: 100_000 } });
    await hub.listen();
    const token = await hub.store.issueBranchCredential(BRANCH, START);

    const store = Store.open(path.join(tmp.dir, 'branch.sqlite'), START);
    seedDemoBranch(store, BRANCH);
    const queue = new QueueService(store, BRANCH, clock);
    log('working a branch day offline: 1 000 tickets…');
    workDay(queue, 1_000, () => (now += 15_000));
    const rows = store.sync.pending(100_000, Number.MAX_SAFE_INTEGER);
    const events = rows.length;
    log(`  ${events} outbox events`);

    const client = new SyncClient({
      hubUrl: `http://127.0.0.1:${hubPort}`, token, branchId: BRANCH, state: store.sync, clock, log: quiet,
      applyDown: makeDownApplier(store, BRANCH, { catalogueChanged: () => undefined }, quiet), idleMs: 1_000,
    });

    // Baseline: the same rows, batched the same way (1 000 a statement), inserted bare into the same database.
    await hub.store.sql.exec('CREATE TABLE bench_baseline (LIKE branch_events INCLUDING ALL)');
    const b0 = performance.now();
    for (let i = 0; i < rows.length; i += 1000) {
      const chunk = rows.slice(i, i + 1000).map((r) => ({ seq: r.seq, type: r.type, type_version: r.typeVersion, entity_id: r.entityId, payload: r.payload, created_at: r.createdAt }));
      await hub.store.sql.query(
        `INSERT INTO bench_baseline (branch_id, epoch, seq, type, type_version, entity_id, payload, created_at, received_at, known)
         SELECT $1, $2, x.seq, x.type, x.type_version, x.entity_id, x.payload, x.created_at, 0, true
         FROM jsonb_to_recordset($3::jsonb) AS x(seq bigint, type text, type_version int, entity_id text, payload jsonb, created_at bigint)
         ON CONFLICT DO NOTHING`,
        [BRANCH, rows[0]!.epoch, JSON.stringify(chunk)],
      );
    }
    const baselineMs = performance.now() - b0;

    log('catching up…');
    const c0 = performance.now();
    await client.syncOnce();
    const catchupMs = performance.now() - c0;
    const [cursor] = await hub.store.cursors(BRANCH);
    if (cursor?.ackedSeq !== store.outbox.latestSeq()) throw new Error(`hub not consistent: acked ${cursor?.ackedSeq}, branch at ${store.outbox.latestSeq()}`);
    log(`  catch-up ${round(catchupMs, 1)} ms, bare insert ${round(baselineMs, 1)} ms`);

    log('steady state: a change every 20 ms for 8 s…');
    const committedAt = new Map<number, number>();
    queue.listen({ called: () => undefined, queueChanged: (version) => {
      committedAt.set(version, performance.now());
      client.nudge();
    } });
    client.start();
    const lags: number[] = [];
    let seen = store.outbox.latestSeq();
    const poll = setInterval(() => {
      void hub.store.cursors(BRANCH).then((cs) => {
        const acked = Math.max(...cs.map((c) => c.ackedSeq));
        const t = performance.now();
        for (let s = seen + 1; s <= acked; s++) {
          const at = committedAt.get(s);
          if (at !== undefined) lags.push(t - at);
        }
        seen = Math.max(seen, acked);
      });
    }, 5);
    // Issues alternate with calls and finishes, so the queue stays short (a waiting list that only grows would
    // soon be refused for running past closing time, which is not what this measures).
    const actor = { deviceId: 'bench', clerkId: null };
    for (let i = 0; i < 400; i++) {
      now += 1_000;
      if (i % 2 === 0) queue.issue({ serviceId: `${BRANCH}.renewal`, requestId: `busy-${i}` }, { deviceId: 'kiosk' });
      else {
        const counter = COUNTERS[i % COUNTERS.length]!;
        const t = queue.callNext(counter, actor);
        if (t) {
          queue.act(counter, t.id, { kind: 'start' }, actor);
          queue.act(counter, t.id, { kind: 'finish', outcome: 'served' }, actor);
        }
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    const until = Date.now() + 10_000;
    while (seen < store.outbox.latestSeq() && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
    clearInterval(poll);
    await client.stop();
    const lagP95 = percentile(lags, 95);
    store.close();
    await hub.close();

    const ratio = catchupMs / baselineMs;
    const result = {
      bench: 'sync-catchup',
      engine: 'postgres',
      tickets: 1_000,
      events,
      catchup_ms: round(catchupMs, 1),
      baseline_ms: round(baselineMs, 1),
      ratio: round(ratio, 2),
      lag_samples: lags.length,
      lag_p50_ms: round(percentile(lags, 50), 1),
      lag_p95_ms: round(lagP95, 1),
      targets: { catchup_ms: 1_000, ratio: 5, lag_p95_ms: 1_000 },
    };
    return { ...result, meets_target: catchupMs <= 1_000 && ratio <= 5 && lagP95 <= 1_000 };
  } finally {
    pg.stop();
    tmp.cleanup();
  }
}
