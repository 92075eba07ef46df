/**
 * A TCP "port 9100" ESC/POS printer for tests. It listens on 127.0.0.1 (port 0: the OS picks one),
 * records each job's bytes, and answers DLE EOT n from a state the test sets. It can misbehave on cue:
 * never answer (hung, socket kept open), close the connection after K bytes of a job, change state
 * mid-job, or send bytes nobody asked for in the middle of a job (as real printers do).
 *
 * Jobs: the bytes of a connection other than status queries, split after each cut (feeds following a
 * cut still belong to it). A job is recorded when the next one starts or the connection closes.
 */
import net from 'node:net';
import type { TicketPrintout } from '@dawr/hardware/printer';
import { parseEscPos } from './escpos-parser';

/** A ticket for tests: both languages, every line present. */
export const SAMPLE_PRINTOUT: TicketPrintout = {
  number: 'B-004',
  service: { ar: 'تجديد البطاقة الذكية', en: 'Smart card renewal' },
  branch: { ar: 'فرع سيف مول', en: 'Seef Mall branch' },
  issuedAt: Date.UTC(2025, 2, 4, 6, 15), // 09:15 in Bahrain (UTC+3)
  timezone: 'Asia/Bahrain',
  position: 3,
  estimatedWaitMin: 15,
  qrUrl: 'https://dawr.example.bh/t/7f3a9c2e4b1d',
  hotline: '80008001',
};

/** The printer's condition. */
export type TestPrinterState = 'ok' | 'near_end' | 'paper_out' | 'cover_open' | 'offline' | 'cutter_error' | 'hung';

/** Something that happens once a job has brought `afterBytes` bytes (status queries not counted). */
export interface MidJobEvent {
  afterBytes: number;
  /** Bytes to send unasked, at that point. */
  emit?: number[];
  /** New state from then on. */
  setState?: TestPrinterState;
  /** Close the connection right there (the rest of the job is never read). */
  drop?: boolean;
}

/** Answers to n = 1..4 for each state (fixed bits 0x12 in every byte). */
const ANSWERS: Record<Exclude<TestPrinterState, 'hung'>, [number, number, number, number]> = {
  ok: [0x12, 0x12, 0x12, 0x12],
  near_end: [0x12, 0x12, 0x12, 0x1e],
  paper_out: [0x1a, 0x32, 0x12, 0x7e],
  cover_open: [0x1a, 0x16, 0x12, 0x12],
  offline: [0x1a, 0x12, 0x12, 0x12],
  cutter_error: [0x1a, 0x52, 0x1a, 0x12],
};

/** See the file comment. */
export class TestPrinter {
  state: TestPrinterState = 'ok';
  /** Delay before each status answer (ms); each answer goes out as its own write. */
  answerDelayMs = 0;
  /** Bytes sent unasked right before every status answer (e.g. an Automatic Status Back packet). */
  beforeEachAnswer: number[] = [];
  /** Events for the coming job(s); each fires once. */
  midJob: MidJobEvent[] = [];
  /** Complete jobs, oldest first. */
  readonly jobs: Uint8Array[] = [];
  /** The n of every DLE EOT query received, in order. */
  readonly queries: number[] = [];
  connections = 0;
  /** Connections that have ended (by either side), in total. */
  closedConnections = 0;
  private readonly sockets = new Set<net.Socket>();
  private jobWaiters: (() => void)[] = [];
  private closeWaiters: (() => void)[] = [];

  private constructor(private readonly server: net.Server) {}

  /** Starts a printer on 127.0.0.1 and an OS-chosen port. */
  static async start(): Promise<TestPrinter> {
    const server = net.createServer();
    const printer = new TestPrinter(server);
    server.on('connection', (s) => printer.serve(s));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return printer;
  }

  get host(): string {
    return '127.0.0.1';
  }

  get port(): number {
    return (this.server.address() as net.AddressInfo).port;
  }

