/**
 * Starts a branch server and a kiosk app as child processes, as on real machines: used by the demo
 * (`npm start`) and by the end-to-end tests (each with its own data directory and ports). The server runs
 * as in production: its bundle under plain node (scripts/server-bundle.ts), rebuilt first if stale.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { ensureServerBundle, SERVER_BUNDLE, SERVER_NODE_FLAGS } from './server-bundle';

export { freePort } from './ports';

export const ROOT = path.resolve(import.meta.dirname, '..');

export interface LaunchOptions {
  dataDir: string;
  serverPort: number;
  kioskPort: number;
  host?: string;
  /** Branch clock start (DAWR_START_TIME); null = real time. */
  startTime?: string | null;
  /** Extra environment for both processes. */
  env?: Record<string, string>;
  /**
   * Where the children's output goes: 'pipe' keeps it for error messages (tests); 'inherit' (the demo) also
   * forwards it once both have started, so the start-up chatter never buries the addresses the demo prints.
   */
  stdio?: 'inherit' | 'pipe';
}

export interface Launched {
  serverUrl: string;
  kioskUrl: string;
  /** The branch server's process id (a test may pause it: SIGSTOP, as a hung server). */
  serverPid?: number;
  stop(): Promise<void>;
}

/** Resolves when `port` can be bound on `host`, rejects with a message naming the port if it is taken. */
export function assertPortFree(port: number, host = '0.0.0.0'): Promise<void> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', (e: NodeJS.ErrnoException) =>
      reject(new Error(e.code === 'EADDRINUSE' ? `port ${port} is already in use` : e.message)),
    );
    s.listen(port, host, () => s.close(() => resolve()));
  });
}

function waitForOutput(child: ChildProcess, pattern: RegExp, what: string, log: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not start in 60 s:\n${log.join('')}`)), 60_000);
    const onData = (b: Buffer) => {
      const text = b.toString();
      log.push(text);
      if (log.length > 200) log.shift();
      if (pattern.test(log.join(''))) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (b: Buffer) => log.push(b.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited with code ${code}:\n${log.join('')}`));
    });
  });
}

/** From now on, the child's output goes to ours. */
function forward(child: ChildProcess): void {
  child.stdout?.on('data', (b: Buffer) => process.stdout.write(b));
  child.stderr?.on('data', (b: Buffer) => process.stderr.write(b));
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Starts both processes and resolves once each has said it is listening. */
export async function launchBranch(o: LaunchOptions): Promise<Launched> {
  const host = o.host ?? '127.0.0.1';
  const kioskBuild = path.join(ROOT, 'kiosk/build/index.js');
  if (!existsSync(kioskBuild)) throw new Error('the kiosk is not built: run "npm run build" first');
  const serverUrl = `http://127.0.0.1:${o.serverPort}`;
  const kioskUrl = `http://127.0.0.1:${o.kioskPort}`;
  const base = { ...process.env, ...o.env };
  await ensureServerBundle();
  const server = spawn(process.execPath, [...SERVER_NODE_FLAGS, SERVER_BUNDLE], {
    cwd: ROOT,
    env: {
      ...base,
      DAWR_DATA_DIR: o.dataDir,
      DAWR_PORT: String(o.serverPort),
      DAWR_HOST: host,
      ...(o.startTime ? { DAWR_START_TIME: o.startTime } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const serverLog: string[] = [];
  try {
    await waitForOutput(server, /DAWR_SERVER_READY \d+/, 'the branch server', serverLog);
  } catch (e) {
    await stopChild(server);
    throw e;
  }
  const kiosk = spawn(process.execPath, [kioskBuild], {
    cwd: ROOT,
    env: {
      ...base,
      PORT: String(o.kioskPort),
      HOST: host,
      // The kiosk's file printer writes into <dataDir>/printed/ (DAWR_PRINTER=file, the default).
      DAWR_DATA_DIR: o.dataDir,
      ORIGIN: kioskUrl,
      DAWR_BRANCH_URL: serverUrl,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const kioskLog: string[] = [];
  try {
    await waitForOutput(kiosk, /Listening on/, 'the kiosk app', kioskLog);
  } catch (e) {
    await Promise.all([stopChild(kiosk), stopChild(server)]);
    throw e;
  }
  if (o.stdio === 'inherit') for (const child of [server, kiosk]) forward(child);
  return {
    serverUrl,
    kioskUrl,
    serverPid: server.pid,
    stop: async () => {
      await Promise.all([stopChild(kiosk), stopChild(server)]);
    },
  };
}

/** Starts the hub (`hub/src/main.ts`) and resolves once it listens; its data in `dataDir` (PGlite) unless `env` names a database. */
export async function launchHub(o: { dataDir: string; port: number; host?: string; env?: Record<string, string>; stdio?: 'inherit' | 'pipe' }): Promise<{ url: string; stop(): Promise<void> }> {
  const hub = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'hub/src/main.ts')], {
    cwd: ROOT,
    env: { ...process.env, DAWR_HUB_DATA_DIR: o.dataDir, DAWR_HUB_PORT: String(o.port), DAWR_HUB_HOST: o.host ?? '127.0.0.1', ...o.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log: string[] = [];
  try {
    await waitForOutput(hub, /DAWR_HUB_READY \d+/, 'the hub', log);
  } catch (e) {
    await stopChild(hub);
    throw e;
  }
  if (o.stdio === 'inherit') forward(hub);
  return { url: `http://127.0.0.1:${o.port}`, stop: () => stopChild(hub) };
}
