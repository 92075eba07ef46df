/**
 * The counter app's state: the branch snapshot (counters, services, recent calls) with live pushes
 * applied on top, the chosen counter, its current ticket and the outcome of the last command.
 */
import type {
  Branch,
  BranchSnapshot,
  CallNotice,
  ClientToServerEvents,
  Counter,
  Failure,
  HandshakeAuth,
  Lang,
  QueueChange,
  ServerToClientEvents,
  ServiceStatus,
} from '@dawr/core';
import { io, type Socket } from 'socket.io-client';
import { rememberCounter, rememberLang, rememberedCounter } from './device';

export type CounterSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * `connecting`: before the first answer; `online`: connected; `offline`: lost (or never reached) the
 * server, socket.io keeps retrying; `unenrolled`: no token, or the server refused it.
 */
export type Connection = 'connecting' | 'online' | 'offline' | 'unenrolled';

/** The ticket at this counter. `restored`: taken from the branch's recent calls after a (re)load. */
export interface CurrentTicket {
  ticketId: string;
  number: string;
  serviceId: string;
  restored: boolean;
}

/** What the last "call next" came to, when it is worth saying. */
export type Outcome = { kind: 'empty' } | { kind: 'failure'; failure: Failure } | { kind: 'noAnswer' };

/** A service of this counter's work profile, in profile order, with its live queue. */
export interface ProfileQueue {
  service: ServiceStatus;
  position: number;
}

const ACK_TIMEOUT_MS = 10_000;
const UNENROLLED_RETRY_MS = 60_000;

export class CounterState {
  lang = $state<Lang>('ar');
  connection = $state<Connection>('connecting');
  branch = $state.raw<Branch | null>(null);
  /** By counter number. */
  counters = $state.raw<Counter[]>([]);
  services = $state.raw<ServiceStatus[]>([]);
  counterId = $state<string | null>(null);
  current = $state.raw<CurrentTicket | null>(null);
  /** A command is in flight. */
  busy = $state(false);
  outcome = $state.raw<Outcome | null>(null);

  /** The chosen counter, once the snapshot has it (a remembered id the branch no longer has is null). */
  counter = $derived<Counter | null>(this.counters.find((c) => c.id === this.counterId) ?? null);

  /** The waiting count of every service this counter serves, in its profile's order. */
  queue = $derived.by<ProfileQueue[]>(() => {
    const counter = this.counter;
    if (!counter) return [];
    const out: ProfileQueue[] = [];
    for (const entry of [...counter.profile].sort((a, b) => a.position - b.position)) {
      const service = this.services.find((s) => s.id === entry.serviceId);
      if (service) out.push({ service, position: entry.position });
    }
    return out;
  });

  /** "Call next" can be pressed: connected, a counter chosen, nothing in flight. */
  canCall = $derived(this.connection === 'online' && this.counter !== null && !this.busy);

  #recentCalls: CallNotice[] = [];
  /** Tickets this app has seen finished (by a later "call next"): never restored as current. */
  #finished = new Set<string>();
  #callsVersion = -1;
  #queueVersion = -1;
  #socket: CounterSocket | null = null;
  #token: string | null = null;
  #retry: ReturnType<typeof setTimeout> | undefined;

  constructor(lang: Lang = 'ar') {
    this.lang = lang;
    this.counterId = rememberedCounter();
  }

