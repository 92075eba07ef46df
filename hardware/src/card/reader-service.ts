/**
 * The kiosk's ID-card reader: watches PC/SC for readers and cards, reads each inserted card and tells its
 * subscribers. Server-side only; plain Node (no SvelteKit imports), so it runs under vitest too.
 *
 * Supervision: smartcard's monitor never recovers once pcscd has gone (it reports an error every second), and
 * a context cannot be made while pcscd is down. So on any monitor error the monitor is dropped and pcscd is
 * probed with a fresh context: down → status 'pcsc_down' and a new attempt on a backoff timer (retryMs,
 * doubling up to maxRetryMs); up → a new monitor. Cards are read on contexts of their own (see session.ts).
 */
import type { MonitorEvent, ReaderMonitorInterface } from 'smartcard';
import { identifyAtr, maskCpr, type IdCardData } from '@dawr/core';
import { CardReadError, readIgaCard } from './iga-reader';
import { Insertion } from './insertion';
import { CardLinkError, CardSession, probeReaders } from './session';
import { CARD_READ_RETRY, type CardEvent, type CardEventListener, type CardReadErrorCode, type CardReaderOptions, type CardReaderStatus } from './types';
import { pickReader } from './config';
import { loadSmartcard, type PcscBinding } from './pcsc';

/** A monitor that ran this long without error counts as healthy: the next failure retries quickly again. */
const HEALTHY_MS = 5_000;

/**
 * Reads Bahrain ID cards from a PC/SC reader. `start()` once; `subscribe()` for events (the current status is
 * sent to each new subscriber at once); `stop()` at shutdown. See CardEvent for what the UI receives.
 */
export class CardReaderService {
  private readonly opts: Required<Omit<CardReaderOptions, 'reader'>> & Pick<CardReaderOptions, 'reader'>;
  /** The PC/SC binding once loaded; null before, or for good when it could not be loaded. */
  private pcsc: PcscBinding | null = null;
  private loading: Promise<void> | null = null;
  private readonly listeners = new Set<CardEventListener>();
  /** Attached readers (in pcscd's order) → whether a card is in, and its ATR. */
  private readonly readers = new Map<string, { present: boolean; atr: Uint8Array }>();
  private statusValue: CardReaderStatus = 'pcsc_down';
  private active: string | null = null;
  private monitor: ReaderMonitorInterface | null = null;
  private monitorStartedAt = 0;
  private generation = 0;
  private running = false;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private retryDelay: number;
  private insertion: Insertion | null = null;
  private readonly reads = new Set<Promise<void>>();

  constructor(options: CardReaderOptions = {}) {
    this.opts = {
      reader: options.reader,
      apduTimeoutMs: options.apduTimeoutMs ?? 3_000,
      connectTimeoutMs: options.connectTimeoutMs ?? 5_000,
      removalGraceMs: options.removalGraceMs ?? 2_000,
      retryMs: options.retryMs ?? 500,
      maxRetryMs: options.maxRetryMs ?? 5_000,
      logger: options.logger ?? console,
      loadPcsc: options.loadPcsc ?? loadSmartcard,
    };
    this.retryDelay = this.opts.retryMs;
  }

  /** 'ready' | 'no_reader' | 'pcsc_down' (also before start() and after stop()) | 'driver_missing'. */
  get status(): CardReaderStatus {
    return this.statusValue;
  }

  /** The reader in use, or null. */
  get reader(): string | null {
    return this.active;
  }

  /** Adds a listener; it is called at once with the current status. Returns the unsubscribe function. */
  subscribe(listener: CardEventListener): () => void {
    this.listeners.add(listener);
    listener({ kind: 'status', status: this.statusValue, reader: this.active });
    return () => this.listeners.delete(listener);
  }

