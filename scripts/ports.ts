/**
 * Ports for the test and bench processes' servers. Asking the OS for port 0 and closing it again is not enough:
 * the child that binds it starts seconds later, and meanwhile the OS may hand the same port to the next
 * `listen(0)` — ours (a kiosk was given its own server's port in CI) or another test process's. So ports come
 * from below the OS's ephemeral range, which neither `listen(0)` nor outgoing connections draw from, each
 * test process from its own slice of it, and never twice from the same process.
 */
import { readFileSync } from 'node:fs';
import net from 'node:net';

const LOWEST = 20_000;
const SLICES = 16;

/** The first port the OS may hand out by itself (Linux's ip_local_port_range), 32768 when it cannot be read. */
export function ephemeralLow(): number {
  try {
    const low = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
    return Number.isInteger(low) && low > 0 ? low : 32_768;
  } catch {
    return 32_768;
  }
}

/** Which slice this process takes: Playwright's and Vitest's worker numbers, else the process id. */
export function sliceIndex(env: NodeJS.ProcessEnv = process.env, pid = process.pid): number {
  const worker = env.TEST_PARALLEL_INDEX ?? env.VITEST_POOL_ID;
  const n = worker !== undefined && /^\d+$/.test(worker) ? Number(worker) : pid;
  return n % SLICES;
}

/** The ports [from, to) of this process's slice, or null when the ephemeral range leaves too little below it. */
export function sliceRange(low = ephemeralLow(), index = sliceIndex()): { from: number; to: number } | null {
  const size = Math.floor((low - LOWEST) / SLICES);
  if (size < 32) return null;
  return { from: LOWEST + index * size, to: LOWEST + (index + 1) * size };
}

/** Resolves true when nothing listens on `port` on any address (0.0.0.0 conflicts with every IPv4 listener). */
function canBind(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '0.0.0.0', () => s.close(() => resolve(true)));
  });
}

function osPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

const handedOut = new Set<number>();
let cursor: number | null = null;

/**
 * A port free right now that this process has not handed out before, from its own slice below the ephemeral
 * range (where nothing else picks ports by itself); on a machine with no room there, one from the OS.
 */
export async function freePort(): Promise<number> {
  const range = sliceRange();
  if (!range) {
    for (;;) {
      const port = await osPort();
      if (!handedOut.has(port)) return take(port);
    }
  }
  const size = range.to - range.from;
  cursor ??= Math.floor(Math.random() * size);
  for (let pass = 0; pass < 2; pass++) {
    for (let tried = 0; tried < size; tried++) {
      const port = range.from + (cursor++ % size);
      if (!handedOut.has(port) && (await canBind(port))) return take(port);
    }
    // Every port of the slice went out once: those long since released may be used again.
    handedOut.clear();
  }
  throw new Error(`no free port in ${range.from}–${range.to - 1}`);
}

function take(port: number): number {
  handedOut.add(port);
  return port;
}
