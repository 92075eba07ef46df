/**
 * A virtual smart card for vsmartcard's vpcd reader driver (pcscd's "Virtual PCD 00 00" listens on TCP 35963).
 * Inserting = connecting; removing = closing the connection. Personas: see card-persona.ts.
 *
 * The card's link to vpcd lives in a child process, the card host (card-host.ts says why: a card answered from
 * the test's own main thread deadlocks with a synchronous PC/SC call there). This object is its stand-in:
 * it mirrors what the card saw (control bytes, APDUs) and its presence.
 *
 *   const card = await insertCard({ kind: 'legacy', holder: sampleHolder() });
 *   await card.remove();
 */
import { fork, type ChildProcess } from 'node:child_process';
import { EventEmitter, once } from 'node:events';
import { fileURLToPath } from 'node:url';
import type { HostEvent, HostRequest } from './card-host';
import type { Persona } from './card-persona';
import { VPCD_PORTS } from './vpcd-protocol';

export { ATRS, type Persona } from './card-persona';

export interface InsertOptions {
  /** vpcd's port: 35963 for "Virtual PCD 00 00" (default), 35964 for "… 00 01". */
  port?: number;
  host?: string;
  /** How long to wait for the TCP connection (ms). */
  connectTimeoutMs?: number;
}

/**
 * An inserted virtual card. Events: 'control' (byte), 'apdu' (Buffer), 'close'.
 * `apdus` lists every command APDU received, in order (including unanswered ones).
 */
export class VirtualCard extends EventEmitter {
  readonly apdus: Buffer[] = [];
  readonly controls: number[] = [];
  /** Resolves when vpcd first asks for the ATR or powers the card (pcscd has noticed it). */
  readonly seen: Promise<void>;
  /** Resolves when the connection is closed, by us or by pcscd. */
  readonly closed: Promise<void>;
  private isClosed = false;

  constructor(
    readonly persona: Persona,
    private readonly id: number,
    private readonly host: CardHost,
  ) {
    super();
    this.seen = new Promise((resolve) => this.once('control', () => resolve()));
    this.closed = new Promise((resolve) => this.once('close', () => resolve()));
  }

  /** Whether the card is still "in the reader" (connection open). */
  get present(): boolean {
    return !this.isClosed;
  }

  /** Takes the card out; resolves once the connection is closed. */
  async remove(): Promise<void> {
    if (!this.isClosed) this.host.send({ op: 'remove', id: this.id });
    await this.closed;
  }

  /** Resolves once `n` APDUs have been received in total (rejects after `timeoutMs`). */
  async waitForApdus(n: number, timeoutMs = 10_000): Promise<void> {
    const signal = AbortSignal.timeout(timeoutMs);
    while (this.apdus.length < n) await once(this, 'apdu', { signal });
  }

  /** Called by the host link. */
  onHostEvent(e: HostEvent): void {
    if (e.ev === 'control') {
      this.controls.push(e.ctrl);
      this.emit('control', e.ctrl);
    } else if (e.ev === 'apdu') {
      const apdu = Buffer.from(e.apdu);
      this.apdus.push(apdu);
      this.emit('apdu', apdu);
    } else if (e.ev === 'close' && !this.isClosed) {
      this.isClosed = true;
      this.emit('close');
    }
  }
}

/**
 * The link to the card host process (one per process, started on first use). It keeps this process alive only
 * while a card is in or being inserted, like a socket of our own would.
 */
class CardHost {
  private readonly child: ChildProcess;
  private readonly cards = new Map<number, VirtualCard>();
  private readonly connecting = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  private nextId = 1;
  readonly ready: Promise<void>;

  constructor() {
    const file = fileURLToPath(new URL('./card-host.ts', import.meta.url));
    this.child = fork(file, [], { execArgv: ['--import', 'tsx'], serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.ready = new Promise((resolve, reject) => {
      this.connecting.set(0, { resolve, reject });
      this.child.once('exit', (code) => {
        for (const w of this.connecting.values()) w.reject(new Error(`the card host exited (code ${code})`));
        for (const c of this.cards.values()) c.onHostEvent({ id: 0, ev: 'close' });
        if (hostInstance === this) hostInstance = null;
      });
    });
    this.child.on('message', (e: HostEvent) => {
      this.onMessage(e);
      this.holdOpen();
    });
    this.child.unref();
    this.holdOpen();
  }

  /** Refs the IPC channel while a card is in or on its way (or the host starting), unrefs it otherwise. */
  private holdOpen(): void {
    const channel = this.child.channel as { ref?: () => void; unref?: () => void } | null | undefined;
    if (this.cards.size > 0 || this.connecting.size > 0) channel?.ref?.();
    else channel?.unref?.();
  }

  send(req: HostRequest): void {
    this.child.send(req);
  }

  async insert(persona: Persona, port: number, host: string, connectTimeoutMs: number): Promise<VirtualCard> {
    await this.ready;
    const id = this.nextId++;
    const card = new VirtualCard(persona, id, this);
    this.cards.set(id, card);
    const connected = new Promise<void>((resolve, reject) => this.connecting.set(id, { resolve, reject }));
    this.holdOpen();
    this.send({ op: 'insert', id, persona, port, host, connectTimeoutMs });
    try {
      await connected;
    } catch (e) {
      this.cards.delete(id);
      this.holdOpen();
      throw e;
    }
    return card;
  }

  private onMessage(e: HostEvent): void {
    if (e.ev === 'connected' || e.ev === 'error') {
      const w = this.connecting.get(e.id);
      this.connecting.delete(e.id);
      if (e.ev === 'connected') w?.resolve();
      else w?.reject(new Error(e.message));
      return;
    }
    this.cards.get(e.id)?.onHostEvent(e);
    if (e.ev === 'close') this.cards.delete(e.id);
  }
}

let hostInstance: CardHost | null = null;

/**
 * Inserts a virtual card into vpcd's reader: connects to its port (35963 = "Virtual PCD 00 00" by default).
 * Resolves once connected; `card.seen` resolves when pcscd has noticed it. Rejects when nothing listens
 * (pcscd not running, or vpcd not configured).
 */
export async function insertCard(persona: Persona, opts: InsertOptions = {}): Promise<VirtualCard> {
  const { port = VPCD_PORTS[0], host = '127.0.0.1', connectTimeoutMs = 5_000 } = opts;
  hostInstance ??= new CardHost();
  return hostInstance.insert(persona, port, host, connectTimeoutMs);
}
