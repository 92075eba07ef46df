/**
 * The counter app's state: the branch as the server last described it (snapshot + staff ticket list),
 * the chosen counter, its current ticket, kiosk alerts, and the commands sent from this screen.
 *
 * The server is the only source of truth. This state reads the snapshot and the ticket list once per
 * connection, then applies what the server pushes after every committed change: `queue:changed` (the
 * services' counts) and `staff:queue` (the tickets written since, the tickets held at counters, the
 * counters when they changed). So a second tab or another clerk's action shows here without a re-read,
 * and a command's result is on screen before the buttons come back. Command types and push waiting:
 * commands.ts; the shared read and the ticket list's merge: reads.ts; the link's health: @dawr/ui/link.
 */
import {
  withCounts,
  type Branch,
  type BranchSnapshot,
  type BranchSync,
  type ClientToServerEvents,
  type Counter,
  type CounterTicket,
  type DeviceAlert,
  type Failure,
  type HandshakeAuth,
  type Lang,
  type ServerToClientEvents,
  type ServiceStatus,
  type StaffQueueChange,
  type StaffTicket,
} from '@dawr/core';
import type { ReportView } from '@dawr/core/reports';
import { SocketLink, type LinkState } from '@dawr/ui/link';
import { io, type Socket } from 'socket.io-client';
import { ACK_TIMEOUT_MS, NO_PUSH, PUSH_WAIT_MS, PushWaiters, type CommandInput, type CommandName, type CommandOk, type Notice } from './commands';
import { rememberCounter, rememberLang, rememberedCounter } from './device';
import { applyTickets, SharedRead } from './reads';

export type { CommandInput, CommandName, CommandOk, Notice } from './commands';

export type CounterSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * The link's health (see @dawr/ui/link); `unenrolled`: the device token was refused; `signedOut`: the
 * staff session is gone (expired, or signed out in another tab).
 */
export type Connection = LinkState<'unenrolled' | 'signedOut'>;

/** The ticket this counter holds (called or serving), with the clerk's view of it once loaded. */
export interface CurrentTicket extends CounterTicket {
  detail: StaffTicket | null;
}

/** A service of this counter's work profile, in profile order, with its live queue. */
export interface ProfileQueue {
  service: ServiceStatus;
  position: number;
  weight: number;
}

/** How long to wait before asking again with a refused device token (it may be enrolled meanwhile). */
const UNENROLLED_RETRY_MS = 60_000;

export class CounterState {
  lang = $state<Lang>('ar');
  branch = $state.raw<Branch | null>(null);
  /** By counter number. */
  counters = $state.raw<Counter[]>([]);
  services = $state.raw<ServiceStatus[]>([]);
  counterTickets = $state.raw<CounterTicket[]>([]);
  /** Every active ticket (waiting, called, serving, parked), as staff see them; empty for devices that may not. */
  tickets = $state.raw<StaffTicket[]>([]);
  alerts = $state.raw<DeviceAlert[]>([]);
  /** The branch's sync with the centre: pushed to managers only (null for everyone else). */
  sync = $state.raw<BranchSync | null>(null);
  /** Today's report: pushed to managers only (null for everyone else). */
  reportsToday = $state.raw<ReportView | null>(null);
  counterId = $state<string | null>(null);
  /** A command (and the re-read after it) is in flight. */
  busy = $state(false);
  /** Which command is in flight, for a button to say what it is doing. */
  pending = $state<CommandName | null>(null);
  notice = $state.raw<Notice | null>(null);
  /** The branch clock now, ticking every second (server time, so waits match the server's). */
  now = $state(Date.now());

  /** The chosen counter, once the snapshot has it (a remembered id the branch no longer has is null). */
  counter = $derived<Counter | null>(this.counters.find((c) => c.id === this.counterId) ?? null);

  /** The ticket the chosen counter holds, from the server's counter tickets (authoritative). */
  current = $derived.by<CurrentTicket | null>(() => {
    const held = this.counterTickets.find((c) => c.counterId === this.counterId);
    if (!held) return null;
    return { ...held, detail: this.tickets.find((t) => t.id === held.ticketId) ?? null };
  });

