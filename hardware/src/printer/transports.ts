/**
 * How bytes reach the printer and status bytes come back.
 *
 * - 'tcp': raw TCP to port 9100 (network printers). One connection per print or status check: a printer
 *   that was switched off and on needs no reconnect logic, and most accept one client at a time.
 * - 'device': a character device such as /dev/usb/lp0 (Linux usblp). Opened O_RDWR | O_NONBLOCK, written
 *   and read through the same fd: usblp passes reads to the printer's bulk-IN endpoint, which is where
 *   bidirectional ESC/POS printers put DLE EOT answers. Non-blocking because a blocking usblp write waits
 *   as long as the printer does (paper out, cover open), which would pin one of libuv's four threads; we
 *   poll instead (EAGAIN → retry in 10–20 ms). Verified here against a pseudo-terminal wired to the test
 *   printer, not against a real usblp device. Caveats: usblp lets one process open the device (CUPS must
 *   not hold it); a printer without a bulk-IN endpoint never answers, so every print ends 'no_answer'.
 * - 'file': the demo printer. Writes `<dataDir>/printed/<timestamp>-<number>.png` (what the paper would
 *   look like) and `.bin` (the exact ESC/POS bytes). It always answers "ready".
 */
import { constants as FS } from 'node:fs';
import { mkdir, open, writeFile, type FileHandle } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { StatusReader } from './status';

/** Where the printer is. */
export type TransportConfig =
  | { kind: 'tcp'; host: string; port?: number }
  | { kind: 'device'; path: string }
  | { kind: 'file'; dataDir: string };

/** Why a link operation failed: no answer in time, the link is gone, or the printer cannot be reached. */
export class LinkError extends Error {
  constructor(
    readonly code: 'timeout' | 'closed' | 'unreachable',
    message: string,
  ) {
    super(message);
  }
}

/** A two-way byte link to a printer. */
export interface PrinterLink {
  /** Everything the printer sends goes through here. */
  readonly reader: StatusReader;
  /** Resolves once all of `data` is handed to the OS; rejects with a LinkError. */
  write(data: Uint8Array, timeoutMs: number): Promise<void>;
  readonly closed: boolean;
  close(): void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

class TcpLink implements PrinterLink {
  readonly reader = new StatusReader();

  constructor(private readonly socket: net.Socket) {
    socket.setNoDelay(true); // status queries are 3 bytes: send them now, not after Nagle's delay
    socket.on('data', (chunk: Buffer) => this.reader.push(chunk));
    socket.on('close', () => this.reader.end());
    socket.on('error', () => {}); // 'close' follows; the pending write reports the failure
  }

  get closed(): boolean {
    return this.reader.closed || this.socket.destroyed;
  }

  write(data: Uint8Array, timeoutMs: number): Promise<void> {
    if (this.closed) return Promise.reject(new LinkError('closed', 'printer connection closed'));
    return new Promise((resolve, reject) => {
      const done = (err?: LinkError) => {
        clearTimeout(timer);
        this.socket.off('close', onClose);
        if (err) reject(err);
        else resolve();
      };
      const onClose = () => done(new LinkError('closed', 'printer closed the connection'));
      // A printer that stops reading fills the TCP window: the write never completes. Give up and drop
      // the connection, which also discards what is still buffered.
      const timer = setTimeout(() => {
        done(new LinkError('timeout', 'printer stopped reading'));
        this.socket.destroy();
      }, timeoutMs);
      this.socket.once('close', onClose);
      this.socket.write(data, (err) => done(err ? new LinkError('closed', err.message) : undefined));
    });
  }

