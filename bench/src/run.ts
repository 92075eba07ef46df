/**
 * Benchmark runner: `npm run bench -- NAME` (node --import tsx bench/src/run.ts NAME).
 * Each benchmark prints progress, then as its LAST stdout line one JSON object with its figures, its
 * ratio against a baseline measured in the same run, the target, and `meets_target`. A missed target
 * still exits 0 (the JSON says so); a benchmark that fails to run prints `{"bench", "error", ...}` and
 * exits 1. A watchdog stops any benchmark that runs away.
 */
import { emitResult, runExitCleanups } from './lib/util';

/** `watchdogS`: a bench that needs longer than the default watchdog (180 s) says so. */
const BENCHES: Record<string, { about: string; watchdogS?: number; load: () => Promise<{ run: () => Promise<Record<string, unknown>> }> }> = {
  'call-latency': {
    about: 'callNext → last of 200 displays has ticket:called:v2, vs a bare ws broadcast (ratio_p99 ≤ 1.2)',
    load: () => import('./call-latency'),
  },
  'browser-latency': {
    about: 'Chromium: click "Call next" → display DOM shows it (p95 ≤ 100 ms, display JS ≤ 60 KB gz) vs a bare ws page',
    load: () => import('./browser-latency'),
  },
  kiosk: {
    about: 'virtual card inserted → test printer has the whole job, 50 runs (p95 ≤ 1.1× the bare PC/SC read, render ≤ 50 ms) + bare PC/SC read and TCP write',
    load: () => import('./kiosk'),
  },
  'sync-catchup': {
    about: 'real PostgreSQL: a day offline (1 000 tickets) → hub consistent vs a bare batched insert (≤ 1 s, ratio ≤ 5); lag p95 ≤ 1 s',
    load: () => import('./sync-catchup'),
  },
  'card-soak': {
    about: '500 virtual-card insert/read/remove cycles through pcscd and the kiosk reader service (0 stuck, right CPR each time)',
    watchdogS: 1_200,
    load: () => import('./card-soak'),
  },
  'booking-contention': {
    about: 'real PostgreSQL, two hubs: 1 000 portal bookings at once for 10 seats → exactly 10, vs bare conditional UPDATEs (ratio ≥ 0.3); portal first-load JS ≤ 50 KB gz',
    load: () => import('./booking-contention'),
  },
  reports: {
    about: 'a branch year (250 000 tickets, 1.5 M events) → month report (≤ 500 ms) and today dashboard (≤ 50 ms) through ReportsService',
    watchdogS: 900,
    load: () => import('./reports'),
  },
  'issue-rate': {
    about: 'durable tickets/s through QueueService.issue vs raw better-sqlite3 inserts (ratio ≥ 0.8)',
    load: () => import('./issue-rate'),
  },
};

/** BENCH_WATCHDOG_S raises it for long runs (e.g. call-latency with BENCH_GROWTH_CALLS=10000). */
const WATCHDOG_MS = Number(process.env.BENCH_WATCHDOG_S ?? 180) * 1000;

const name = process.argv[2];
const list = Object.entries(BENCHES)
  .map(([n, b]) => `  ${n.padEnd(14)} ${b.about}`)
  .join('\n');

if (!name || !(name in BENCHES)) {
  process.stderr.write(
    `${name ? `unknown benchmark "${name}"` : 'no benchmark named'}; choose one of:\n${list}\n` +
      'usage: npm run bench -- NAME\n',
  );
  process.exit(2);
}

const fail = (error: string): void => {
  runExitCleanups();
  emitResult({ bench: name, error, meets_target: false });
};

for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => {
    fail(`interrupted (${sig})`);
    process.exit(130);
  });
}

const watchdogMs = Math.max(WATCHDOG_MS, (BENCHES[name]!.watchdogS ?? 0) * 1000);
const watchdog = setTimeout(() => {
  fail(`did not finish within ${watchdogMs / 1000} s`);
  process.exit(1); // forked servers see the IPC channel close and clean up after themselves
}, watchdogMs);
watchdog.unref();

try {
  const { run } = await BENCHES[name]!.load();
  const result = await run();
  clearTimeout(watchdog);
  emitResult(result);
} catch (e) {
  clearTimeout(watchdog);
  fail(e instanceof Error ? e.message : String(e));
  process.exitCode = 1;
}

// Everything is closed by now; if a handle the code under test left open keeps the process alive, end it.
setTimeout(() => {
  process.stderr.write('bench: something kept the process alive after the run; exiting\n');
  process.exit();
}, 3_000).unref();
