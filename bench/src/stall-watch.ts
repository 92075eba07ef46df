/**
 * Finds where a benchmark stops: the main thread names the step it is in (`step()`), and a worker thread (its
 * own event loop, so it keeps running while the main one is blocked in a native call) reports
 * - a main event loop that has not turned for `blockedMs`: the step, and every native thread's stack (gdb, if
 *   installed), which shows the PC/SC or socket call it is blocked in;
 * - a step that has not changed for `stuckMs` while the loop turns: an await with no answer.
 * Reports go to stderr and to `reportFile`, once per stall.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

const NAME_BYTES = 240;

export interface StallWatch {
  /** Names the step the main thread is in now (what a stall report will name). */
  step(name: string): void;
  /** Stall reports so far (counted by the worker). */
  reports(): { blocked: number; stuck: number };
  stop(): Promise<void>;
}

/** Starts the watcher. `blockedMs`: loop not turning; `stuckMs`: same step while the loop turns. */
export function watchStalls(opts: { blockedMs?: number; stuckMs?: number; reportFile?: string } = {}): StallWatch {
  // [0] heartbeat counter, [1] step counter, [2] step name length, [3] blocked reports, [4] stuck reports
  const shared = new SharedArrayBuffer(5 * 4 + NAME_BYTES);
  const ints = new Int32Array(shared, 0, 5);
  const name = new Uint8Array(shared, 20, NAME_BYTES);
  const beat = setInterval(() => Atomics.add(ints, 0, 1), 100);
  beat.unref();
  // The worker runs plain JS (eval): a worker gets no TypeScript loader. `__name`: esbuild's keepNames helper.
  const source = [
    "const { workerData } = require('node:worker_threads');",
    "const { execFileSync } = require('node:child_process');",
    "const { appendFileSync } = require('node:fs');",
    `const NAME_BYTES = ${NAME_BYTES}; var __name = (f) => f;`,
    `(${watch.toString()})(workerData);`,
  ].join('\n');
  const worker = new Worker(source, {
    eval: true,
    workerData: { shared, blockedMs: opts.blockedMs ?? 3_000, stuckMs: opts.stuckMs ?? 12_000, reportFile: opts.reportFile ?? null, pid: process.pid },
  });
  worker.unref();
  return {
    step(text) {
      const bytes = Buffer.from(text).subarray(0, NAME_BYTES);
      name.fill(0);
      name.set(bytes);
      Atomics.store(ints, 2, bytes.length);
      Atomics.add(ints, 1, 1);
    },
    reports: () => ({ blocked: Atomics.load(ints, 3), stuck: Atomics.load(ints, 4) }),
    async stop() {
      clearInterval(beat);
      await worker.terminate();
    },
  };
}

/** The worker's side (its source is sent to the worker): polls the shared counters every 250 ms. */
async function watch(data: { shared: SharedArrayBuffer; blockedMs: number; stuckMs: number; reportFile: string | null; pid: number }): Promise<void> {
  const ints = new Int32Array(data.shared, 0, 5);
  const name = new Uint8Array(data.shared, 20, NAME_BYTES);
  const stepName = () => Buffer.from(name.subarray(0, Atomics.load(ints, 2))).toString();
  const report = (text: string) => {
    process.stderr.write(`${text}\n`);
    if (data.reportFile) appendFileSync(data.reportFile, `${new Date().toISOString()} ${text}\n`);
  };
  let lastBeat = Atomics.load(ints, 0);
  let beatAt = Date.now();
  let lastStep = Atomics.load(ints, 1);
  let stepAt = Date.now();
  let blockedReported = false;
  let stuckReported = false;
  for (;;) {
    await new Promise((r) => setTimeout(r, 250));
    const now = Date.now();
    const b = Atomics.load(ints, 0);
    const s = Atomics.load(ints, 1);
    if (b !== lastBeat) [lastBeat, beatAt, blockedReported] = [b, now, false];
    if (s !== lastStep) [lastStep, stepAt, stuckReported] = [s, now, false];
    if (!blockedReported && now - beatAt >= data.blockedMs) {
      blockedReported = true;
      Atomics.add(ints, 3, 1);
      let stacks = '(gdb not available)';
      try {
        stacks = execFileSync('gdb', ['-p', String(data.pid), '-batch', '-ex', 'thread apply all bt 12'], { encoding: 'utf8', timeout: 20_000, stdio: ['ignore', 'pipe', 'ignore'] });
        // The main thread (its LWP is the pid) and the threads in PC/SC calls; the rest is Node's own pool.
        const blocks = stacks.split(/\n(?=Thread \d+ )/).map((b) => b.split('\n').filter((l) => /^Thread|^#/.test(l)).join('\n'));
        stacks = blocks.filter((b) => b.includes(`LWP ${data.pid})`) || /SCard|pcsc|smartcard/i.test(b)).join('\n');
      } catch (e) {
        stacks = `(gdb failed: ${(e as Error).message})`;
      }
      report(`STALL: main event loop blocked ≥ ${data.blockedMs} ms in step "${stepName()}"; native stacks:\n${stacks}`);
    }
    if (!stuckReported && now - beatAt < data.blockedMs && now - stepAt >= data.stuckMs) {
      stuckReported = true;
      Atomics.add(ints, 4, 1);
      report(`STALL: step "${stepName()}" has not finished after ${Math.round((now - stepAt) / 1000)} s (event loop alive)`);
    }
  }
}
