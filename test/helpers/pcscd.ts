/**
 * A real pcscd for the card tests, with vsmartcard's vpcd virtual readers "Virtual PCD 00 00" / "… 00 01".
 *
 * Debian facts (pcsc-lite 1.9.9): serial-style readers are declared in /etc/reader.conf.d/ (compiled-in
 * configdir; `-c DIR` replaces it). vsmartcard-vpcd installs /etc/reader.conf.d/vpcd (FRIENDLYNAME "Virtual
 * PCD", DEVICENAME /dev/null:0x8C7B, LIBPATH /usr/lib/pcsc/drivers/serial/libifdvpcd.so, CHANNELID 0x8C7B);
 * pcscd reads it at start-up and the driver opens one TCP listener per slot. The daemon's socket and pid file
 * are /run/pcscd/pcscd.comm and /run/pcscd/pcscd.pid; a SIGKILLed daemon leaves both behind.
 *
 * The daemon we start reads a test-only config dir (`pcscd -c DIR`) with the same reader name but vpcd ports
 * 23130/23131 (DAWR_VPCD_PORT): 35963/35964 lie in Linux's ephemeral range (32768-60999), and on a busy machine
 * any TIME_WAIT client socket on one of them makes vpcd's bind fail ("Address already in use") for a minute.
 * A pcscd that was already running keeps its own config (ports read from /etc/reader.conf.d/vpcd) and is never
 * stopped, except one a crashed test run left behind (its command line names our config dir).
 *
 * Missing packages fail loudly with the install command: these tests are never skipped.
 *
 * A daemon we start never outlives its test or bench process, however that ends (SIGINT, SIGTERM, a watchdog's
 * process.exit, even SIGKILL or a main thread blocked in a native call, when no JS handler can run): it runs
 * under a small shell guardian that holds a pipe from our process and stops pcscd when that pipe closes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const INSTALL_COMMAND = 'apt-get install -y pcscd libpcsclite-dev vsmartcard-vpcd';
export const VPCD_CONFIG = '/etc/reader.conf.d/vpcd';
export const VIRTUAL_READERS = ['Virtual PCD 00 00', 'Virtual PCD 00 01'] as const;
/** vpcd's first port in the test-only config (the second reader uses the next one). */
export const TEST_VPCD_PORT = Number(process.env.DAWR_VPCD_PORT ?? 0x5a5a);
const RUN_DIR = '/run/pcscd';
const PID_FILE = `${RUN_DIR}/pcscd.pid`;
const SOCKET_FILE = `${RUN_DIR}/pcscd.comm`;

/**
 * The guardian: starts pcscd ("$0" "$@"), forwards TERM/INT/HUP to it, and stops it when its stdin (a pipe
 * from the test process) reaches EOF, i.e. when the test process is gone. Exits with pcscd's status.
 * (A background job's stdin is /dev/null unless redirected: hence fd 3.)
 */
const GUARDIAN = [
  'exec 3<&0',
  '"$0" "$@" </dev/null &',
  'p=$!',
  "trap 'kill -TERM $p 2>/dev/null' TERM INT HUP",
  '{ read -r _ <&3; kill -TERM $p 2>/dev/null; } &',
  'g=$!',
  'exec 3<&-',
  'while :; do wait $p; s=$?; kill -0 $p 2>/dev/null || break; done',
  'kill $g 2>/dev/null',
  'exit $s',
].join('\n');

function missing(what: string): Error {
  return new Error(`PC/SC test stack incomplete: ${what}.\nInstall it with:\n  sudo ${INSTALL_COMMAND}`);
}

/** The pcscd binary, or throws with the install command. */
function pcscdBinary(): string {
  const dirs = ['/usr/sbin', '/usr/local/sbin', ...(process.env.PATH ?? '').split(':')];
  const found = dirs.map((d) => `${d}/pcscd`).find((p) => existsSync(p));
  if (!found) throw missing('pcscd is not installed');
  return found;
}

/**
 * Checks pcscd, the vpcd driver and its reader config, and libpcsclite; throws with the install command.
 * Returns the driver's path and the config's first vpcd port.
 */
