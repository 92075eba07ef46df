/**
 * The memory phase of `call-latency`: the branch server's resident set with every client connected and
 * the day's tickets, once it has been busy (`warmup` calls back to back: the first busy spell fills
 * SQLite's page cache and the allocators' pools, a few MB that then stay level), then its growth over
 * `growthCalls` more calls like them. Each reading is taken by the server after a full collection and
 * `settleMs` without calls (see dawr-server.ts).
 */
import type { ChildProcess } from 'node:child_process';
import { log, nextMessage, round } from '../lib/util';

export interface Memory {
  type: 'rss';
  mb: number;
  unsettledMb: number;
  heapMb: number;
  heapTotalMb: number;
  externalMb: number;
  anonMb: number;
  fileMb: number;
}

/** Reads the server's memory before and after the growth calls, and logs both. */
export async function measureMemory(
  server: ChildProcess,
  call: () => Promise<unknown>,
  opts: { warmup: number; growthCalls: number; settleMs: number; targetMb: number; targetGrowthMb: number },
): Promise<{ before: Memory; after: Memory }> {
  const memoryOf = () => {
    server.send({ type: 'rss', settleMs: opts.settleMs });
    return nextMessage<Memory>(server, 'rss', opts.settleMs + 15_000);
  };
  for (let i = 0; i < opts.warmup; i++) await call();
  const before = await memoryOf();
  const started = performance.now();
  // BENCH_GROWTH_EVERY=n logs the memory every n calls too (to tell a plateau from a leak).
  const every = Number(process.env.BENCH_GROWTH_EVERY ?? 0);
  for (let i = 0; i < opts.growthCalls; i++) {
    await call();
    if (every && (i + 1) % every === 0 && i + 1 < opts.growthCalls) {
      const m = await memoryOf();
      log(`after ${i + 1} growth calls: RSS ${round(m.mb, 1)} MB (${round(m.mb - before.mb, 1)}), anonymous ${round(m.anonMb, 1)}, JS heap ${round(m.heapMb, 1)}`);
    }
  }
  const after = await memoryOf();
  const [b, a] = [before, after];
  log(
    `server RSS ${round(b.mb, 1)} MB (target ≤ ${opts.targetMb}); growth over ${opts.growthCalls} calls ` +
      `${round(a.mb - b.mb, 1)} MB (target ≤ ${opts.targetGrowthMb}), ${round((performance.now() - started) / 1000, 1)} s; ` +
      `JS heap ${round(b.heapMb, 1)} → ${round(a.heapMb, 1)} MB (reserved ${round(b.heapTotalMb, 1)} → ${round(a.heapTotalMb, 1)}), ` +
      `external ${round(b.externalMb, 1)} → ${round(a.externalMb, 1)} MB; resident: anonymous ${round(b.anonMb, 1)} → ${round(a.anonMb, 1)} MB, ` +
      `mapped files ${round(b.fileMb, 1)} → ${round(a.fileMb, 1)} MB; RSS before the ${opts.settleMs / 1000} s without calls: ` +
      `${round(b.unsettledMb, 1)} → ${round(a.unsettledMb, 1)} MB`,
  );
  return { before, after };
}
