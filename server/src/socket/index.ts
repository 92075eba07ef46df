/** socket.io on the branch server: auth at the handshake, every command through its ack, pushes after commit. */
import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import { rooms, type TrackedTicket } from '@dawr/core';

import type { AuthService } from '../auth/auth-service';
import type { Clock } from '../clock';
import type { CommandServices } from '../commands/types';
import type { EventBus } from '../events';
import type { Logger } from '../log';
import type { Presence } from '../presence';
import { installAuth } from './auth';
import { registerCommands } from './commands';
import { wireLifecycle } from './lifecycle';
import { wireSyncPush } from './sync-push';
import type { DawrServer, DawrSocket } from './types';

/** The longest a queue count waits before it is pushed (it is pushed with the latest state). */
const QUEUE_PUSH_MS = 100;
/** Phone statuses sent per turn of the event loop. */
const PHONE_SLICE = 50;
/** The room of the phones that follow one ticket. */
const phoneRoom = (ticketId: string) => `phone:${ticketId}`;

export interface SocketDeps {
  auth: AuthService;
  services: CommandServices;
  /** The server's event bus: revocations, ended sessions, alerts and reprints arrive through it. */
  events: EventBus;
  presence: Presence;
  clock: Clock;
  branchId: string;
  log: Logger;
}

/** Attaches socket.io to the HTTP server. */
export function attachSockets(http: HttpServer, deps: SocketDeps): { io: DawrServer; stop: () => void } {
  const io: DawrServer = new Server(http, { serveClient: false, maxHttpBufferSize: 64 * 1024 });
  const { queue, alerts } = deps.services;
  const room = {
    branch: rooms.branch(deps.branchId),
    displays: rooms.displays(deps.branchId),
    staff: rooms.staff(deps.branchId),
    phones: rooms.phones(deps.branchId),
  };

  const lifecycle = wireLifecycle(io, { events: deps.events, presence: deps.presence, alerts, clock: deps.clock, branchId: deps.branchId });
  const syncPush = wireSyncPush(io, { board: deps.services.sync, events: deps.events, branchId: deps.branchId });
  installAuth(io, deps.auth, queue, deps.branchId, deps.clock);
  io.on('connection', (socket) => {
    const p = socket.data.principal;
    deps.log.debug({ principal: p.kind === 'phone' ? 'phone' : p.id }, 'connected');
    registerCommands(socket, deps);
    lifecycle.connected(socket);
    // Every (re)connection starts from the current committed state, never from replayed pushes.
    if (p.kind === 'phone') phoneJoined(socket, p.id);
    else socket.emit('branch:snapshot:v1', queue.snapshot());
    if (socket.rooms.has(room.staff)) socket.emit('alerts:v1', alerts.list());
    syncPush.connected(socket);
  });

  // Queue counts change with every command; in a burst only the latest matters. Sending them at most
  // every QUEUE_PUSH_MS keeps them off the path of the calls, which go out at once.
  // The screens' counts, staff screens' changes and phones each go out in their own turn of the event
  // loop: a command that arrives meanwhile is served between them instead of after all of them.
  let timer: NodeJS.Timeout | null = null;
  let next: NodeJS.Immediate | null = null;
  // The counts the displays were last sent (with a call or a counts push), as JSON: a call brings the
  // displays the counts it left, so the counts push after it skips them unless the counts moved again.
  let displaysHave = '';
  const flushQueue = () => {
    timer = null;
    const change = queue.queueChange();
    const counts = JSON.stringify(change.services);
    if (counts === displaysHave) io.to(room.branch).except(room.displays).emit('queue:changed:v2', change);
    else {
      displaysHave = counts;
      io.to(room.branch).emit('queue:changed:v2', change);
    }
    if (next) clearImmediate(next); // an earlier flush not done yet: this one covers it
    next = setImmediate(flushStaff);
  };
  const flushStaff = () => {
    // Staff screens apply what changed instead of re-reading the list (taken every time: it restarts).
    const staffChange = queue.staffChange();
    if (io.sockets.adapter.rooms.get(room.staff)?.size) io.to(room.staff).emit('staff:queue:v2', staffChange);
    next = setImmediate(() => {
      next = null;
      flushPhones();
    });
  };
  // A phone's moved place may be held back for a while (queue-phones.ts): its own timer sends it then.
  let phoneTimer: NodeJS.Timeout | null = null;
  const flushPhones = () => {
    if (phoneTimer) clearTimeout(phoneTimer);
    phoneTimer = null;
    const { updates, retryInMs } = queue.phoneUpdates();
    pushToPhones(updates);
    if (retryInMs !== null) phoneTimer = setTimeout(flushPhones, Math.max(retryInMs, QUEUE_PUSH_MS)).unref();
  };
  // Each phone hears about its own ticket only, and only when what it shows changed. The phones of one
  // ticket share a room, so a status is encoded once. A busy day has hundreds of phones: they are sent
  // in slices, each its own turn of the event loop, so a clerk's call never waits behind all of them.
  const phonesOf = new Map<string, number>();
  const phoneJoined = (socket: DawrSocket, ticketId: string) => {
    void socket.join(phoneRoom(ticketId));
    phonesOf.set(ticketId, (phonesOf.get(ticketId) ?? 0) + 1);
    socket.on('disconnect', () => {
      const n = (phonesOf.get(ticketId) ?? 1) - 1;
      if (n > 0) return void phonesOf.set(ticketId, n);
      phonesOf.delete(ticketId);
      queue.phoneGone(ticketId);
    });
    socket.emit('ticket:status:v1', queue.phoneConnected(ticketId));
  };
  const pushToPhones = (updates: [string, TrackedTicket][], from = 0) => {
    const end = Math.min(updates.length, from + PHONE_SLICE);
    for (let i = from; i < end; i++) io.to(phoneRoom(updates[i]![0])).emit('ticket:status:v1', updates[i]![1]);
    if (end < updates.length) setImmediate(pushToPhones, updates, end);
  };
  queue.listen({
    // Calls go to the screens that show them, with the counts they left. Staff screens learn of calls from
    // staff:queue (the ticket written, the tickets at counters), and kiosks and phones have no use for
    // them: a call is encoded once and written to the displays' sockets only.
    called: (call) => {
      const services = queue.serviceCounts();
      displaysHave = JSON.stringify(services);
      io.to(room.displays).emit('ticket:called:v2', { ...call, services });
    },
    queueChanged: () => {
      timer ??= setTimeout(flushQueue, QUEUE_PUSH_MS).unref();
    },
    // Queue pushes carry counts only: when the services themselves may have changed, every screen
    // draws again from a fresh snapshot.
    reloaded: () => io.to(room.branch).emit('branch:snapshot:v1', queue.snapshot()),
  });
  // Stops the pending queue and phone pushes (the database closes right after).
  const stop = () => {
    lifecycle.stop();
    syncPush.stop();
    if (timer) clearTimeout(timer);
    if (next) clearImmediate(next);
    if (phoneTimer) clearTimeout(phoneTimer);
  };
  return { io, stop };
}
