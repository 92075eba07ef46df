/**
 * A real, throwaway PostgreSQL for the hub's tests (Debian's `postgresql` package): a cluster made with initdb in
 * a temporary folder owned by the `postgres` user, listening on its own port on 127.0.0.1 only, stopped (and its
 * folder removed) by `stop()` or when the test process is interrupted. A missing package is installed when we
 * run as root; otherwise the test fails loudly with the apt command. These tests are never skipped.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../scripts/launch';

export const INSTALL_COMMAND = 'apt-get install -y postgresql';

/** The newest installed PostgreSQL's bin folder, installing the package first when we are root. */
function binDir(): string {
  const find = (): string | null => {
    const base = '/usr/lib/postgresql';
    if (!existsSync(base)) return null;
    const versions = readdirSync(base)
      .filter((v) => existsSync(path.join(base, v, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    return versions[0] ? path.join(base, versions[0], 'bin') : null;
  };
  const found = find();
  if (found) return found;
  if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    const r = spawnSync('sh', ['-c', `apt-get update -qq && DEBIAN_FRONTEND=noninteractive ${INSTALL_COMMAND} -qq`], { stdio: 'inherit' });
    const after = r.status === 0 ? find() : null;
    if (after) return after;
  }
  throw new Error(`The hub's PostgreSQL tests need PostgreSQL (Debian's postgresql package).\nInstall it with:\n  sudo ${INSTALL_COMMAND}`);
}

export interface TestPostgres {
  /** postgres://dawr@127.0.0.1:PORT/postgres (trust authentication: a test cluster only). */
  url: string;
  /** Creates a fresh database in the cluster and returns its URL. */
  createDatabase(name: string): string;
  stop(): void;
}

const running = new Set<() => void>();
let hooked = false;

/** Stops every cluster this process started when it is interrupted, so none is left running. */
function stopAllOnExit(): void {
  if (hooked) return;
  hooked = true;
  const stopAll = () => {
    for (const stop of [...running]) stop();
  };
  process.once('exit', stopAll);
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(sig, () => {
      stopAll();
      process.kill(process.pid, sig);
    });
  }
}

/** Starts a throwaway cluster; `stop()` ends it and removes its folder. */
export async function startPostgres(): Promise<TestPostgres> {
  const bin = binDir();
  if (process.getuid?.() !== 0) {
    throw new Error('The PostgreSQL test cluster is made as the postgres user, which needs root (run the tests as root).');
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dawr-pg-'));
  const pgUid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const pgGid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  chownSync(dir, pgUid, pgGid);
  const asPostgres = (cmd: string, args: string[]) =>
    execFileSync('runuser', ['-u', 'postgres', '--', path.join(bin, cmd), ...args], { stdio: 'pipe' });
  const data = path.join(dir, 'db');
  asPostgres('initdb', ['-D', data, '-A', 'trust', '-U', 'dawr', '--no-sync', '-E', 'UTF8', '--locale=C']);
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60`;
  asPostgres('pg_ctl', ['-D', data, '-o', options, '-l', path.join(dir, 'log'), '-w', '-t', '60', 'start']);
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    running.delete(stop);
    try {
      asPostgres('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  running.add(stop);
  stopAllOnExit();
  const url = `postgres://dawr@127.0.0.1:${port}/postgres`;
  return {
    url,
    createDatabase: (name) => {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`);
      execFileSync(path.join(bin, 'psql'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'dawr', '-d', 'postgres', '-qc', `CREATE DATABASE ${name}`]);
      return `postgres://dawr@127.0.0.1:${port}/${name}`;
    },
    stop,
  };
}