  /** Tickets parked by the chosen counter, oldest first. */
  parked = $derived.by<StaffTicket[]>(() => {
    const n = this.counter?.number;
    return this.tickets.filter((t) => t.state === 'parked' && t.counterNumber === n).sort((a, b) => a.arrivedAt - b.arrivedAt);
  });

  /** The services this counter serves, in its profile's order, with their live queues. */
  queue = $derived.by<ProfileQueue[]>(() => {
    const counter = this.counter;
    if (!counter) return [];
    const out: ProfileQueue[] = [];
    for (const entry of [...counter.profile].sort((a, b) => a.position - b.position)) {
      const service = this.services.find((s) => s.id === entry.serviceId);
      if (service) out.push({ service, position: entry.position, weight: entry.weight });
    }
    return out;
  });

  /** "Call next" can be pressed: connected, an open counter chosen, nothing in flight. */
  canCall = $derived(this.connection === 'online' && this.counter !== null && this.counter.open && !this.busy);
  /** Any command can be sent now. */
  ready = $derived(this.connection === 'online' && !this.busy);

  #link = new SocketLink<'unenrolled' | 'signedOut'>();
  get connection(): Connection {
    return this.#link.state;
  }

  #version = -1;
  #offset = 0;
  #socket: CounterSocket | null = null;
  #auth: HandshakeAuth = {};
  #ticker: ReturnType<typeof setInterval> | undefined;
  #reads = new SharedRead(() => this.#load());
  #pushes = new PushWaiters();

  constructor(lang: Lang = 'ar') {
    this.lang = lang;
    this.counterId = rememberedCounter();
  }

