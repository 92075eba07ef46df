/**
 * Child process of `call-latency`: a real branch server (demo Seef Mall) on a free loopback port with a
 * throwaway data dir, widened to COUNTERS counters that each serve every service.
 * IPC out: `{type:'ready', port, counterIds, serviceIds, dataDir}`.
 * IPC in: `issue` {count} (walk-ins issued in-process over every service; answers `issued` with their
 * track tokens), `rss` {settleMs} (memory after a full GC, and after settleMs without calls), `reset-timings`
 * / `timings` (server-side durations of the calls in between), `cpu` (its CPU usage),
 * `profile-start` / `profile-stop` (a CPU profile summary of the server in between), and `stop` (or the
 * parent going away): close the server, remove the data dir, exit.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { getHeapSpaceStatistics, setFlagsFromString, writeHeapSnapshot } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createBranchServer, loadConfig } from '@dawr/server';
import { startProfiling, type ProfileSummary } from '../lib/profile';
import { onParentStop, tempDir } from '../lib/util';

const COUNTERS = Number(process.env.BENCH_COUNTERS ?? 30);
const BRANCH = 'seef-mall';

const tmp = tempDir('dawr-bench-call-');
const server = createBranchServer(
  loadConfig({
    DAWR_DATA_DIR: tmp.dir,
    DAWR_PORT: '0',
    DAWR_HOST: '127.0.0.1',
    DAWR_START_TIME: '2026-11-24T09:00:00+03:00',
    // Errors only (a failing command is logged here; this child's stdout goes to the bench's stderr).
    DAWR_LOG_LEVEL: 'error',
    // The kiosk's issue rate limit (default 20 a minute) would stop the set-up's hundreds of tickets.
    DAWR_ISSUE_RATE_LIMIT: '1000000',
  }),
);

onParentStop(async () => {
  await server.close();
  tmp.cleanup();
});

// A day of many thousand tickets needs more services than the seed's (each numbers at most 999 a day):
// add services with the unused prefix letters, as many as BENCH_SERVICES asks for.
const SERVICES = Number(process.env.BENCH_SERVICES ?? 0);
const seeded = server.store.config.listServices(BRANCH);
const freeLetters = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'].filter((l) => !seeded.some((s) => s.prefix === l));
server.store.tx(() => {
  // Thousands waiting at once would be refused as past closing time by the seed's typical durations;
  // without them the estimate starts from the calls the bench makes.
  for (const svc of seeded) server.store.config.upsertService({ ...svc, typicalServiceMin: null });
  for (let n = seeded.length; n < SERVICES && freeLetters.length; n++) {
    const prefix = freeLetters.shift()!;
    server.store.config.upsertService({
      ...seeded[0]!,
      id: `${BRANCH}.bench-${prefix}`,
      code: `bench-${prefix}`,
      prefix,
      name: { ar: `خدمة ${prefix}`, en: `Service ${prefix}` },
      dailyCap: null,
      typicalServiceMin: null,
      sortOrder: 100 + n,
    });
  }
});

// The demo seed has 5 counters; add the rest through the config repo, every counter serving every
// service (a seeded counter that serves a few would find nobody left in them over a long run), then let
// the queue service re-read its configuration (the clean way the server offers).
const serviceIds = server.store.config.listServices(BRANCH).map((s) => s.id);
const existing = server.store.config.listCounters(BRANCH);
const everyService = serviceIds.map((serviceId, position) => ({ serviceId, position, weight: 1 }));
server.store.tx(() => {
  for (const c of existing) server.store.config.upsertCounter({ ...c, open: true, profile: everyService });
  for (let n = existing.length + 1; n <= COUNTERS; n++) {
    server.store.config.upsertCounter({
      id: `${BRANCH}.counter-${n}`,
      branchId: BRANCH,
      number: n,
      name: { ar: `كاونتر ${n}`, en: `Counter ${n}` },
      open: true,
      profile: everyService,
    });
  }
});
server.queue.reloadConfig();
const counterIds = server.store.config.listCounters(BRANCH).map((c) => c.id);

// Bench-side timing of the server's own share of each call (no server code changed): the whole
// QueueService.callNext (transaction + pushes handed to socket.io + the ack's projection) and, inside it,
// the store transaction alone (SQL + the synchronous=FULL commit).
const timings = { callNext: [] as number[], tx: [] as number[], marks: [] as [number, number, number][] };
/** The running call's marks on the machine's clock: callNext entered, transaction committed, displays written. */
let mark: [number, number, number] = [0, 0, 0];
const now = () => performance.timeOrigin + performance.now();
let inCall = false;
let stopProfiling: (() => Promise<ProfileSummary>) | null = null;
const callNext = server.queue.callNext.bind(server.queue);
server.queue.callNext = (...args: Parameters<typeof callNext>) => {
  const t0 = performance.now();
  mark = [now(), 0, 0];
  inCall = true;
  try {
    return callNext(...args);
  } finally {
    inCall = false;
    timings.callNext.push(performance.now() - t0);
    timings.marks.push(mark);
  }
};
const tx = server.store.tx.bind(server.store);
server.store.tx = <T>(fn: () => T): T => {
  if (!inCall) return tx(fn);
  const t0 = performance.now();
  try {
    return tx(fn);
  } finally {
    timings.tx.push(performance.now() - t0);
    mark[1] = now();
  }
};
// Listeners hear a commit in the order they were added: this one, added after the socket layer's, runs
// once the call has been handed to every display's socket.
server.queue.listen({
  called: () => {
    if (inCall) mark[2] = now();
  },
  queueChanged: () => undefined,
});
let issued = 0;
/** Issues `count` walk-ins in-process (a kiosk's issue without the socket), over every service in turn. */
function issueDay(count: number): string[] {
  const tokens: string[] = [];
  for (let i = 0; i < count; i++, issued++) {
    tokens.push(server.queue.issue({ serviceId: serviceIds[issued % serviceIds.length]! }, { deviceId: 'bench' }).trackToken);
  }
  return tokens;
}
/** A full garbage collection. */
function collect(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

/** Pages a collection freed leave the resident set only once V8's background thread has given them back. */
const UNMAP_MS = 1_000;

/**
 * The resident set size in MB, with the JS heap (used and reserved), external memory, and the resident
 * set split into anonymous memory and mapped files (node's own code and data). Read first, before the
 * optional diagnostics (which allocate).
 */
function memoryMb(): { mb: number; heapMb: number; heapTotalMb: number; externalMb: number; anonMb: number; fileMb: number } {
  const m = process.memoryUsage();
  const status = readFileSync('/proc/self/status', 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) / 1024;
  const out = {
    mb: m.rss / 2 ** 20,
    heapMb: m.heapUsed / 2 ** 20,
    heapTotalMb: m.heapTotal / 2 ** 20,
    externalMb: (m.external + m.arrayBuffers) / 2 ** 20,
    anonMb: kb('RssAnon'),
    fileMb: kb('RssFile'),
  };
  if (process.env.BENCH_HEAP_SNAPSHOT) writeHeapSnapshot(process.env.BENCH_HEAP_SNAPSHOT);
  if (process.env.BENCH_MEM_DETAIL) {
    const spaces = getHeapSpaceStatistics().map((x) => `${x.space_name} ${(x.physical_space_size / 2 ** 20).toFixed(1)}/${(x.space_used_size / 2 ** 20).toFixed(1)}`);
    process.stderr.write(`heap spaces (resident/used MB): ${spaces.join(', ')}\n`);
    // The largest resident mappings, to tell the JS heap from malloc, thread stacks and mapped code.
    const regions = readFileSync('/proc/self/smaps', 'utf8').split(/\n(?=[0-9a-f]+-[0-9a-f]+ )/).map((r) => {
      const head = r.split('\n', 1)[0]!;
      return { name: head.split(/\s+/)[5] ?? '[anon]', kb: Number(/^Rss:\s+(\d+)/m.exec(r)?.[1] ?? 0), size: head.split(' ')[0] };
    });
    const top = regions.sort((a, b) => b.kb - a.kb).slice(0, 15).map((r) => `${(r.kb / 1024).toFixed(1)} ${r.name || '[anon]'} ${r.size}`);
    process.stderr.write(`largest resident mappings (MB): ${top.join('; ')}\n`);
  }
  return out;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Memory after a full collection (`unsettledMb`), and after `settleMs` more without calls and another
 * collection: V8 gives back the pages a busy spell left committed (its young generation shrinks to
 * 1 MB) only some seconds after it, as it would between calls on a branch.
 */
async function settledMemory(settleMs: number) {
  collect();
  await sleep(UNMAP_MS);
  const first = memoryMb();
  if (!settleMs) return { ...first, unsettledMb: first.mb };
  await sleep(settleMs);
  collect();
  await sleep(UNMAP_MS);
  return { ...memoryMb(), unsettledMb: first.mb };
}

process.on('message', (m: unknown) => {
  const type = (m as { type?: string }).type;
  if (type === 'issue') {
    const count = (m as { count: number }).count;
    process.send!({ type: 'issued', tokens: issueDay(count) });
  } else if (type === 'rss') {
    void settledMemory((m as { settleMs?: number }).settleMs ?? 0).then((mem) => process.send!({ type: 'rss', ...mem }));
  } else if (type === 'reset-timings') {
    timings.callNext.length = 0;
    timings.tx.length = 0;
    timings.marks.length = 0;
    process.send!({ type: 'timings-reset' });
  } else if (type === 'timings') {
    process.send!({ type: 'timings', ...timings });
  } else if (type === 'cpu') {
    process.send!({ type: 'cpu', usage: process.cpuUsage() });
  } else if (type === 'profile-start') {
    const dir = process.env.BENCH_CPUPROF_DIR;
    void startProfiling(15, undefined, dir ? path.join(dir, 'dawr-server.cpuprofile') : undefined).then((stop) => {
      stopProfiling = stop;
      process.send!({ type: 'profile-started' });
    });
  } else if (type === 'profile-stop' && stopProfiling) {
    void stopProfiling().then((summary) => process.send!({ type: 'profile', summary }));
    stopProfiling = null;
  }
});

const port = await server.listen();
process.send!({ type: 'ready', port, counterIds, serviceIds, dataDir: tmp.dir });