  close(): void {
    this.socket.destroy();
  }
}

function openTcp(host: string, port: number, timeoutMs: number): Promise<PrinterLink> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new LinkError('timeout', `no connection to ${host}:${port} within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      resolve(new TcpLink(socket));
    });
    socket.once('error', (err) => {
      clearTimeout(timer);
      reject(new LinkError('unreachable', `${host}:${port}: ${err.message}`));
    });
  });
}

const errno = (e: unknown) => (e as NodeJS.ErrnoException).code;

class DeviceLink implements PrinterLink {
  readonly reader = new StatusReader();
  private stopping = false;

  constructor(private readonly fh: FileHandle) {
    void this.readLoop();
  }

  get closed(): boolean {
    return this.reader.closed;
  }

  /** Polls for bytes until closed; the loop owns the fd and closes it on the way out. */
  private async readLoop(): Promise<void> {
    const buf = Buffer.alloc(256);
    while (!this.stopping) {
      try {
        const { bytesRead } = await this.fh.read(buf, 0, buf.length, null);
        if (bytesRead > 0) this.reader.push(buf.subarray(0, bytesRead));
        else await sleep(20);
      } catch (e) {
        if (errno(e) === 'EAGAIN' || errno(e) === 'EWOULDBLOCK') await sleep(20);
        else break; // ENODEV (unplugged), EIO (no bulk-IN endpoint, or gone): nothing more will come
      }
    }
    this.reader.end();
    await this.fh.close().catch(() => {});
  }

  async write(data: Uint8Array, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let off = 0;
    while (off < data.length) {
      if (this.closed || this.stopping) throw new LinkError('closed', 'printer device closed');
      if (Date.now() > deadline) throw new LinkError('timeout', 'printer device stopped taking data');
      try {
        off += (await this.fh.write(data, off, data.length - off, null)).bytesWritten;
      } catch (e) {
        if (errno(e) !== 'EAGAIN' && errno(e) !== 'EWOULDBLOCK') throw new LinkError('closed', String((e as Error).message));
        await sleep(10);
      }
    }
  }

  close(): void {
    this.stopping = true;
  }
}

async function openDevice(file: string): Promise<PrinterLink> {
  try {
    return new DeviceLink(await open(file, FS.O_RDWR | FS.O_NONBLOCK | FS.O_NOCTTY));
  } catch (e) {
    throw new LinkError('unreachable', `${file}: ${(e as Error).message}`);
  }
}

/** Opens a byte link for a 'tcp' or 'device' printer. Rejects with a LinkError. */
export function openLink(cfg: Exclude<TransportConfig, { kind: 'file' }>, timeoutMs: number): Promise<PrinterLink> {
  return cfg.kind === 'tcp' ? openTcp(cfg.host, cfg.port ?? 9100, timeoutMs) : openDevice(cfg.path);
}

/**
 * The demo printer's output: `<dataDir>/printed/<UTC timestamp>-<number>.png` and `.bin`. Never
 * overwrites (a reprint in the same millisecond gets a suffix).
 */
export async function writeJobFiles(dataDir: string, number: string, png: Uint8Array, job: Uint8Array, now = Date.now()): Promise<{ png: string; bin: string }> {
  const dir = path.join(dataDir, 'printed');
  await mkdir(dir, { recursive: true });
  const stamp = new Date(now).toISOString().replace(/[-:]/g, '').replace('.', '');
  const base = `${stamp}-${number.replace(/[^A-Za-z0-9-]/g, '_')}`;
  for (let n = 1; ; n++) {
    const name = path.join(dir, n === 1 ? base : `${base}-${n}`);
    try {
      await writeFile(`${name}.bin`, job, { flag: 'wx' });
    } catch (e) {
      if (errno(e) === 'EEXIST' && n < 100) continue;
      throw e;
    }
    await writeFile(`${name}.png`, png);
    return { png: `${name}.png`, bin: `${name}.bin` };
  }
}

/**
 * Reads a printer setting such as DAWR_PRINTER: `tcp://10.0.0.5:9100` (port defaults to 9100),
 * `device:/dev/usb/lp0` or a bare `/dev/...` path, `file` (the demo printer, into `dataDir`) or
 * `file:/some/dir`. Empty or `none` → null (no printer). Throws on anything else.
 */
export function parsePrinterTarget(spec: string | undefined, dataDir: string): TransportConfig | null {
  const s = (spec ?? '').trim();
  if (s === '' || s === 'none') return null;
  if (s === 'file') return { kind: 'file', dataDir };
  if (s.startsWith('file:')) return { kind: 'file', dataDir: s.slice(5) };
  if (s.startsWith('device:')) return { kind: 'device', path: s.slice(7) };
  if (s.startsWith('/dev/')) return { kind: 'device', path: s };
  if (s.startsWith('tcp://')) {
    const u = new URL(s);
    return { kind: 'tcp', host: u.hostname.replace(/^\[|\]$/g, ''), port: u.port ? Number(u.port) : 9100 };
  }
  throw new Error(`unknown printer target "${s}" (tcp://host:port, device:/dev/usb/lp0, file, none)`);
}
