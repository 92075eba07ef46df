/**
 * Real-time status: `DLE EOT n` (10 04 n) makes an ESC/POS printer answer one byte at once, even while
 * it is busy or stopped. Four queries give the whole picture:
 *   n=1 printer: 0x08 offline
 *   n=2 offline cause: 0x04 cover open, 0x20 stopped by paper end, 0x40 error
 *   n=3 error cause: 0x08 autocutter error, 0x20 unrecoverable error
 *   n=4 paper roll: 0x0C near end, 0x60 paper end
 * Every answer has bits 0x12 set and 0x81 clear, which is how we tell answers from other bytes: printers
 * also send bytes nobody asked for (Automatic Status Back packets, answers to 10 04 n patterns they found
 * inside image data), at any time and split across reads.
 */
import type { PrinterLink } from './transports';

/** The query bytes for `n`. */
export function dleEot(n: 1 | 2 | 3 | 4): Uint8Array {
  return Uint8Array.of(0x10, 0x04, n);
}

/** True for a byte shaped like a DLE EOT answer (0x12 set, 0x81 clear). */
export function isStatusByte(b: number): boolean {
  return (b & 0x93) === 0x12;
}

/** The decoded answers to n = 1..4. */
export interface PrinterStatus {
  offline: boolean;
  coverOpen: boolean;
  /** Paper end, or printing stopped because of it. */
  paperOut: boolean;
  paperNearEnd: boolean;
  /** Any error: the n=2 error bit, an autocutter error or an unrecoverable error. */
  error: boolean;
  cutterError: boolean;
  unrecoverable: boolean;
  /** The four answer bytes, for logs and the staff screen. */
  raw: [number, number, number, number];
}

/** Decodes the answers to n = 1, 2, 3, 4 (in that order). Throws on a byte without the fixed bits. */
export function decodeStatus(raw: [number, number, number, number]): PrinterStatus {
  if (!raw.every(isStatusByte)) throw new Error(`not DLE EOT answers: ${raw.map((b) => b.toString(16)).join(' ')}`);
  const [printer, offline, errors, paper] = raw;
  const cutterError = (errors & 0x08) !== 0;
  const unrecoverable = (errors & 0x20) !== 0;
  return {
    offline: (printer & 0x08) !== 0,
    coverOpen: (offline & 0x04) !== 0,
    paperOut: (paper & 0x60) !== 0 || (offline & 0x20) !== 0,
    paperNearEnd: (paper & 0x0c) !== 0,
    error: (offline & 0x40) !== 0 || cutterError || unrecoverable,
    cutterError,
    unrecoverable,
    raw,
  };
}

/** What stops printing, most specific first (an open cover or paper end also sets "offline"). */
export type StatusProblem = 'paper_out' | 'cover_open' | 'error' | 'offline';

/** The problem that stops printing, or null when the printer can print. */
export function problemOf(s: PrinterStatus): StatusProblem | null {
  if (s.paperOut) return 'paper_out';
  if (s.coverOpen) return 'cover_open';
  if (s.error) return 'error';
  if (s.offline) return 'offline';
  return null;
}

/**
 * Collects bytes from the printer and hands out status answers. Bytes may come at any time and in any
 * pieces; the reader keeps only status-shaped bytes, and `settle()` drops whatever arrived before a
 * query so an old or unsolicited byte is not taken for its answer.
 */
export class StatusReader {
  private queue: number[] = [];
  private waiter: ((b: number | 'closed') => void) | null = null;
  private lastByteAt = 0;
  private ended = false;

  /** Feeds bytes received from the printer. */
  push(chunk: Uint8Array): void {
    this.lastByteAt = Date.now();
    for (const b of chunk) {
      if (!isStatusByte(b)) continue;
      if (this.waiter) {
        const w = this.waiter;
        this.waiter = null;
        w(b);
      } else this.queue.push(b);
    }
  }

  /** The link is gone: a pending or later `next()` answers 'closed'. */
  end(): void {
    this.ended = true;
    this.waiter?.('closed');
    this.waiter = null;
  }

  get closed(): boolean {
    return this.ended;
  }

  /** The next status byte, 'closed', or 'timeout' after `timeoutMs`. */
  next(timeoutMs: number): Promise<number | 'closed' | 'timeout'> {
    const queued = this.queue.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    if (this.ended) return Promise.resolve('closed');
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiter = null;
        resolve('timeout');
      }, Math.max(0, timeoutMs));
      this.waiter = (b) => {
        clearTimeout(timer);
        resolve(b);
      };
    });
  }

  /**
   * Waits until nothing has arrived for `quietMs` (at most `maxMs`), then forgets what came. Used after a
   * job: bytes the printer sent while reading it arrive before the answer to the next query.
   */
  async settle(quietMs: number, maxMs: number): Promise<void> {
    const start = Date.now();
    const until = start + maxMs;
    while (!this.ended) {
      // Quiet since the later of the last byte and our start: the printer gets `quietMs` to speak up.
      const quietFor = Date.now() - Math.max(this.lastByteAt, start);
      const left = until - Date.now();
      if (left <= 0) break;
      if (quietFor < quietMs) {
        await new Promise((r) => setTimeout(r, Math.min(quietMs - quietFor, left)));
        continue;
      }
      // After a stall (GC, a busy CPU) timers run before pending socket reads: let two I/O rounds
      // through before believing the silence.
      const seen = this.lastByteAt;
      await new Promise((r) => setImmediate(r));
      await new Promise((r) => setImmediate(r));
      if (this.lastByteAt === seen) break;
    }
    this.queue = [];
  }
}

/** The outcome of a status round: the status, no answer in time, or the link closed. */
export type StatusAnswer = { kind: 'status'; status: PrinterStatus } | { kind: 'no_answer' } | { kind: 'closed' };

/**
 * Asks n = 1..4, one at a time (an answer can only belong to the one open query), within `timeoutMs`
 * for the whole round. Never throws.
 */
export async function queryStatus(link: PrinterLink, timeoutMs: number): Promise<StatusAnswer> {
  const deadline = Date.now() + timeoutMs;
  const raw: number[] = [];
  for (const n of [1, 2, 3, 4] as const) {
    try {
      await link.write(dleEot(n), Math.max(1, deadline - Date.now()));
    } catch (e) {
      return (e as { code?: string }).code === 'timeout' ? { kind: 'no_answer' } : { kind: 'closed' };
    }
    const b = await link.reader.next(deadline - Date.now());
    if (b === 'timeout') return { kind: 'no_answer' };
    if (b === 'closed') return { kind: 'closed' };
    raw.push(b);
  }
  return { kind: 'status', status: decodeStatus(raw as [number, number, number, number]) };
}
