import type { ClientToServerEvents, Lang, ServerToClientEvents } from '@dawr/core';
import type { Server, Socket } from 'socket.io';
import type { Principal } from '../auth/principal';

/** What the handshake established about a socket. */
export interface SocketData {
  principal: Principal;
  lang: Lang;
}

export type DawrServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type DawrSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
