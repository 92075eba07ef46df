/** Shared helpers for the benchmarks: percentiles, temp dirs, the final JSON line, forked children. */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Nearest-rank percentile (p in 0..100) of unsorted samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

export function mean(samples: readonly number[]): number {
  return samples.reduce((s, x) => s + x, 0) / samples.length;
}

/** Rounds for printing: `digits` decimals. */
export const round = (x: number, digits = 3): number => Number(x.toFixed(digits));

/** A throwaway directory under the OS temp dir (a real disk here, so fsync costs what it costs). */
export function tempDir(prefix: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Progress for humans: stdout, never the last line (that is the JSON result). */
export function log(msg: string): void {
  process.stdout.write(`${msg}\n`);
}

/** The benchmark's result: exactly one JSON object, the last line of stdout. */
export function emitResult(result: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

/**
 * Forks a TypeScript module as a child process with an IPC channel. The child gets the tsx loader
 * (`--import tsx`) whether or not the parent's execArgv carries it; its stdout (e.g. server logs) goes to
 * the parent's stderr, so the parent's last stdout line stays the JSON result.
 */
export function forkTs(file: string, env: Record<string, string> = {}): ChildProcess {
  const execArgv = process.execArgv.includes('tsx') ? process.execArgv : ['--import', 'tsx', ...process.execArgv];
  const child = fork(file, [], { execArgv, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  child.stdout!.pipe(process.stderr, { end: false });
  return child;
}

/** Resolves with the child's first IPC message of `type`; rejects if it exits first or after `ms`. */
export function nextMessage<T extends { type: string }>(child: ChildProcess, type: string, ms = 15_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`child ${child.pid}: no "${type}" message within ${ms} ms`)), ms);
    const onMsg = (m: unknown) => {
      if (typeof m === 'object' && m !== null && (m as { type?: unknown }).type === type) done(null, m as T);
    };
    const onExit = (code: number | null) => done(new Error(`child ${child.pid} exited (${code}) before "${type}"`));
    function done(err: Error | null, v?: T) {
      clearTimeout(timer);
      child.off('message', onMsg);
      child.off('exit', onExit);
      if (err) reject(err);
      else resolve(v!);
    }
    child.on('message', onMsg);
    child.once('exit', onExit);
  });
}

/** Asks a child to stop (IPC `{type:'stop'}`), waits for its exit, kills it (by its own pid) if it hangs. */
export async function stopChild(child: ChildProcess, ms = 5_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  if (child.connected) child.send({ type: 'stop' });
  const timer = setTimeout(() => child.kill('SIGKILL'), ms);
  await exited;
  clearTimeout(timer);
}

/** In a forked child: calls `cleanup` once and exits when the parent says stop or goes away. */
export function onParentStop(cleanup: () => Promise<void> | void): void {
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    try {
      await cleanup();
    } finally {
      process.exit(0);
    }
  };
  process.on('message', (m: unknown) => {
    if (typeof m === 'object' && m !== null && (m as { type?: unknown }).type === 'stop') void stop();
  });
  process.on('disconnect', () => void stop());
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

const exitCleanups = new Set<() => void>();

/**
 * Registers a synchronous cleanup (e.g. removing a temp dir) to run if the process is interrupted or
 * the watchdog fires; returns a function that runs it now and unregisters it.
 */
export function cleanupOnExit(fn: () => void): () => void {
  exitCleanups.add(fn);
  return () => {
    if (exitCleanups.delete(fn)) fn();
  };
}

/** Runs every registered cleanup (best effort). */
export function runExitCleanups(): void {
  for (const fn of exitCleanups) {
    try {
      fn();
    } catch {
      /* best effort */
    }
  }
  exitCleanups.clear();
}