export function assertPcscInstalled(): { driver: string; port: number } {
  pcscdBinary();
  if (!existsSync(VPCD_CONFIG)) throw missing(`the vpcd reader config ${VPCD_CONFIG} is missing (package vsmartcard-vpcd)`);
  const conf = readFileSync(VPCD_CONFIG, 'utf8');
  const driver = /^\s*LIBPATH\s+(\S+)/m.exec(conf)?.[1];
  if (!driver || !existsSync(driver)) throw missing(`the vpcd driver ${driver ?? '(no LIBPATH)'} named in ${VPCD_CONFIG} is missing`);
  const port = Number(/^\s*DEVICENAME\s+\S*:(0x[0-9a-f]+|\d+)/im.exec(conf)?.[1] ?? 0x8c7b);
  const libDirs = ['/usr/lib/x86_64-linux-gnu', '/usr/lib/aarch64-linux-gnu', '/usr/lib', '/lib/x86_64-linux-gnu', '/lib/aarch64-linux-gnu'];
  if (!libDirs.some((d) => existsSync(`${d}/libpcsclite.so.1`))) throw missing('libpcsclite.so.1 is missing (package libpcsclite1)');
  return { driver, port };
}

/** Writes a reader.conf.d directory declaring vpcd on `port` (reader names unchanged); returns its path. */
function writeTestConfig(driver: string, port: number): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dawr-pcscd-'));
  const hex = `0x${port.toString(16).toUpperCase()}`;
  writeFileSync(path.join(dir, 'vpcd'), `FRIENDLYNAME "Virtual PCD"\nDEVICENAME   /dev/null:${hex}\nLIBPATH      ${driver}\nCHANNELID    ${hex}\n`);
  return dir;
}

/** The pid of a live pcscd according to its pid file, or null (no file, dead process, or not a pcscd). */
export function runningPcscdPid(): number | null {
  try {
    const pid = Number.parseInt(readFileSync(PID_FILE, 'utf8').replace(/\0/g, ''), 10);
    const comm = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8'); // "pid (comm) S …": S = Z for a zombie
    return pid > 0 && comm === 'pcscd' && stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z' ? pid : null;
  } catch {
    return null;
  }
}

/**
 * Stops a pcscd that an earlier, crashed test run started (recognised by its --config dawr-pcscd-… dir and
 * an orphaned parent). One whose test run is still alive is another run's: say so instead of killing it.
 */
async function killLeftover(pid: number): Promise<boolean> {
  const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  const dir = cmdline[cmdline.indexOf('--config') + 1] ?? '';
  if (!path.basename(dir).startsWith('dawr-pcscd-')) return false;
  const ppid = Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ')[1]);
  if (ppid > 1 && existsSync(`/proc/${ppid}`)) {
    throw new Error(`pcscd ${pid} belongs to another test run still in progress (parent ${ppid}): card tests cannot share it; wait for that run`);
  }
  process.kill(pid, 'SIGTERM');
  for (let i = 0; i < 100 && runningPcscdPid() === pid; i++) await sleep(50);
  if (runningPcscdPid() === pid) process.kill(pid, 'SIGKILL');
  rmSync(dir, { recursive: true, force: true });
  return true;
}

/** Whether something accepts connections on pcscd's socket (a live daemon, or systemd's socket activation). */
function socketAlive(): Promise<boolean> {
  if (!existsSync(SOCKET_FILE)) return Promise.resolve(false);
  return new Promise((resolve) => {
    const sock = net.connect(SOCKET_FILE, () => (sock.destroy(), resolve(true)));
    sock.once('error', () => resolve(false));
  });
}

/** Removes the socket and pid file a killed daemon left behind (only when nothing live owns them). */
export async function cleanStaleFiles(): Promise<boolean> {
  if (runningPcscdPid() !== null || (await socketAlive())) return false;
  const stale = [SOCKET_FILE, PID_FILE].filter((f) => existsSync(f));
  for (const f of stale) rmSync(f, { force: true });
  return stale.length > 0;
}

