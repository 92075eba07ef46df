/** socket.io on the branch server: auth at the handshake, every command through its ack, pushes after commit. */
import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import { rooms, type Result } from '@dawr/core';
import type { AuthService } from '../auth/auth-service';
import type { RateLimiter } from '../auth/rate-limit';
import type { Clock } from '../clock';
import { COMMANDS, runCommand } from '../commands/index';
import type { Logger } from '../log';
import type { DeviceService } from '../devices';
import type { QueueService } from '../queue-service';
import { installAuth } from './auth';
import type { DawrServer, DawrSocket } from './types';

export interface SocketDeps {
  auth: AuthService;
  queue: QueueService;
  devices: DeviceService;
  issueLimit: RateLimiter;
  clock: Clock;
  branchId: string;
  log: Logger;
}

/** Registers every command on a socket; the payload may be omitted, the ack comes last. */
function registerCommands(socket: DawrSocket, deps: SocketDeps): void {
  const on = socket.on.bind(socket) as unknown as (ev: string, fn: (...args: unknown[]) => void) => void;
  for (const name of COMMANDS.keys()) {
    on(name, (...args) => {
      const ack = args.at(-1);
      if (typeof ack !== 'function') return;
      const ctx = { ...socket.data, queue: deps.queue, devices: deps.devices, issueLimit: deps.issueLimit, now: deps.clock() };
      (ack as (r: Result) => void)(runCommand(name, args.length > 1 ? args[0] : {}, ctx, deps.log));
    });
  }
}

export function attachSockets(http: HttpServer, deps: SocketDeps): DawrServer {
  const io: DawrServer = new Server(http, { serveClient: false, maxHttpBufferSize: 64 * 1024 });
  installAuth(io, deps.auth, deps.branchId, deps.clock);
  io.on('connection', (socket) => {
    deps.log.debug({ principal: socket.data.principal.id }, 'connected');
    registerCommands(socket, deps);
    // Every (re)connection starts from the current committed state, never from replayed pushes.
    socket.emit('branch:snapshot:v1', deps.queue.snapshot());
  });
  // A revoked or re-keyed device loses its live connections at once.
  deps.devices.onRevoked = (deviceId) => {
    for (const s of io.of('/').sockets.values()) {
      const p = s.data.principal;
      if (p?.kind === 'device' && p.id === deviceId) s.disconnect(true);
    }
  };
  deps.queue.listen({
    called: (call) => io.to(rooms.branch(deps.branchId)).emit('ticket:called:v1', call),
    queueChanged: (change) => io.to(rooms.branch(deps.branchId)).emit('queue:changed:v1', change),
  });
  return io;
}
