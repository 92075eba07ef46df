/**
 * The health of an app's socket.io link to its server, as reactive state: one set of rules for the wall
 * display, the counter app, the visitor's phone and the national picture. Each app says only what a refused
 * handshake means for it (a device not enrolled, a session that ended, an unknown ticket).
 */
import type { Socket } from 'socket.io-client';

/**
 * `connecting`: before the first answer; `online`: connected; `offline`: lost (or never reached) the
 * server, socket.io keeps retrying; or the app's word for how the server refused it.
 */
export type LinkState<Refused extends string> = 'connecting' | 'online' | 'offline' | Refused;

/** What a refused handshake means for the link. */
export interface Refusal<Refused extends string> {
  state: Refused;
  /** Ask again after this many ms (the device may be enrolled meanwhile); without it, stop asking. */
  retryMs?: number;
}

/** The part of a socket.io client socket the link listens to. */
export interface FollowedSocket {
  on(event: 'connect', listener: () => void): unknown;
  on(event: 'disconnect', listener: (reason: Socket.DisconnectReason) => void): unknown;
  on(event: 'connect_error', listener: (err: Error) => void): unknown;
  connect(): unknown;
  disconnect(): unknown;
}

export class SocketLink<Refused extends string> {
  state = $state<LinkState<Refused>>('connecting');

  #retry: ReturnType<typeof setTimeout> | undefined;
  /** The server turned us away: a network error meanwhile does not make that 'offline'. */
  #refused = false;

  /**
   * Follows `socket` from now on. `refusal` reads a `connect_error` message: what it means when the server
   * refused the handshake, null for a network problem. `onOnline` runs at every (re)connection.
   */
  follow(socket: FollowedSocket, refusal: (message: string) => Refusal<Refused> | null, onOnline?: () => void): void {
    this.stop();
    this.#refused = false;
    this.state = 'connecting';
    socket.on('connect', () => {
      this.#refused = false;
      this.state = 'online';
      onOnline?.();
    });
    socket.on('disconnect', (reason) => {
      if (reason === 'io client disconnect') return;
      this.state = 'offline'; // keep the last picture; socket.io reconnects by itself…
      if (reason === 'io server disconnect') socket.connect(); // …except when the server hung up
    });
    socket.on('connect_error', (err) => {
      const refused = refusal(err.message);
      if (refused) {
        this.#refused = true;
        this.state = refused.state;
        clearTimeout(this.#retry);
        if (refused.retryMs === undefined) socket.disconnect();
        else this.#retry = setTimeout(() => socket.connect(), refused.retryMs);
      } else if (!this.#refused) {
        this.state = 'offline';
      }
    });
  }

  /** Refused before any socket was opened (no token to show the server). */
  refuse(state: Refused): void {
    this.stop();
    this.#refused = true;
    this.state = state;
  }

  /** Cancels a pending retry: call it when the socket is closed. */
  stop(): void {
    clearTimeout(this.#retry);
  }
}
