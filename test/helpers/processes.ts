/**
 * The hub and the branch server as real child processes (`node --import tsx …/main.ts`), for tests that kill
 * them with SIGKILL: each resolves once the process prints its ready line, with its output in the error otherwise.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { ROOT } from '../../scripts/launch';

/** Spawns `entry` with `env` and resolves once its output matches `ready`. */
function startProcess(entry: string, env: Record<string, string>, ready: RegExp, what: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, entry)], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not start in 60 s:\n${out}`)), 60_000);
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited (${code}) before it was ready:\n${out}`));
    };
    child.stdout!.on('data', (b: Buffer) => {
      out = (out + b.toString()).slice(-20_000);
      if (ready.test(out)) {
        clearTimeout(timer);
        child.off('exit', onExit);
        resolve(child);
      }
    });
    child.stderr!.on('data', (b: Buffer) => (out = (out + b.toString()).slice(-20_000)));
    child.once('exit', onExit);
  });
}

/** Starts `hub/src/main.ts` on `port` over the PostgreSQL at `url` (demo credentials and staff). */
export function startHubProcess(port: number, url: string): Promise<ChildProcess> {
  return startProcess(
    'hub/src/main.ts',
    { DAWR_HUB_PORT: String(port), DAWR_HUB_HOST: '127.0.0.1', DAWR_HUB_DATABASE_URL: url, DAWR_DEMO: '1' },
    /DAWR_HUB_READY \d+/,
    'the hub',
  );
}

/** Starts `server/src/main.ts` (a branch server) with `env` (DAWR_* settings). */
export function startBranchProcess(env: Record<string, string>): Promise<ChildProcess> {
  return startProcess('server/src/main.ts', env, /DAWR_SERVER_READY \d+/, 'the branch server');
}

/** Kills the process with SIGKILL (no clean-up of any kind) and resolves once it has gone. */
export function killHard(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

/** Stops the process with SIGTERM (its clean shutdown) and resolves once it has gone. */
export function stopGently(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const hard = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(hard);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
