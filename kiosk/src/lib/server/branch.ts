/**
 * The kiosk's one connection to the branch server. Only the kiosk's server side holds it (the browser
 * never sees the device token). It keeps the latest BranchSnapshot and sends commands with a timeout.
 * Kept on globalThis: a production build may load this module twice (hooks and routes).
 */
import { env } from '$env/dynamic/private';
import {
  ERROR_MESSAGES,
  closedReason,
  dictionaries,
  withCounts,
  type AlertKind,
  type AppointmentView,
  type BranchSnapshot,
  type CheckInInput,
  type CheckInResult,
  type ClientToServerEvents,
  type DeviceAlert,
  type IssueTicketInput,
  type ErrorCode,
  type Localized,
  type PendingCardView,
  type PublicTicket,
  type ReadyCard,
  type Result,
  type ServerToClientEvents,
} from '@dawr/core';
import { io, type Socket } from 'socket.io-client';

type BranchSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Our own code for "no answer from the branch server" (not connected, or no reply in time). */
export type KioskErrorCode = ErrorCode | 'OFFLINE';

export interface KioskFailure {
  ok: false;
  code: KioskErrorCode;
  msgs: Localized;
}

/** What a page needs to draw itself. */
export interface BranchView {
  connected: boolean;
  snapshot: BranchSnapshot | null;
  /** Open now by the branch clock (the snapshot's hours and holidays), not only when the snapshot was taken. */
  open: boolean;
  /** Closed all day now: today (branch clock) is one of the branch's public holidays. */
  holiday: boolean;
}

/** The branch connection (the socket is exposed for pushes such as 'kiosk:reprint:v1' and 'connect'). */
export interface BranchLink {
  socket: BranchSocket;
  snapshot: BranchSnapshot | null;
  /** Branch clock minus our clock, from the last snapshot (the branch clock may be shifted in demos). */
  clockOffset: number;
  timeoutMs: number;
  lastError: string | null;
  /** Resolves when the first snapshot has arrived. */
  firstSnapshot: Promise<void>;
}

declare global {
  var __dawrKioskBranch: BranchLink | undefined;
}

export const OFFLINE: KioskFailure = {
  ok: false,
  code: 'OFFLINE',
  msgs: { ar: dictionaries.ar['kiosk.offline'], en: dictionaries.en['kiosk.offline'] },
};

function connect(): BranchLink {
  const url = env.DAWR_BRANCH_URL || 'http://127.0.0.1:3000';
  const token = env.DAWR_KIOSK_TOKEN || 'demo-kiosk-token';
  const timeoutMs = Number(env.DAWR_COMMAND_TIMEOUT_MS) || 5000;
  const socket: BranchSocket = io(url, {
    auth: { token, lang: 'ar' },
    transports: ['websocket'],
    reconnectionDelayMax: 5000,
  });
  let gotFirst!: () => void;
  let stopping = false;
  const link: BranchLink = {
    socket,
    snapshot: null,
    clockOffset: 0,
    timeoutMs,
    lastError: null,
    firstSnapshot: new Promise<void>((resolve) => (gotFirst = resolve)),
  };

  socket.on('connect', () => {
    if (link.lastError) console.info(`[kiosk] connected to the branch server at ${url}`);
    link.lastError = null;
  });
  socket.on('branch:snapshot:v1', (snapshot) => {
    link.snapshot = snapshot;
    link.clockOffset = snapshot.serverTime - Date.now();
    gotFirst();
  });
  // Counts only: names, requirements and the rest stay those of the snapshot (pushed again when they change).
  socket.on('queue:changed:v2', (change) => {
    if (link.snapshot && change.version >= link.snapshot.version) {
      link.snapshot = { ...link.snapshot, version: change.version, services: withCounts(link.snapshot.services, change.services) };
    }
  });
  socket.on('connect_error', (err) => {
    if (err.message !== link.lastError) console.warn(`[kiosk] branch server ${url}: ${err.message}`);
    link.lastError = err.message;
    // A refusal by the server (e.g. UNAUTHENTICATED) stops socket.io's own retries: keep trying.
    if (!socket.active && !stopping) setTimeout(() => socket.connect(), 5000).unref();
  });
  socket.on('disconnect', (reason) => {
    console.warn(`[kiosk] disconnected from the branch server: ${reason}`);
    if (reason === 'io server disconnect' && !stopping) setTimeout(() => socket.connect(), 1000).unref();
  });
  // adapter-node stops listening on SIGTERM/SIGINT, then waits for the event loop to empty: let go.
  process.once('sveltekit:shutdown', () => {
    stopping = true;
    socket.close();
  });
  return link;
}

