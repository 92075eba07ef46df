/**
 * The pcscd test helper never leaves its daemon behind: whatever ends the test or bench process (SIGINT,
 * SIGTERM, a watchdog's process.exit, SIGKILL, or SIGTERM while its main thread is blocked in a native call),
 * the daemon stops with it. Each case starts a process holding a pcscd (test/helpers/pcscd-holder.ts).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { expect, it } from 'vitest';
import { runningPcscdPid } from '../helpers/pcscd';

const HOLDER = path.join(import.meta.dirname, '../helpers/pcscd-holder.ts');

/** Starts a holder; resolves with it and its daemon's pid once pcscd is up. */
async function holder(mode: 'wait' | 'exit' | 'block') {
  const child = spawn(process.execPath, ['--import', 'tsx', HOLDER, mode], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  const exited = once(child, 'exit');
  for (let i = 0; i < 300 && !out.includes('\n'); i++) {
    if (child.exitCode !== null && mode !== 'exit') throw new Error(`holder exited: ${child.exitCode}`);
    await sleep(50);
  }
  const { pid } = JSON.parse(out.split('\n')[0]!) as { pid: number };
  return { child, pid, exited };
}

/** Resolves once no process `pid` runs (or rejects with what still runs after `ms`). */
async function gone(pid: number, ms = 10_000): Promise<void> {
  for (let t = 0; t < ms; t += 50) {
    if (!alive(pid)) return;
    await sleep(50);
  }
  throw new Error(`pcscd ${pid} still runs ${ms} ms after its test process ended`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return runningPcscdPid() === pid;
  } catch {
    return false;
  }
}

it.each(['SIGINT', 'SIGTERM', 'SIGKILL'] as const)('stops pcscd when the test process gets %s', async (signal) => {
  const { child, pid, exited } = await holder('wait');
  expect(alive(pid)).toBe(true);
  child.kill(signal);
  await exited;
  await gone(pid);
  expect(runningPcscdPid()).toBeNull();
}, 30_000);

it('stops pcscd when the test process exits without stopping it (a watchdog’s process.exit)', async () => {
  const { pid, exited } = await holder('exit');
  await exited;
  await gone(pid);
}, 30_000);

it('stops pcscd when the test process is killed while its main thread is blocked', async () => {
  const { child, pid, exited } = await holder('block');
  child.kill('SIGTERM'); // no JS handler could run; the default action ends it, and the guardian sees the pipe close
  await exited;
  await gone(pid);
}, 30_000);
