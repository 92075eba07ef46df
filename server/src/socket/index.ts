/** socket.io on the branch server: auth at the handshake, one handler file per surface, pushes after commit. */
import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import { rooms } from '@dawr/core';
import type { Store } from '@dawr/db';
import type { Logger } from '../log';
import type { QueueService } from '../queue-service';
import { installAuth } from './auth';
import { registerCounterHandlers } from './counter-handlers';
import { registerSnapshotHandlers } from './display-handlers';
import { registerKioskHandlers } from './kiosk-handlers';
import type { DawrServer } from './types';

export function attachSockets(http: HttpServer, store: Store, queue: QueueService, branchId: string, log: Logger): DawrServer {
  const io: DawrServer = new Server(http, { serveClient: false, maxHttpBufferSize: 64 * 1024 });
  installAuth(io, store, branchId);
  io.on('connection', (socket) => {
    log.debug({ device: socket.data.device.id }, 'device connected');
    registerSnapshotHandlers(socket, queue, log);
    registerKioskHandlers(socket, queue, log);
    registerCounterHandlers(socket, queue, log);
    // Every (re)connection starts from the current committed state, never from replayed pushes.
    socket.emit('branch:snapshot:v1', queue.snapshot());
  });
  queue.listen({
    called: (call) => io.to(rooms.branch(branchId)).emit('ticket:called:v1', call),
    queueChanged: (change) => io.to(rooms.branch(branchId)).emit('queue:changed:v1', change),
  });
  return io;
}
