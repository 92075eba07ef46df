/**
 * The virtual card must answer vpcd even while the test process's main thread is blocked, as it is in a
 * synchronous PC/SC call: otherwise vpcd's presence poll (holding pcscd's reader lock, waiting for the card)
 * and SCardDisconnect (waiting for that lock) wait for each other for ever — the kiosk bench's hang (issue 13).
 * The scenario runs in a child process (test/helpers/card-sync-call.ts) so that a deadlock fails this test
 * instead of freezing the test runner.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startPcscd, waitForCardState, VIRTUAL_READERS, type Pcscd } from '../helpers/pcscd';

const SCRIPT = path.join(import.meta.dirname, '../helpers/card-sync-call.ts');
let pcscd: Pcscd;

beforeAll(async () => {
  pcscd = await startPcscd();
}, 30_000);
afterAll(async () => {
  await pcscd?.stop();
});

/** Runs the scenario; resolves with its output, or with 'deadlock' if it has not finished after `ms`. */
function scenario(ms: number): Promise<string> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT, String(pcscd.ports[0])], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve('deadlock');
    }, ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(out.trim());
    });
  });
}

it('a synchronous SCardDisconnect while the main thread was busy returns: the card answers vpcd from its own process', async () => {
  expect(await scenario(15_000)).toBe('done');
  await waitForCardState(VIRTUAL_READERS[0], false);
}, 60_000);