/** pcscd's readers now (name → whether a card is in), through the smartcard binding; null when it is down. */
export async function readerStates(): Promise<Map<string, boolean> | null> {
  const { Context, SCARD_STATE_PRESENT } = await import('smartcard');
  let ctx;
  try {
    ctx = new Context();
  } catch {
    return null;
  }
  try {
    return new Map(ctx.listReaders().map((r) => [r.name, (r.state & SCARD_STATE_PRESENT) !== 0]));
  } catch {
    return new Map();
  } finally {
    ctx.close();
  }
}

/** Waits until pcscd reports `reader` with (present) or without a card; throws after `timeoutMs`. */
export async function waitForCardState(reader: string, present: boolean, timeoutMs = 10_000): Promise<void> {
  const t0 = Date.now();
  while ((await readerStates())?.get(reader) !== present) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`pcscd did not report ${reader} ${present ? 'with' : 'without'} a card within ${timeoutMs} ms`);
    await sleep(50);
  }
}

/** Polls until pcscd answers and lists both virtual readers; throws with details after `timeoutMs`. */
async function waitForReaders(timeoutMs: number, exited: () => string | null): Promise<number> {
  const t0 = Date.now();
  let last: string[] = [];
  while (Date.now() - t0 < timeoutMs) {
    const why = exited();
    if (why) throw new Error(`pcscd exited during start-up: ${why}`);
    last = [...((await readerStates())?.keys() ?? [])];
    if (VIRTUAL_READERS.every((r) => last.includes(r))) return Date.now() - t0;
    await sleep(50);
  }
  throw new Error(`pcscd did not list ${VIRTUAL_READERS.join(' / ')} within ${timeoutMs} ms (saw: ${JSON.stringify(last)})`);
}

export interface PcscdOptions {
  /** Run with `-d -a` (debug + APDU log); default: env DAWR_PCSCD_DEBUG === '1'. Output is kept either way. */
  debug?: boolean;
  /** How long start-up may take before it fails (ms). */
  readyTimeoutMs?: number;
  /** vpcd's first port for a daemon we start (default TEST_VPCD_PORT). */
  vpcdPort?: number;
}

/** A pcscd the tests use: started by us, or one that was already running (then we never stop it). */
export interface Pcscd {
  /** True when this helper started the daemon (and will stop it). */
  readonly owned: boolean;
  readonly pid: number | null;
  /** vpcd's TCP ports for "Virtual PCD 00 00" and "… 00 01": pass one to insertCard({ port }). */
  readonly ports: readonly [number, number];
  /** Milliseconds the last start took until both readers were listed. */
  readonly startMs: number;
  /** The daemon's recent output (errors; everything with debug). */
  output(): string;
  /** Stops the daemon (SIGTERM, SIGKILL after 5 s). Rejects for a daemon that was not started by us. */
  down(): Promise<void>;
  /** Starts it again after down(); resolves when both virtual readers are listed. */
  up(): Promise<void>;
  /** Teardown: stops the daemon if we started it and removes its config; a no-op for one already running. */
  stop(): Promise<void>;
}

class OwnedPcscd implements Pcscd {
  readonly owned = true;
  startMs = 0;
  /** The guardian shell (see GUARDIAN); the daemon is its child. */
  private child: ChildProcess | null = null;
  private daemonPid: number | null = null;
  private exitReason: string | null = null;
  private log = '';

  constructor(
    private readonly opts: Required<PcscdOptions>,
    private readonly configDir: string,
  ) {}

  /** The pcscd daemon's own pid (not its guardian's). */
  get pid(): number | null {
    return this.child ? this.daemonPid : null;
  }

  get ports(): readonly [number, number] {
    return [this.opts.vpcdPort, this.opts.vpcdPort + 1];
  }

  output(): string {
    return this.log;
  }