  /** Switches the screen's language (remembered on this browser). */
  setLang(lang: Lang): void {
    this.lang = lang;
    rememberLang(lang);
    // Server errors come with both languages; the handshake language only matters on reconnection.
    this.#auth = { ...this.#auth, lang };
    if (this.#socket) this.#socket.auth = this.#auth;
  }

  /** Sits this screen at a counter (remembered, so a reload or a second tab opens at it). */
  chooseCounter(counterId: string): void {
    this.counterId = counterId;
    rememberCounter(counterId);
    this.notice = null;
  }

  /** Back to choosing a counter. */
  clearCounter(): void {
    this.counterId = null;
    rememberCounter(null);
    this.notice = null;
  }

  /** A snapshot replaces the branch picture, unless an answer to a later change is already shown. */
  applySnapshot(s: BranchSnapshot): boolean {
    if (s.version < this.#version) return false;
    this.#version = s.version;
    this.#offset = s.serverTime - Date.now();
    this.now = s.serverTime;
    this.branch = s.branch;
    this.counters = [...s.counters].sort((a, b) => a.number - b.number);
    this.services = s.services;
    this.counterTickets = s.counterTickets;
    return true;
  }

  /** Applies a staff push: tickets written since the last one, tickets at counters, counters if they changed. */
  applyStaffChange(c: StaffQueueChange): boolean {
    this.#pushes.arrived();
    if (c.version < this.#version) return false;
    this.#version = c.version;
    if (c.counters) this.counters = [...c.counters].sort((a, b) => a.number - b.number);
    this.counterTickets = c.counterTickets;
    if (c.tickets.length) this.tickets = applyTickets(this.tickets, c.tickets);
    return true;
  }

  /**
   * Re-reads the snapshot and the ticket list. Calls made while a read is in flight share one more read
   * started after it, so whoever awaits this sees every change committed before they asked.
   */
  refresh(): Promise<void> {
    return this.#reads.run();
  }

  async #load(): Promise<void> {
    const socket = this.#socket;
    if (!socket?.connected) return;
    try {
      const [snap, list] = await Promise.all([
        socket.timeout(ACK_TIMEOUT_MS).emitWithAck('branch:snapshot:v1', {}),
        socket.timeout(ACK_TIMEOUT_MS).emitWithAck('queue:list:v1', {}),
      ]);
      if (!snap.ok) return;
      // A push that overtook the snapshot was newer; the list was read after both, so it always applies.
      this.applySnapshot(snap.snapshot);
      // A device that may not see the staff list (a display token) keeps an empty one.
      this.tickets = list.ok ? list.tickets : [];
    } catch {
      // No answer: the connection handlers show it, and the next push or reconnection reads again.
    }
  }

  /**
   * Sends one command and waits for its answer and for the branch picture that follows it, with the
   * buttons disabled meanwhile (so a second key press never acts on a stale state). A refusal becomes
   * the notice; the answer is returned when it succeeded.
   */
  async send<E extends CommandName>(event: E, input: CommandInput<E>): Promise<CommandOk<E> | null> {
    const socket = this.#socket;
    if (!socket || this.busy) return null;
    this.busy = true;
    this.pending = event;
    this.notice = null;
    try {
      const emit = socket.timeout(ACK_TIMEOUT_MS).emitWithAck.bind(socket) as unknown as (e: E, i: CommandInput<E>) => Promise<CommandOk<E> | Failure>;
      const r = await emit(event, input);
      // Any push that arrives after the answer on this same socket was made after the change committed:
      // wait for it (not a re-read), so the screen shows the result before the buttons come back. A
      // refusal changed nothing; a command that changed nothing gets no push, and the list is read again.
      if (!r.ok) await this.refresh();
      else if (!NO_PUSH.has(event) && !(await this.#pushes.next(PUSH_WAIT_MS))) await this.refresh();
      if (!r.ok) {
        this.notice = { kind: 'failure', failure: r };
        return null;
      }
      return r;
    } catch {
      this.notice = { kind: 'noAnswer' };
      return null;
    } finally {
      this.busy = false;
      this.pending = null;
    }
  }

  /** Calls the next visitor by the counter's work profile (this also finishes the current one, server-side). */
  async callNext(): Promise<void> {
    const counter = this.counter;
    if (!this.canCall || !counter) return;
    const r = await this.send('counter:callNext:v1', { counterId: counter.id });
    if (r && r.ticket === null) this.notice = { kind: 'empty' };
  }

  /**
   * Connects to the branch server of this origin, as a device (its token) or as signed-in staff (no
   * token: the server knows them by the session cookie). The state follows the socket from then on.
   */
  connect(as: { token: string } | { staff: true }): void {
    this.disconnect();
    const staff = 'staff' in as;
    this.#auth = staff ? { lang: this.lang } : { token: as.token, lang: this.lang };
    // Staff sockets go straight to WebSocket: its handshake always carries the Origin header the server's
    // same-origin check needs, which a browser leaves out of same-origin long-polling GETs.
    const socket: CounterSocket = io(staff ? { auth: this.#auth, transports: ['websocket'] } : { auth: this.#auth });
    this.#socket = socket;
    this.#ticker = setInterval(() => (this.now = Date.now() + this.#offset), 1000);
    this.#link.follow(
      socket,
      (message) => {
        // A staff session that has ended cannot come back by retrying: the page asks to sign in again.
        if (staff && (message === 'UNAUTHENTICATED' || message === 'FORBIDDEN')) return { state: 'signedOut' };
        return message === 'UNAUTHENTICATED' ? { state: 'unenrolled', retryMs: UNENROLLED_RETRY_MS } : null;
      },
      () => {
        // A new connection starts over: the server may have been restarted on another database. It pushes
        // a fresh snapshot right away; the ticket list is read here.
        this.#version = -1;
        void this.refresh();
      },
    );
    socket.on('branch:snapshot:v1', (s) => this.applySnapshot(s));
    socket.on('queue:changed:v2', (q) => {
      if (q.version >= this.#version) this.services = withCounts(this.services, q.services);
    });
    socket.on('staff:queue:v2', (c) => this.applyStaffChange(c));
    socket.on('alerts:v1', (list) => (this.alerts = list));
    socket.on('sync:status:v1', (s) => (this.sync = s));
    socket.on('reports:today:v1', (v) => (this.reportsToday = v));
  }

  /** Closes the socket and stops the clock (sign-out, leaving the page). */
  disconnect(): void {
    this.#link.stop();
    clearInterval(this.#ticker);
    this.#socket?.disconnect();
    this.#socket = null;
  }
}