  /** Resolves once at least `count` jobs are recorded (rejects after `timeoutMs`). */
  async waitForJobs(count: number, timeoutMs = 2000): Promise<Uint8Array[]> {
    const until = Date.now() + timeoutMs;
    while (this.jobs.length < count) {
      if (Date.now() > until) throw new Error(`waited for ${count} job(s), have ${this.jobs.length}`);
      await new Promise<void>((r) => {
        this.jobWaiters.push(r);
        setTimeout(r, 50);
      });
    }
    return this.jobs;
  }

  /** Resolves once `count` connections have ended in total (their jobs are recorded by then). */
  async waitForClosed(count: number, timeoutMs = 2000): Promise<void> {
    if (this.closedConnections >= count) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`waited for ${count} closed connection(s), have ${this.closedConnections}`)), timeoutMs);
      const check = () => {
        if (this.closedConnections < count) return void this.closeWaiters.push(check);
        clearTimeout(timer);
        resolve();
      };
      check();
    });
  }

  /** Stops listening and drops every connection. */
  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((r) => this.server.close(() => r()));
  }

  private record(job: number[]): void {
    if (job.length === 0) return;
    this.jobs.push(Uint8Array.from(job));
    for (const w of this.jobWaiters.splice(0)) w();
  }

  private answer(socket: net.Socket, n: number): void {
    if (this.state === 'hung') return;
    const byte = ANSWERS[this.state][n - 1];
    if (byte === undefined) return; // n outside 1..4: real printers ignore it too
    const send = () => !socket.destroyed && socket.write(Uint8Array.from([...this.beforeEachAnswer, byte]));
    if (this.answerDelayMs > 0) setTimeout(send, this.answerDelayMs);
    else send();
  }

  private serve(socket: net.Socket): void {
    this.connections++;
    this.sockets.add(socket);
    // Without this, Nagle + delayed ACK hold a second small write back ~40 ms on loopback.
    socket.setNoDelay(true);
    let pending = new Uint8Array(0);
    let job: number[] = [];
    let cutSeen = false;
    let jobBytes = 0;

    socket.on('data', (chunk: Buffer) => {
      if (this.state === 'hung') return; // reads and forgets; the socket stays open
      let data: Uint8Array = chunk;
      // Mid-job events, at exact byte counts: a chunk crossing a threshold is handled in two parts.
      const event = this.midJob.filter((e) => e.afterBytes <= jobBytes + data.length).sort((a, b) => a.afterBytes - b.afterBytes)[0];
      let after: MidJobEvent | null = null;
      if (event) {
        this.midJob.splice(this.midJob.indexOf(event), 1);
        const cut = Math.max(0, event.afterBytes - jobBytes);
        after = event;
        if (event.drop) data = data.subarray(0, cut);
        else if (cut < data.length) {
          // Handle the part after the threshold once the event has fired.
          const rest = data.subarray(cut);
          data = data.subarray(0, cut);
          queueMicrotask(() => socket.emit('data', Buffer.from(rest)));
        }
      }

      const buf = new Uint8Array(pending.length + data.length);
      buf.set(pending);
      buf.set(data, pending.length);
      const { commands, consumed } = parseEscPos(buf, { partial: true });
      pending = buf.slice(consumed);
      jobBytes += data.length;
      for (const c of commands) {
        if (c.type === 'status-query') {
          jobBytes -= c.length;
          this.queries.push(c.n);
          this.answer(socket, c.n);
          continue;
        }
        if (cutSeen && c.type !== 'feed') {
          this.record(job);
          job = [];
          cutSeen = false;
        }
        for (let k = c.at; k < c.at + c.length; k++) job.push(buf[k]!);
        if (c.type === 'cut') cutSeen = true;
      }

      if (after) {
        if (after.emit) socket.write(Uint8Array.from(after.emit));
        if (after.setState) this.state = after.setState;
        if (after.drop) {
          for (const b of pending) job.push(b); // what arrived of an unfinished command
          pending = new Uint8Array(0);
          socket.destroy();
        }
      }
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      this.sockets.delete(socket);
      this.record(job);
      job = [];
      this.closedConnections++;
      for (const w of this.closeWaiters.splice(0)) w();
    });
  }
}
