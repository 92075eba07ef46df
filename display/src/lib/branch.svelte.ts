/**
 * The display's picture of the branch: the last snapshot, with live pushes applied on top. Everything
 * here is drawn from `branch:snapshot:v1`, `ticket:called:v2` and `queue:changed:v2` (core/contracts.ts).
 * A call and a queue push carry counts only; they are applied to the services of the last snapshot.
 */
import {
  withCounts,
  type Branch,
  type BranchSnapshot,
  type CallNotice,
  type ClientToServerEvents,
  type HandshakeAuth,
  type Lang,
  type QueueChange,
  type ServerToClientEvents,
  type ServiceStatus,
} from '@dawr/core';
import { io, type Socket } from 'socket.io-client';
import { SocketLink, type LinkState } from '@dawr/ui/link';

export type DisplaySocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** The link's health (see @dawr/ui/link); `unenrolled`: no token, or the server refused it. */
export type Connection = LinkState<'unenrolled'>;

export type CallListener = (call: CallNotice) => void;

/** How many calls the display lists. */
export const RECENT_CALLS = 8;

/** How long to wait before asking again with a refused token (the device may be enrolled meanwhile). */
const UNENROLLED_RETRY_MS = 60_000;

/** Most recent first, one row per ticket (a recall moves the ticket back to the top). */
function latestPerTicket(calls: readonly CallNotice[]): CallNotice[] {
  const seen = new Set<string>();
  const out: CallNotice[] = [];
  for (const c of calls) {
    if (seen.has(c.ticketId)) continue;
    seen.add(c.ticketId);
    out.push(c);
    if (out.length === RECENT_CALLS) break;
  }
  return out;
}

export class BranchState {
  /**
   * @param shown the display's profile: service codes (or ids) to show and announce; null = all. Calls
   *   and waiting counts of other services are left out before anything is drawn or announced.
   */
  constructor(readonly shown: ReadonlySet<string> | null = null) {}

  branch = $state.raw<Branch | null>(null);
  services = $state.raw<ServiceStatus[]>([]);
  /** Most recent first. */
  calls = $state.raw<CallNotice[]>([]);
  /** Counts calls that arrived live (not from a snapshot): the display flashes on each. */
  liveCalls = $state(0);
  /** Server clock minus this browser's clock, from the last snapshot (ms). */
  clockOffset = $state(0);

  latest = $derived<CallNotice | null>(this.calls[0] ?? null);

  #link = new SocketLink<'unenrolled'>();
  get connection(): Connection {
    return this.#link.state;
  }

  /** Ids of the services this display shows (from the last snapshot); null = all. */
  #shownIds: Set<string> | null = null;
  #callsVersion = -1;
  #queueVersion = -1;
  #listeners = new Set<CallListener>();
  #socket: DisplaySocket | null = null;

  /**
   * Subscribes to live calls (new calls and recalls, never those a snapshot restores): the place where
   * audio announcements will hook in. Returns the unsubscribe function.
   */
  onCall(listener: CallListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** A snapshot always replaces the whole picture. */
  applySnapshot(s: BranchSnapshot, receivedAt = Date.now()): void {
    this.branch = s.branch;
    this.services = this.#profile(s.services);
    this.calls = latestPerTicket(s.recentCalls.filter((c) => this.#shows(c.serviceId)));
    this.clockOffset = s.serverTime - receivedAt;
    this.#callsVersion = s.version;
    this.#queueVersion = s.version;
  }

  /** Applies a live call unless the picture already has it (same or older version). */
  applyCall(call: CallNotice): boolean {
    if (this.branch === null || call.version <= this.#callsVersion) return false;
    this.#callsVersion = call.version;
    if (!this.#shows(call.serviceId)) return false; // another floor's call: not shown, not announced
    this.calls = latestPerTicket([call, ...this.calls]);
    this.liveCalls++;
    for (const l of this.#listeners) {
      try {
        l(call);
      } catch (e) {
        console.error('call listener failed', e);
      }
    }
    return true;
  }

  /** Applies new waiting counts unless they are not newer than those shown. */
  applyQueue(change: QueueChange): boolean {
    if (this.branch === null || change.version <= this.#queueVersion) return false;
    this.#queueVersion = change.version;
    this.services = withCounts(this.services, change.services);
    return true;
  }

  /** Keeps the services of this display's profile and remembers their ids (calls carry only the id). */
  #profile(services: ServiceStatus[]): ServiceStatus[] {
    const shown = this.shown;
    if (!shown) return services;
    const kept = services.filter((s) => shown.has(s.code) || shown.has(s.id));
    if (kept.length === 0 && this.#shownIds === null) console.warn('display profile matches no service:', [...shown]);
    this.#shownIds = new Set(kept.map((s) => s.id));
    return kept;
  }

  #shows(serviceId: string): boolean {
    return this.#shownIds === null || this.#shownIds.has(serviceId);
  }

  /** The branch's time now, by the server's clock. */
  serverNow(local = Date.now()): number {
    return local + this.clockOffset;
  }

  /** Connects to the branch server of this origin; the state follows the socket from then on. */
  connect(token: string | null, lang: Lang): void {
    this.disconnect();
    if (!token) return this.#link.refuse('unenrolled');
    const auth: HandshakeAuth = { token, lang };
    const socket: DisplaySocket = io({ auth });
    this.#socket = socket;
    // The server pushes a fresh snapshot on every connection; a refused token is tried again now and then.
    this.#link.follow(socket, (m) => (m === 'UNAUTHENTICATED' ? { state: 'unenrolled', retryMs: UNENROLLED_RETRY_MS } : null));
    socket.on('branch:snapshot:v1', (s) => this.applySnapshot(s));
    socket.on('ticket:called:v2', ({ services, ...call }) => {
      this.applyQueue({ version: call.version, services });
      this.applyCall(call);
    });
    socket.on('queue:changed:v2', (q) => this.applyQueue(q));
  }

  disconnect(): void {
    this.#link.stop();
    this.#socket?.disconnect();
    this.#socket = null;
  }
}
