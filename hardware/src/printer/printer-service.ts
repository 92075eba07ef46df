/**
 * Ticket printing for the kiosk: render, encode, check the printer, send, check again.
 *
 * A successful write proves nothing (a printer that drops the connection mid-job still lets the write
 * succeed), so the printer is asked for its status before the job (nothing is sent to a printer that
 * is out of paper, open or offline) and after it (gone → 'dropped'; paper ran out → 'paper_out').
 * Every step has a timeout, jobs run one at a time, and nothing here throws: the kiosk has already
 * issued the ticket, and a failed print is reported, never retried by issuing again.
 *
 * Limit: DLE EOT is answered as soon as the printer reads it, which is once it has taken in the job,
 * not once the paper is out. A printer that fails in the last centimetres of a ticket can still report
 * ok here; the staff screen's status() shows it on the next check.
 */
import { encodeTicket, type EncodeOptions } from './encode';
import { renderTicket, ticketPng, type RenderOptions } from './render';
import { problemOf, queryStatus, type PrinterStatus, type StatusProblem } from './status';
import type { TicketPrintout } from './ticket-layout';
import { LinkError, openLink, writeJobFiles, type PrinterLink, type TransportConfig } from './transports';

/** Why a print (or a status check) failed. */
export type PrintFailure = 'paper_out' | 'cover_open' | 'offline' | 'no_answer' | 'dropped' | 'error';

/** The outcome of `print()`. On failure, `sent` tells whether (part of) the job reached the printer. */
export type PrintResult = { ok: true; nearEnd: boolean } | { ok: false; reason: PrintFailure; sent: boolean };

/** The outcome of `status()`, for the staff screen. */
export type StatusResult =
  | { ok: true; nearEnd: boolean; status: PrinterStatus | null; checkedAt: number }
  | { ok: false; reason: Exclude<PrintFailure, 'dropped'>; status: PrinterStatus | null; checkedAt: number };

/** Time limits in ms. The defaults bound a print by ~15 s in the worst case and ~1.5 s for a hung printer. */
export interface PrinterTimeouts {
  /** TCP connect. */
  connectMs: number;
  /** One status round (4 queries) before a job, and for status(). */
  statusMs: number;
  /**
   * The status round after a job. Longer: the queries queue behind the job's bytes in the network and
   * the printer's buffers, so they are read only as the ticket prints (~1 s).
   */
  afterJobStatusMs: number;
  /** Handing the job to the printer (a ticket is ~25 KB; a busy printer reads it as it prints). */
  writeMs: number;
  /**
   * After the job, wait for this much silence before asking, and drop what came (bytes the printer sent
   * while reading the job). 100 ms: a sender's Nagle + delayed ACK can hold a byte back ~40 ms…
   */
  settleQuietMs: number;
  /** …but no longer than this. */
  settleMaxMs: number;
}

export const DEFAULT_TIMEOUTS: PrinterTimeouts = {
  connectMs: 2000,
  statusMs: 1500,
  afterJobStatusMs: 5000,
  writeMs: 6000,
  settleQuietMs: 100,
  settleMaxMs: 500,
};

/** Printer settings; the kiosk reads them from its environment and passes them in. */
export interface PrinterConfig {
  transport: TransportConfig;
  /** Paper width in mm (default 80). */
  paperMm?: 80 | 58;
  /** QR code by the printer's own command (default) or as a bitmap. */
  qr?: EncodeOptions['qr'];
  cut?: EncodeOptions['cut'];
  fonts?: RenderOptions['fonts'];
  timeouts?: Partial<PrinterTimeouts>;
  /** Where to report failures (default console.warn). Ticket numbers only, nothing personal. */
  log?: (message: string) => void;
}

/** See the file comment. Create one per printer and keep it (it serialises jobs). */
export class PrinterService {
  private readonly t: PrinterTimeouts;
  private readonly log: (m: string) => void;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(readonly config: PrinterConfig) {
    this.t = { ...DEFAULT_TIMEOUTS, ...config.timeouts };
    this.log = config.log ?? ((m) => console.warn(`[printer] ${m}`));
  }

  /** Prints one ticket. Never throws. */
  print(printout: TicketPrintout): Promise<PrintResult> {
    // printNow catches what it can foresee; this catches a throwing `log` or a bug.
    return this.serial(() => this.printNow(printout)).catch((e: unknown) => {
      console.error('[printer] print failed unexpectedly', e);
      return { ok: false as const, reason: 'error' as const, sent: false };
    });
  }

  /** Prints a ticket again (staff "reprint"): the same as print(), a separate job. */
  reprint(printout: TicketPrintout): Promise<PrintResult> {
    return this.print(printout);
  }

