/**
 * The managers' sync panel, pushed: the branch's sync with the centre goes to every manager's socket when it
 * connects, at once when a manager marks a conflict handled, and otherwise once a second when anything in it changed
 * (a contact with the centre, the outbox, a conflict recorded by the sync client).
 */
import { rooms } from '@dawr/core';
import type { EventBus } from '../events';
import type { SyncBoard } from '../sync/sync-board';
import type { DawrServer, DawrSocket } from './types';

/** How often the panel is compared with what was last pushed. */
const SYNC_PUSH_MS = 1_000;

export function wireSyncPush(io: DawrServer, deps: { board: SyncBoard; events: EventBus; branchId: string }): { connected: (socket: DawrSocket) => void; stop: () => void } {
  const room = rooms.managers(deps.branchId);
  let last = '';
  const push = (always: boolean) => {
    // Nobody to tell: nothing is read (the next manager gets the panel on connection).
    if (!io.sockets.adapter.rooms.get(room)?.size) return void (last = '');
    const view = deps.board.view();
    const json = JSON.stringify(view);
    if (!always && json === last) return;
    last = json;
    io.to(room).emit('sync:status:v1', view);
  };
  const timer = setInterval(() => push(false), SYNC_PUSH_MS).unref();
  const off = deps.events.on('syncChanged', () => push(true));
  return {
    connected: (socket) => {
      if (socket.rooms.has(room)) socket.emit('sync:status:v1', deps.board.view());
    },
    stop: () => {
      clearInterval(timer);
      off();
    },
  };
}