  setLang(lang: Lang): void {
    this.lang = lang;
    rememberLang(lang);
    // Server errors come with both languages; the handshake language only matters on reconnection.
    if (this.#socket && this.#token) this.#socket.auth = { token: this.#token, lang } satisfies HandshakeAuth;
  }

  chooseCounter(counterId: string): void {
    this.counterId = counterId;
    rememberCounter(counterId);
    this.outcome = null;
    this.current = null;
    this.#restoreCurrent();
  }

  clearCounter(): void {
    this.counterId = null;
    rememberCounter(null);
    this.current = null;
    this.outcome = null;
  }

  /** A snapshot always replaces the branch picture; the current ticket is kept or restored. */
  applySnapshot(s: BranchSnapshot): void {
    this.branch = s.branch;
    this.counters = [...s.counters].sort((a, b) => a.number - b.number);
    this.services = s.services;
    this.#recentCalls = s.recentCalls;
    this.#callsVersion = s.version;
    this.#queueVersion = s.version;
    this.#restoreCurrent();
  }

  /** A call made anywhere in the branch; one for this counter (from another tab, too) becomes current. */
  applyCall(call: CallNotice): boolean {
    if (this.branch === null || call.version <= this.#callsVersion) return false;
    this.#callsVersion = call.version;
    this.#recentCalls = [call, ...this.#recentCalls].slice(0, 20);
    if (this.counter && call.counterNumber === this.counter.number) this.#setCurrent(call, false);
    return true;
  }

  applyQueue(change: QueueChange): boolean {
    if (this.branch === null || change.version <= this.#queueVersion) return false;
    this.#queueVersion = change.version;
    this.services = change.services;
    return true;
  }

  /** Calls the next visitor to the chosen counter (this also finishes the current one, server-side). */
  async callNext(): Promise<void> {
    const counter = this.counter;
    const socket = this.#socket;
    if (!this.canCall || !counter || !socket) return;
    this.busy = true;
    this.outcome = null;
    try {
      const r = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('counter:callNext:v1', { counterId: counter.id });
      if (!r.ok) {
        this.outcome = { kind: 'failure', failure: r };
      } else if (r.ticket === null) {
        if (this.current) this.#finished.add(this.current.ticketId);
        this.current = null;
        this.outcome = { kind: 'empty' };
      } else {
        this.#setCurrent({ ticketId: r.ticket.id, number: r.ticket.number, serviceId: r.ticket.serviceId }, false);
      }
    } catch {
      this.outcome = { kind: 'noAnswer' };
    } finally {
      this.busy = false;
    }
  }

  /** Connects to the branch server of this origin; the state follows the socket from then on. */
  connect(token: string | null): void {
    this.disconnect();
    this.#token = token;
    if (!token) {
      this.connection = 'unenrolled';
      return;
    }
    const auth: HandshakeAuth = { token, lang: this.lang };
    const socket: CounterSocket = io({ auth });
    this.#socket = socket;
    this.connection = 'connecting';
    socket.on('connect', () => {
      this.connection = 'online'; // the server pushes a fresh snapshot right away
    });
    socket.on('disconnect', (reason) => {
      if (reason === 'io client disconnect') return;
      this.connection = 'offline';
      if (reason === 'io server disconnect') socket.connect(); // socket.io does not retry this one itself
    });
    socket.on('connect_error', (err) => {
      if (err.message === 'UNAUTHENTICATED') {
        this.connection = 'unenrolled';
        clearTimeout(this.#retry);
        this.#retry = setTimeout(() => socket.connect(), UNENROLLED_RETRY_MS);
      } else if (this.connection !== 'unenrolled') {
        this.connection = 'offline';
      }
    });
    socket.on('branch:snapshot:v1', (s) => this.applySnapshot(s));
    socket.on('ticket:called:v1', (c) => this.applyCall(c));
    socket.on('queue:changed:v1', (q) => this.applyQueue(q));
  }

  disconnect(): void {
    clearTimeout(this.#retry);
    this.#socket?.disconnect();
    this.#socket = null;
  }

  #setCurrent(t: { ticketId: string; number: string; serviceId: string }, restored: boolean): void {
    const previous = this.current;
    if (previous && previous.ticketId !== t.ticketId) this.#finished.add(previous.ticketId);
    this.current = { ticketId: t.ticketId, number: t.number, serviceId: t.serviceId, restored };
  }

  /** After a (re)load or reconnection: the counter's latest call today, unless known to be finished. */
  #restoreCurrent(): void {
    const counter = this.counter;
    if (!counter) return;
    const latest = this.#recentCalls.find((c) => c.counterNumber === counter.number);
    if (!latest || this.#finished.has(latest.ticketId) || latest.ticketId === this.current?.ticketId) return;
    this.#setCurrent(latest, true);
  }
}