  async up(): Promise<void> {
    if (this.child) return;
    await cleanStaleFiles();
    const other = runningPcscdPid();
    if (other !== null) throw new Error(`another pcscd (pid ${other}) is already running`);
    const args = ['--foreground', '--config', this.configDir, ...(this.opts.debug ? ['--debug', '--apdu'] : [])];
    const child = spawn('/bin/sh', ['-c', GUARDIAN, pcscdBinary(), ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    child.stdin!.on('error', () => {}); // the guardian gone first: nothing to tell it
    this.child = child;
    this.daemonPid = null;
    this.exitReason = null;
    this.log = '';
    const keep = (b: Buffer): void => {
      this.log = (this.log + b.toString()).slice(-64_000);
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    child.once('error', (e) => (this.exitReason = e.message));
    child.once('exit', (code, signal) => {
      this.exitReason = `exit code ${code}, signal ${signal}`;
      if (this.child === child) this.child = null;
    });
    const failed = (): string | null => {
      if (this.child !== child) return this.exitReason ?? 'exited';
      // vpcd could not listen (port taken): pcscd keeps running without the reader, so stop waiting.
      return /Address already in use|Could not initialize connection to virtual ICC/.test(this.log) ? 'vpcd could not open its port' : null;
    };
    try {
      this.startMs = await waitForReaders(this.opts.readyTimeoutMs, failed);
      this.daemonPid = runningPcscdPid();
    } catch (e) {
      await this.down();
      throw new Error(`${(e as Error).message}\npcscd ${args.join(' ')} said:\n${this.log.slice(-4000)}`);
    }
  }

  async down(): Promise<void> {
    const child = this.child;
    if (!child) return;
    const exited = new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
    child.kill('SIGTERM'); // the guardian passes it on to pcscd and exits with it
    const daemon = this.daemonPid;
    const timer = setTimeout(() => {
      if (daemon !== null && runningPcscdPid() === daemon) process.kill(daemon, 'SIGKILL');
      child.kill('SIGKILL');
    }, 5_000);
    await exited;
    clearTimeout(timer);
    child.stdin?.destroy();
    this.child = null;
    this.daemonPid = null;
    await cleanStaleFiles();
  }

  async stop(): Promise<void> {
    await this.down();
    rmSync(this.configDir, { recursive: true, force: true });
  }
}

class ExternalPcscd implements Pcscd {
  readonly owned = false;
  readonly startMs = 0;
  /** `pid` null: systemd holds the socket (socket activation). */
  constructor(
    readonly pid: number | null,
    readonly ports: readonly [number, number],
  ) {}
  output = (): string => '';
  up = async (): Promise<void> => {};
  stop = async (): Promise<void> => {};
  down(): Promise<void> {
    const how = this.pid === null ? 'systemctl stop pcscd.socket pcscd' : `kill ${this.pid}`;
    const who = this.pid === null ? 'pcscd (socket-activated)' : `pcscd (pid ${this.pid})`;
    return Promise.reject(new Error(`${who} was running before the tests and is not ours to stop: stop it (${how}) and run the tests again`));
  }
}

/**
 * Makes sure a pcscd with both virtual readers is running: reuses a live one, else cleans a dead daemon's
 * leftovers and starts `pcscd --foreground --config <test dir>`. Throws with the install command when a
 * package is missing, and with pcscd's output when it does not come up.
 */
export async function startPcscd(options: PcscdOptions = {}): Promise<Pcscd> {
  const { driver, port } = assertPcscInstalled();
  const opts: Required<PcscdOptions> = {
    debug: options.debug ?? process.env.DAWR_PCSCD_DEBUG === '1',
    readyTimeoutMs: options.readyTimeoutMs ?? 15_000,
    vpcdPort: options.vpcdPort ?? TEST_VPCD_PORT,
  };
  let pid = runningPcscdPid();
  if (pid !== null && (await killLeftover(pid))) pid = null;
  if (pid !== null || (await socketAlive())) {
    await waitForReaders(opts.readyTimeoutMs, () => null);
    return new ExternalPcscd(pid, [port, port + 1]);
  }
  const daemon = new OwnedPcscd(opts, writeTestConfig(driver, opts.vpcdPort));
  try {
    await daemon.up();
  } catch (e) {
    await daemon.stop();
    throw e;
  }
  return daemon;
}
