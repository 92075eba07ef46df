/**
 * The national picture, pushed: central managers' pages connect with their staff session and get a snapshot,
 * then a branch's new figures whenever the hub applies that branch's sync (at most every PUSH_MS per branch).
 * Several hub processes share pushes through socket.io's PostgreSQL adapter: a batch applied by one process
 * reaches managers connected to any other.
 */
import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import { createAdapter } from '@socket.io/postgres-adapter';
import { CENTRAL_ROOM, type HubServerToClientEvents } from '@dawr/core';
import type { HubStore } from '../store/index';
import { staffOf } from '../http/staff-routes';

const PUSH_MS = 250;

export interface NationalFeed {
  /** A branch's sync was applied: push its figures soon. */
  branchChanged(branchId: string): void;
  close(): Promise<void>;
}

/** Attaches socket.io to the hub's HTTP server. */
export function attachNationalFeed(http: HttpServer, store: HubStore, clock: () => number = Date.now): NationalFeed {
  const io = new Server<Record<string, never>, HubServerToClientEvents>(http, {
    serveClient: false,
    maxHttpBufferSize: 16 * 1024,
    ...(store.sql.pool ? { adapter: createAdapter(store.sql.pool, { errorHandler: (e) => console.error(`[hub] adapter: ${e.message}`) }) } : {}),
  });
  io.use((socket, next) => {
    staffOf(store, socket.handshake.headers.cookie, clock())
      .then((staff) => (staff ? next() : next(new Error('UNAUTHENTICATED'))))
      .catch(() => next(new Error('UNAVAILABLE')));
  });
  io.on('connection', (socket) => {
    void socket.join(CENTRAL_ROOM);
    void store.national(clock()).then((branches) => socket.emit('national:snapshot:v1', { at: clock(), branches }));
  });

  const timers = new Map<string, NodeJS.Timeout>();
  const push = async (branchId: string) => {
    timers.delete(branchId);
    const live = await store.branchLive(branchId, clock());
    if (live) io.to(CENTRAL_ROOM).emit('national:branch:v1', live);
  };
  return {
    branchChanged: (branchId) => {
      if (timers.has(branchId)) return;
      timers.set(branchId, setTimeout(() => void push(branchId).catch((e: Error) => console.error(`[hub] push: ${e.message}`)), PUSH_MS).unref());
    },
    close: async () => {
      for (const t of timers.values()) clearTimeout(t);
      await new Promise<void>((resolve) => io.close(() => resolve()));
    },
  };
}
