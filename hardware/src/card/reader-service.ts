/**
 * The kiosk's ID-card reader: watches PC/SC for readers and cards, reads each inserted card and tells its
 * subscribers. Server-side only; plain Node (no SvelteKit imports), so it runs under vitest too.
 *
 * Supervision: smartcard's monitor never recovers once pcscd has gone (it reports an error every second), and
 * a context cannot be made while pcscd is down. So on any monitor error the monitor is dropped and pcscd is
 * probed with a fresh context: down → status 'pcsc_down' and a new attempt on a backoff timer (retryMs,
 * doubling up to maxRetryMs); up → a new monitor. Cards are read on contexts of their own (see session.ts).
 *
 * The monitor can also miss a card event while pcscd itself saw it (smartcard's monitor compares card presence
 * between two polls, so a quick out-and-in looks like nothing happened; and a monitor thread can stall). So the
 * service checks pcscd's own reader table every pollMs (card-check.ts): a difference that lasts two checks is
 * repaired (the card is read, or its removal noted), the monitor re-opened and staff told ('recovered'); a read
 * still running after stuckReadMs is started again, and after a second stall the visitor is asked to reinsert.
 * The card itself — its insertion, reads and those repairs — is card-slot.ts's; this file keeps PC/SC's readers.
 */
import type { MonitorEvent, ReaderMonitorInterface } from 'smartcard';
import { CardCheck, type Finding } from './card-check';
import { CardSlot } from './card-slot';
import { eventCount, probeReaders } from './session';
import type { CardEvent, CardEventListener, CardReaderOptions, CardReaderStatus } from './types';
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
  /** Attached readers (in pcscd's order) → whether a card is in, its ATR and pcscd's card-event count. */
  private readonly readers = new Map<string, { present: boolean; atr: Uint8Array; events: number | null }>();
  private readonly check: CardCheck;
  private statusValue: CardReaderStatus = 'pcsc_down';
  private active: string | null = null;
  private monitor: ReaderMonitorInterface | null = null;
  private monitorStartedAt = 0;
  private generation = 0;
  private running = false;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private retryDelay: number;
  private readonly slot: CardSlot;

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
      pollMs: options.pollMs ?? 1_000,
      stuckReadMs: options.stuckReadMs ?? 4_000,
    };
    this.retryDelay = this.opts.retryMs;
    this.slot = new CardSlot(this.opts, () => this.pcsc!, (event) => this.emit(event));
    this.check = new CardCheck(this.opts.pollMs, () => this.checkPcsc(), (found) => this.recover(found));
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
    this.check.stop();
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const reads = this.slot.cancel();
    this.dropMonitor();
    this.statusValue = 'pcsc_down';
    this.active = null;
    await reads;
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
    const seen = probeReaders(pcsc);
    if (seen === null) return this.pcscDown();
    this.openMonitor(pcsc);
    // The monitor reports these readers (and their cards) as attached shortly; list them now for the status.
    for (const r of seen) if (!this.readers.has(r.name)) this.readers.set(r.name, { present: false, atr: new Uint8Array(0), events: null });
    this.refreshActive();
    this.check.start();
  }

  /** Starts a monitor (a new generation: events of older ones are ignored). */
  private openMonitor(pcsc: PcscBinding): void {
    const gen = ++this.generation;
    const monitor = new pcsc.ReaderMonitor();
    try {
      monitor.start((ev) => this.onMonitorEvent(gen, ev));
    } catch {
      return this.pcscDown();
    }
    this.monitor = monitor;
    this.monitorStartedAt = Date.now();
  }

  /** Replaces a monitor that missed an event; the card in the reader (if any) stays as it is. */
  private reopenMonitor(): void {
    const old = this.monitor;
    this.monitor = null;
    try {
      old?.stop();
    } catch {
      /* pcscd gone: the new monitor's error path takes over */
    }
    if (this.pcsc && this.running) this.openMonitor(this.pcsc);
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
    const inSlot = this.slot.reader;
    if (inSlot) this.slot.cardOut(inSlot, 'pcsc');
    this.readers.clear();
  }

  private onMonitorEvent(gen: number, ev: MonitorEvent): void {
    if (gen !== this.generation || !this.running) return;
    const atr = ev.atr ?? new Uint8Array(0);
    const { SCARD_STATE_PRESENT } = this.pcsc!;
    const events = eventCount(ev.state);
    switch (ev.type) {
      case 'reader-attached':
        this.readers.set(ev.reader, { present: (ev.state & SCARD_STATE_PRESENT) !== 0, atr, events });
        if (this.active === ev.reader && this.readers.get(ev.reader)?.present) this.slot.cardIn(ev.reader, atr, events);
        return this.refreshActive();
      case 'reader-detached':
        this.readers.delete(ev.reader);
        if (this.active === ev.reader) this.slot.cardOut(ev.reader, 'card');
        return this.refreshActive();
      case 'card-inserted':
        this.readers.set(ev.reader, { present: true, atr, events });
        if (this.active === ev.reader) this.slot.cardIn(ev.reader, atr, events);
        return;
      case 'card-removed':
        this.readers.set(ev.reader, { present: false, atr: new Uint8Array(0), events });
        if (this.active === ev.reader) this.slot.cardOut(ev.reader, 'card');
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
      if (this.active && this.slot.reader === this.active) this.slot.cardOut(this.active, 'card');
      this.active = next;
      if (next) this.opts.logger.info(`card reader: using "${next}"`);
      const state = next ? this.readers.get(next) : undefined;
      if (next && state?.present) this.slot.cardIn(next, state.atr, state.events);
    }
    this.setStatus(this.active ? 'ready' : 'no_reader');
  }

  /**
   * One check of pcscd's own view of the reader in use against what the monitor reported (see the file's
   * comment). Returns the difference found, for CardCheck to act on once it has lasted two checks.
   */
  private checkPcsc(): Finding | null {
    const reader = this.active;
    const pcsc = this.pcsc;
    if (!this.running || !pcsc || !reader || !this.monitor) return null;
    return this.slot.check(reader, () => probeReaders(pcsc)?.find((r) => r.name === reader));
  }

  /** Acts on what checkPcsc() found (CardCheck calls it when the difference has lasted). */
  private recover(found: Finding): void {
    const reader = this.active;
    if (!this.running || !reader) return;
    this.opts.logger.warn(`card reader: ${found.what.replace('_', ' ')} on "${reader}": repaired${found.what === 'stuck_read' ? '' : ', PC/SC monitor re-opened'}`);
    this.emit({ kind: 'recovered', reader, what: found.what });
    if (found.what !== 'stuck_read') this.reopenMonitor();
    found.repair();
  }
}