/** The connection, opened on first use. */
export function branchLink(): BranchLink {
  return (globalThis.__dawrKioskBranch ??= connect());
}

/**
 * The current picture. Right after start-up, waits up to `waitMs` for the first snapshot (not once a
 * connection attempt has failed: then an offline kiosk answers at once).
 */
export async function branchView(waitMs = 2000): Promise<BranchView> {
  const link = branchLink();
  if (!link.snapshot && link.lastError === null && waitMs > 0) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([link.firstSnapshot, new Promise((r) => (timer = setTimeout(r, waitMs)))]);
    clearTimeout(timer);
  }
  const { snapshot, socket } = link;
  // A snapshot from a server older than holidays has none.
  const closed = snapshot ? closedReason(Date.now() + link.clockOffset, snapshot.branch, snapshot.holidays ?? []) : 'hours';
  return { connected: socket.connected, snapshot, open: closed === null, holiday: closed === 'holiday' };
}

/** Now by the branch clock (which may be shifted in demos and tests). */
export function branchNow(): number {
  return Date.now() + branchLink().clockOffset;
}

/**
 * Sends one command and turns every outcome into a value: the answer, the server's refusal (with its
 * messages), or OFFLINE when not connected or no answer came in time. Never throws.
 */
async function command<T extends object>(name: string, send: (socket: BranchSocket, timeoutMs: number) => Promise<Result<T>>): Promise<({ ok: true } & T) | KioskFailure> {
  const link = branchLink();
  // Not connected: fail now. socket.io would buffer the command and might issue a ticket nobody sees.
  if (!link.socket.connected) return OFFLINE;
  try {
    const r = await send(link.socket, link.timeoutMs);
    if (r.ok) return r;
    // A newer server might answer without `msgs`: fall back to our copy of the messages.
    const msgs = r.msgs ?? ERROR_MESSAGES[r.code] ?? ERROR_MESSAGES.INTERNAL;
    return { ok: false, code: r.code, msgs };
  } catch (e) {
    console.warn(`[kiosk] ${name} got no answer: ${e instanceof Error ? e.message : String(e)}`);
    return OFFLINE;
  }
}

/** A ticket and the token of its phone page. */
export type TicketResult = { ok: true; ticket: PublicTicket; trackToken: string } | KioskFailure;

/**
 * Asks the branch server for a walk-in ticket. `requestId` is the idempotency key of the visitor's request:
 * sent again after a timeout, it returns the ticket already issued.
 */
export async function issueTicket(input: IssueTicketInput): Promise<TicketResult> {
  // socket.io's types lose the answer's type with timeout() (the ack gains an error argument): restate it.
  return command('ticket:issue:v1', (s, ms): Promise<Result<{ ticket: PublicTicket; trackToken: string }>> => s.timeout(ms).emitWithAck('ticket:issue:v1', input));
}

/** Today's appointments at this branch for a CPR, an appointment id or a booking token. */
export async function findAppointments(query: { cpr: string } | { appointmentId: string } | { token: string }): Promise<{ ok: true; appointments: AppointmentView[] } | KioskFailure> {
  return command('appointment:find:v1', (s, ms): Promise<Result<{ appointments: AppointmentView[] }>> => s.timeout(ms).emitWithAck('appointment:find:v1', query));
}

/** The card the centre made ready for collection at this branch for a CPR, else the one it is still making, or nulls. */
export async function findReadyCard(cpr: string): Promise<{ ok: true; card: ReadyCard | null; pending: PendingCardView | null } | KioskFailure> {
  return command('card:ready:v2', (s, ms): Promise<Result<{ card: ReadyCard | null; pending: PendingCardView | null }>> => s.timeout(ms).emitWithAck('card:ready:v2', { cpr }));
}

/** Checks in today's appointment; `late` when it joined the walk-in queue. */
export async function checkIn(input: CheckInInput): Promise<({ ok: true } & CheckInResult) | KioskFailure> {
  return command('appointment:checkIn:v1', (s, ms): Promise<Result<CheckInResult>> => s.timeout(ms).emitWithAck('appointment:checkIn:v1', input));
}

/** Reports a hardware state to staff. Resolves false when it could not be delivered (send it again later). */
export async function sendAlert(kind: AlertKind, level: DeviceAlert['level'], code: string): Promise<boolean> {
  const r = await command('kiosk:alert:v1', (s, ms): Promise<Result> => s.timeout(ms).emitWithAck('kiosk:alert:v1', { kind, level, code }));
  return r.ok;
}
