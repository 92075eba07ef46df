/**
 * booking-contention, on real PostgreSQL (a throwaway cluster): two hub processes, 1 000 booking requests at once
 * for the last 10 seats of a slot through the portal API (test/helpers/booking-contention.ts). Prints `booked`
 * (must be exactly 10), `requests_per_s`, and the same run's bare baseline: the same number of conditional
 * `UPDATE … SET booked = booked + 1 WHERE booked < seats` through `pg` on the same database at the same concurrency,
 * run right after each rush; `ratio` = requests_per_s / baseline, the median of the rounds (target ≥ 0.3). And `portal_js_gz_kb`: the most JavaScript any portal page
 * loads first (its route's chunks and everything they import, each file gzipped), target ≤ 50.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { rush, RUSH } from '../../test/helpers/booking-contention';
import { startPostgres } from '../../test/helpers/postgres';
import { buildApps } from '../../scripts/build-apps';
import { log, round } from './lib/util';

const ROOT = path.resolve(import.meta.dirname, '../..');

type Manifest = Record<string, { file: string; imports?: string[] }>;

/** First-load JS per portal page (KB gzipped): the kit entry, the root layout, the page, and their static imports. */
export function portalFirstLoadKb(): Record<string, number> {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'portal/.svelte-kit/output/client/.vite/manifest.json'), 'utf8')) as Manifest;
  const keys = Object.keys(manifest).filter((k) => manifest[k]!.file.endsWith('.js'));
  const closure = (key: string, files: Set<string>) => {
    const entry = manifest[key];
    if (!entry || files.has(entry.file)) return;
    files.add(entry.file);
    for (const i of entry.imports ?? []) closure(i, files);
  };
  const base = keys.filter((k) => /kit\/src\/runtime\/client\/entry\.js$|client-optimized\/app\.js$|client-optimized\/nodes\/0\.js$/.test(k));
  const app = readFileSync(path.join(ROOT, 'portal/.svelte-kit/generated/client-optimized/app.js'), 'utf8');
  const routes = [...app.matchAll(/"(\/[^"]*)": \[(\d+)\]/g)].map((m) => ({ route: m[1]!, node: m[2]! }));
  const out: Record<string, number> = {};
  for (const { route, node } of routes) {
    const files = new Set<string>();
    for (const k of base) closure(k, files);
    closure(keys.find((k) => k.endsWith(`client-optimized/nodes/${node}.js`))!, files);
    const bytes = [...files].reduce((sum, f) => sum + gzipSync(readFileSync(path.join(ROOT, 'portal/build', f)), { level: 9 }).length, 0);
    out[route] = round(bytes / 1024, 1);
  }
  return out;
}

/** Rounds of rush + baseline (each on a fresh slot and a reset row); BENCH_ROUNDS overrides. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function run(): Promise<Record<string, unknown>> {
  log('building the portal if it changed…');
  if (!(await buildApps({ apps: ['portal'], say: log }))) throw new Error('the portal did not build');
  const firstLoad = portalFirstLoadKb();
  const portalJs = Math.max(...Object.values(firstLoad));
  log(`  first-load JS (KB gz) per page: ${JSON.stringify(firstLoad)}`);

  const pg = await startPostgres();
  try {
    log(`two hub processes on one PostgreSQL; ${ROUNDS} rounds of the rush, each followed by the bare baseline…`);
    const r = await rush(pg.createDatabase('bench_rush'), ROUNDS, log);
    const wanted = RUSH.seats - RUSH.taken;
    const ratios = r.rounds.map((x) => x.requestsPerS / x.bare.requestsPerS);
    const ratio = median(ratios);
    const allBooked = r.rounds.every((x) => x.booked === wanted && x.bare.booked === 10);
    return {
      bench: 'booking-contention',
      booked: Math.max(...r.rounds.map((x) => x.booked)),
      booked_per_round: r.rounds.map((x) => x.booked),
      requests: RUSH.requests,
      hubs: 2,
      requests_per_s: round(median(r.rounds.map((x) => x.requestsPerS)), 1),
      baseline_requests_per_s: round(median(r.rounds.map((x) => x.bare.requestsPerS)), 1),
      ratio: round(ratio, 3),
      ratio_per_round: ratios.map((x) => round(x, 3)),
      double_booked: r.census.doubleBooked,
      portal_js_gz_kb: portalJs,
      portal_js_gz_kb_by_page: firstLoad,
      target: { booked: wanted, ratio_min: 0.3, portal_js_gz_kb_max: 50 },
      meets_target: allBooked && r.census.doubleBooked === 0 && ratio >= 0.3 && portalJs <= 50,
    };
  } finally {
    pg.stop();
  }
}