  /** Asks the printer how it is, for the staff screen. Never throws. */
  status(): Promise<StatusResult> {
    return this.serial(() => this.statusNow()).catch(() => ({ ok: false as const, reason: 'error' as const, status: null, checkedAt: Date.now() }));
  }

  /** Runs `fn` after the previous operation: two jobs interleaved on one printer would be garbage. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.chain.then(fn, fn);
    this.chain = run.catch(() => {});
    return run;
  }

  private width() {
    return this.config.paperMm === 58 ? (384 as const) : (576 as const);
  }

  private async printNow(p: TicketPrintout): Promise<PrintResult> {
    const { transport } = this.config;
    let job: Uint8Array;
    try {
      // Rendered before the printer is touched: a rendering problem must not leave a half-sent job.
      const ticket = renderTicket(p, { width: this.width(), fonts: this.config.fonts });
      job = encodeTicket(ticket, p.qrUrl, { qr: this.config.qr, cut: this.config.cut });
      if (transport.kind === 'file') {
        const png = await ticketPng(ticket, p.qrUrl);
        // A hung disk (network share) must not hang the kiosk either.
        await withTimeout(writeJobFiles(transport.dataDir, p.number, png, job), this.t.writeMs, 'writing the ticket files');
        return { ok: true, nearEnd: false };
      }
    } catch (e) {
      return this.fail(p, 'error', false, e);
    }

    let link: PrinterLink;
    try {
      link = await openLink(transport, this.t.connectMs);
    } catch (e) {
      return this.fail(p, e instanceof LinkError && e.code === 'timeout' ? 'no_answer' : 'offline', false, e);
    }
    try {
      const before = await queryStatus(link, this.t.statusMs);
      if (before.kind !== 'status') return this.fail(p, 'no_answer', false, `no status before the job (${before.kind})`);
      const problem = problemOf(before.status);
      if (problem) return this.fail(p, problem, false, statusText(before.status));

      try {
        await link.write(job, this.t.writeMs);
      } catch (e) {
        return this.fail(p, e instanceof LinkError && e.code === 'timeout' ? 'no_answer' : 'dropped', true, e);
      }

      await link.reader.settle(this.t.settleQuietMs, this.t.settleMaxMs);
      const after = await queryStatus(link, this.t.afterJobStatusMs);
      if (after.kind === 'closed') return this.fail(p, 'dropped', true, 'connection closed after the job');
      if (after.kind === 'no_answer') return this.fail(p, 'no_answer', true, 'no status after the job');
      const late = problemOf(after.status);
      if (late) return this.fail(p, late, true, statusText(after.status));
      return { ok: true, nearEnd: before.status.paperNearEnd || after.status.paperNearEnd };
    } catch (e) {
      return this.fail(p, 'error', true, e);
    } finally {
      link.close();
    }
  }

  private async statusNow(): Promise<StatusResult> {
    const { transport } = this.config;
    const checkedAt = Date.now();
    if (transport.kind === 'file') return { ok: true, nearEnd: false, status: null, checkedAt };
    let link: PrinterLink | null = null;
    try {
      link = await openLink(transport, this.t.connectMs);
      const a = await queryStatus(link, this.t.statusMs);
      if (a.kind !== 'status') return { ok: false, reason: 'no_answer', status: null, checkedAt };
      const problem: StatusProblem | null = problemOf(a.status);
      if (problem) return { ok: false, reason: problem, status: a.status, checkedAt };
      return { ok: true, nearEnd: a.status.paperNearEnd, status: a.status, checkedAt };
    } catch (e) {
      const reason = e instanceof LinkError ? (e.code === 'timeout' ? 'no_answer' : 'offline') : 'error';
      return { ok: false, reason, status: null, checkedAt };
    } finally {
      link?.close();
    }
  }

  private fail(p: TicketPrintout, reason: PrintFailure, sent: boolean, cause: unknown): PrintResult {
    const why = cause instanceof Error ? cause.message : String(cause);
    this.log(`ticket ${p.number} not printed: ${reason}${sent ? ' (job sent)' : ''}: ${why}`);
    return { ok: false, reason, sent };
  }
}

/** `promise`, or a rejection after `ms` (the operation itself cannot be cancelled; its result is dropped). */
function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} took over ${ms} ms`)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function statusText(s: PrinterStatus): string {
  return `status ${s.raw.map((b) => b.toString(16).padStart(2, '0')).join(' ')}`;
}

/** A printer service for `config`. */
export function createPrinterService(config: PrinterConfig): PrinterService {
  return new PrinterService(config);
}
