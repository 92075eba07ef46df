/**
 * The staffing advice's worker thread (staffing-worker.ts): the simulation takes about 190 ms of CPU, which on the
 * branch server's event loop would hold up calls and display pushes. One computation at a time; the worker starts
 * on first use and stops after a while unused (its memory is given back); a worker that fails, exits or does not
 * answer in time rejects with StaffingUnavailable, never hangs, and the next request starts a fresh one.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import type { StaffingAdviceInput, StaffingView } from '@dawr/core/reports';

/** Why there is no advice: the worker took too long, failed, or the service was closed. */
export class StaffingUnavailable extends Error {
  constructor(
    readonly reason: 'timeout' | 'failed' | 'closed',
    detail = '',
  ) {
    super(`staffing advice unavailable (${reason})${detail ? `: ${detail}` : ''}`);
  }
}

/** What `new Worker` is given. */
export interface WorkerSpec {
  file: string | URL;
  options: WorkerOptions;
}

/**
 * Where the worker's code is: beside the running bundle as `staffing-worker.js` (scripts/bundle-node.ts writes it
 * next to any bundle that includes this file), or, running from the TypeScript sources (vitest, tsx), the source
 * loaded through tsx's API.
 */
export function staffingWorkerSpec(from: string = import.meta.url): WorkerSpec {
  if (from.endsWith('.ts')) {
    const source = new URL('./staffing-worker.ts', from).href;
    // tsx's ESM API (package export `tsx/esm/api`, import condition); a worker's `--import tsx` does not reach its entry on Node 20.
    const api = pathToFileURL(createRequire(from).resolve('tsx/package.json').replace(/package\.json$/, 'dist/esm/api/index.mjs')).href;
    return { file: `import(${JSON.stringify(api)}).then((m) => m.tsImport(${JSON.stringify(source)}, ${JSON.stringify(source)}))`, options: { eval: true } };
  }
  const bundled = new URL('./staffing-worker.js', from);
  if (!existsSync(fileURLToPath(bundled))) throw new StaffingUnavailable('failed', `worker bundle missing: ${fileURLToPath(bundled)}`);
  return { file: bundled, options: {} };
}

export interface StaffingThreadOptions {
  /** Longest wait for one computation (then the worker is stopped). */
  timeoutMs?: number;
  /** The worker stops after this long unused. */
  idleMs?: number;
  /** Where the worker comes from (tests give a broken one). */
  spec?: () => WorkerSpec;
}

interface Pending {
  id: number;
  resolve: (v: StaffingView) => void;
  reject: (e: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

export class StaffingThread {
  private worker: Worker | null = null;
  private pending: Pending | null = null;
  private idle: ReturnType<typeof setTimeout> | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private nextId = 1;
  private closed = false;
  private readonly timeoutMs: number;
  private readonly idleMs: number;
  private readonly spec: () => WorkerSpec;

  constructor(opts: StaffingThreadOptions = {}) {
    this.timeoutMs = opts.timeoutMs ?? 20_000;
    this.idleMs = opts.idleMs ?? 5 * 60_000;
    this.spec = opts.spec ?? (() => staffingWorkerSpec());
  }

  /** The advice computed on the worker; a second call waits for the first to finish. */
  compute(input: StaffingAdviceInput): Promise<StaffingView> {
    const run = this.queue.then(() => this.run(input));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Stops the worker; a computation in progress rejects, later ones too. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.idle) clearTimeout(this.idle);
    await this.stop(new StaffingUnavailable('closed'));
  }

  private run(input: StaffingAdviceInput): Promise<StaffingView> {
    if (this.closed) return Promise.reject(new StaffingUnavailable('closed'));
    if (this.idle) clearTimeout(this.idle);
    let worker: Worker;
    try {
      worker = this.worker ?? this.start();
    } catch (e) {
      return Promise.reject(e instanceof StaffingUnavailable ? e : new StaffingUnavailable('failed', (e as Error).message));
    }
    return new Promise<StaffingView>((resolve, reject) => {
      const id = this.nextId++;
      const timer = setTimeout(() => void this.stop(new StaffingUnavailable('timeout', `no answer within ${this.timeoutMs} ms`)), this.timeoutMs);
      this.pending = { id, resolve, reject, timer };
      try {
        worker.postMessage({ id, input });
      } catch (e) {
        // Input the worker cannot be sent: fail this run now, and leave no timer to fail a later one.
        clearTimeout(timer);
        this.pending = null;
        reject(new StaffingUnavailable('failed', (e as Error).message));
      }
    });
  }

  private start(): Worker {
    const { file, options } = this.spec();
    const w = new Worker(file, options);
    // An idle worker must not keep the process alive.
    w.unref();
    w.on('message', (m: { id: number; view?: StaffingView; error?: string }) => {
      const p = this.pending;
      if (!p || p.id !== m.id) return;
      this.pending = null;
      clearTimeout(p.timer);
      if (m.error !== undefined || !m.view) p.reject(new StaffingUnavailable('failed', m.error ?? 'no answer'));
      else p.resolve(m.view);
      this.idle = setTimeout(() => void this.stop(null), this.idleMs);
      this.idle.unref();
    });
    w.on('error', (e) => void this.stop(new StaffingUnavailable('failed', e.message)));
    w.on('exit', (code) => {
      if (this.worker === w) void this.stop(new StaffingUnavailable('failed', `worker exited (${code})`));
    });
    this.worker = w;
    return w;
  }

  /** Ends the worker, rejecting the computation in progress (if any) with `why`. */
  private async stop(why: StaffingUnavailable | null): Promise<void> {
    const p = this.pending;
    this.pending = null;
    if (p) {
      clearTimeout(p.timer);
      p.reject(why ?? new StaffingUnavailable('failed', 'stopped'));
    }
    const w = this.worker;
    this.worker = null;
    await w?.terminate();
  }
}