  /**
   * Starts watching PC/SC (retrying on its own while pcscd is down). Idempotent. The binding is loaded first;
   * if it cannot be (not installed), the status becomes 'driver_missing' and stays so: the reader is absent.
   */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.retryDelay = this.opts.retryMs;
    if (this.pcsc) return this.connect();
    this.loading ??= this.opts.loadPcsc().then(
      (binding) => {
        this.pcsc = binding;
      },
      (e: unknown) => {
        this.opts.logger.warn(`card reader: the PC/SC binding could not be loaded: ${e instanceof Error ? e.message : String(e)}`);
      },
    );
    void this.loading.then(() => {
      if (!this.running) return;
      if (this.pcsc) this.connect();
      else this.setStatus('driver_missing');
    });
  }

  /** Resolves once the PC/SC binding has been loaded or has failed to load (after start()). */
  async loaded(): Promise<boolean> {
    await this.loading;
    return this.pcsc !== null;
  }

  /** Stops watching; resolves once a read in progress has ended. No events are sent after it is called. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    if (this.insertion) this.insertion.cancelled = true;
    this.insertion = null;
    this.dropMonitor();
    this.statusValue = 'pcsc_down';
    this.active = null;
    await Promise.all([...this.reads]);
  }

  private emit(event: CardEvent): void {
    if (!this.running) return;
    for (const l of [...this.listeners]) {
      try {
        l(event);
      } catch (e) {
        this.opts.logger.warn(`card reader: a listener threw: ${(e as Error).message}`);
      }
    }
  }

  private setStatus(status: CardReaderStatus): void {
    if (status === this.statusValue) return;
    this.statusValue = status;
    this.opts.logger.info(`card reader: ${status}${this.active ? ` (${this.active})` : ''}`);
    this.emit({ kind: 'status', status, reader: this.active });
  }

  private connect(): void {
    this.retryTimer = null;
    const pcsc = this.pcsc;
    if (!this.running || !pcsc) return;
    const names = probeReaders(pcsc);
    if (names === null) return this.pcscDown();
    const gen = ++this.generation;
    const monitor = new pcsc.ReaderMonitor();
    try {
      monitor.start((ev) => this.onMonitorEvent(gen, ev));
    } catch {
      return this.pcscDown();
    }
    this.monitor = monitor;
    this.monitorStartedAt = Date.now();
    // The monitor reports these readers (and their cards) as attached shortly; list them now for the status.
    for (const name of names) if (!this.readers.has(name)) this.readers.set(name, { present: false, atr: new Uint8Array(0) });
    this.refreshActive();
  }

  private pcscDown(): void {
    this.active = null;
    this.setStatus('pcsc_down');
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    if (!this.running || this.retryTimer) return;
    this.retryTimer = setTimeout(() => this.connect(), this.retryDelay);
    this.retryDelay = Math.min(this.retryDelay * 2, this.opts.maxRetryMs);
  }

  /** Stops the monitor (blocks up to ~1 s when pcscd is gone: the native thread finishes its pause). */
  private dropMonitor(): void {
    this.generation++;
    const monitor = this.monitor;
    this.monitor = null;
    try {
      monitor?.stop();
    } catch {
      /* pcscd gone */
    }
    if (this.insertion) this.cardOut(this.insertion.reader, 'pcsc');
    this.readers.clear();
  }

  private onMonitorEvent(gen: number, ev: MonitorEvent): void {
    if (gen !== this.generation || !this.running) return;
    const atr = ev.atr ?? new Uint8Array(0);
    const { SCARD_STATE_PRESENT } = this.pcsc!;
    switch (ev.type) {
      case 'reader-attached':
        this.readers.set(ev.reader, { present: (ev.state & SCARD_STATE_PRESENT) !== 0, atr });
        if (this.active === ev.reader && this.readers.get(ev.reader)?.present) this.cardIn(ev.reader, atr);
        return this.refreshActive();
      case 'reader-detached':
        this.readers.delete(ev.reader);
        if (this.active === ev.reader) this.cardOut(ev.reader, 'card');
        return this.refreshActive();
      case 'card-inserted':
        this.readers.set(ev.reader, { present: true, atr });
        if (this.active === ev.reader) this.cardIn(ev.reader, atr);
        return;
      case 'card-removed':
        this.readers.set(ev.reader, { present: false, atr: new Uint8Array(0) });
        if (this.active === ev.reader) this.cardOut(ev.reader, 'card');
        return;
      case 'error': {
        // The monitor's context is broken (pcscd stopped or restarted): start over.
        this.opts.logger.warn(`card reader: PC/SC monitor error: ${ev.reader}`);
        if (Date.now() - this.monitorStartedAt > HEALTHY_MS) this.retryDelay = this.opts.retryMs;
        this.dropMonitor();
        if (probeReaders(this.pcsc!) === null) return this.pcscDown();
        return this.scheduleRetry();
      }
    }
  }

  /** Picks the reader to use among those attached and updates the status. */
  private refreshActive(): void {
    const next = pickReader([...this.readers.keys()], this.opts.reader);
    if (next !== this.active) {
      if (this.active && this.insertion?.reader === this.active) this.cardOut(this.active, 'card');
      this.active = next;
      if (next) this.opts.logger.info(`card reader: using "${next}"`);
      const state = next ? this.readers.get(next) : undefined;
      if (next && state?.present) this.cardIn(next, state.atr);
    }
    this.setStatus(this.active ? 'ready' : 'no_reader');
  }

  private cardIn(reader: string, atr: Uint8Array): void {
    if (this.insertion?.reader === reader && !this.insertion.removed) {
      if (!this.insertion.done) return; // the same card, reported twice
      this.cardOut(reader, 'card'); // a removal we did not see
    }
    const ins = new Insertion(reader, atr);
    this.insertion = ins;
    this.emit({ kind: 'inserted', reader });
    const read = this.read(ins).finally(() => this.reads.delete(read));
    this.reads.add(read);
  }

  private cardOut(reader: string, cause: 'card' | 'pcsc'): void {
    const ins = this.insertion;
    if (!ins || ins.reader !== reader) return;
    this.insertion = null;
    ins.markRemoved(cause);
    if (ins.done && !ins.cancelled) this.emit({ kind: 'removed', reader });
  }

  private async read(ins: Insertion): Promise<void> {
    const t0 = Date.now();
    let event: CardEvent;
    try {
      const data = await this.readCard(ins);
      this.opts.logger.info(`card reader: read card ${maskCpr(data.cpr)} in ${Date.now() - t0} ms`);
      event = { kind: 'read', reader: ins.reader, data };
    } catch (e) {
      const { code, detail } = await this.classify(ins, e);
      this.opts.logger.warn(`card reader: card not read after ${Date.now() - t0} ms: ${code} (${detail})`);
      event = { kind: 'error', reader: ins.reader, code, retry: CARD_READ_RETRY[code], detail };
    }
    ins.done = true;
    if (ins.cancelled) return;
    this.emit(event);
    if (ins.removed) this.emit({ kind: 'removed', reader: ins.reader });
  }

  private async readCard(ins: Insertion): Promise<IdCardData> {
    if (ins.atr.length > 0 && identifyAtr(ins.atr) === 'iga-v1-unsupported') {
      throw new CardReadError('UNSUPPORTED_CARD', 'first-generation card (ATR)');
    }
    const session = await CardSession.open(this.pcsc!, ins.reader, this.opts.connectTimeoutMs);
    try {
      const atr = session.atr;
      if (ins.atr.length === 0 && atr && identifyAtr(atr) === 'iga-v1-unsupported') {
        throw new CardReadError('UNSUPPORTED_CARD', 'first-generation card (ATR)');
      }
      // An unknown ATR is still tried: the applet's SELECT decides (new card batches bring new ATRs).
      return await readIgaCard((cmd) => session.transmit(cmd, this.opts.apduTimeoutMs));
    } finally {
      session.close();
    }
  }

  /** Turns a failure into an error code; a transport failure counts as a removal if pcscd reports one soon. */
  private async classify(ins: Insertion, e: unknown): Promise<{ code: CardReadErrorCode; detail: string }> {
    if (e instanceof CardReadError) return { code: e.code, detail: e.detail };
    const detail = e instanceof Error ? e.message : String(e);
    if (!(e instanceof CardLinkError)) return { code: 'UNREADABLE_CARD', detail };
    if (e.reason === 'timeout') return { code: 'READ_TIMEOUT', detail };
    if (e.reason === 'removed' || (await ins.removedWithin(this.opts.removalGraceMs))) {
      return { code: ins.removed === 'pcsc' ? 'UNREADABLE_CARD' : 'CARD_REMOVED', detail };
    }
    return { code: 'UNREADABLE_CARD', detail };
  }
}
