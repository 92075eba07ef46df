/**
 * The phone's picture of its one ticket. The branch server pushes 'ticket:status:v1' on every
 * (re)connection and after every change (core/contracts.ts), so this class only keeps the newest copy
 * and follows the socket's health.
 */
import type { ClientToServerEvents, HandshakeAuth, Lang, ServerToClientEvents, TrackedTicket } from '@dawr/core';
import { SocketLink, type LinkState } from '@dawr/ui/link';
import { io, type Socket } from 'socket.io-client';

type PhoneSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** The link's health (see @dawr/ui/link); `unknown`: no such ticket (a bad or expired link). */
export type Connection = LinkState<'unknown'>;

/** Hears the ticket being called (or sent to another counter while called). */
export type CalledListener = (ticket: TrackedTicket) => void;

/** One ticket followed over one socket; the page draws `connection` and `ticket`. */
export class Tracker {
  ticket = $state.raw<TrackedTicket | null>(null);

  #link = new SocketLink<'unknown'>();
  get connection(): Connection {
    return this.#link.state;
  }

  #version = -1;
  #listeners = new Set<CalledListener>();
  #socket: PhoneSocket | null = null;
  #token = '';

  /** Subscribes to calls of this ticket; returns the unsubscribe function. */
  onCalled(listener: CalledListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Takes a status unless a newer one is already shown (an ack can be overtaken by a push). */
  apply(next: TrackedTicket): boolean {
    if (next.version < this.#version) return false;
    const before = this.ticket;
    this.#version = next.version;
    this.ticket = next;
    // A status arrives after every change in the branch; only a new call (or a new counter) alerts.
    // The first status after opening the page counts too: a visitor who opens it late must still hear it.
    if (next.state === 'called' && (before?.state !== 'called' || before.counterNumber !== next.counterNumber)) {
      for (const l of this.#listeners) {
        try {
          l(next);
        } catch (e) {
          console.error('called listener failed', e);
        }
      }
    }
    return true;
  }

  /** Connects to the branch server of this origin with the ticket's token. */
  connect(token: string | null, lang: Lang): void {
    this.disconnect();
    if (!token) return this.#link.refuse('unknown');
    this.#token = token;
    const auth: HandshakeAuth = { track: token, lang };
    const socket: PhoneSocket = io({ auth });
    this.#socket = socket;
    // The server sends the ticket's status on every connection. An unknown or expired token never becomes
    // valid again: stop asking.
    this.#link.follow(socket, (m) => (m === 'UNAUTHENTICATED' ? { state: 'unknown' } : null));
    socket.on('ticket:status:v1', (t) => this.apply(t));
  }

  /** The language the server's errors come in from the next handshake on. */
  setLang(lang: Lang): void {
    if (this.#socket) this.#socket.auth = { track: this.#token, lang } satisfies HandshakeAuth;
  }

  /**
   * Asks for the ticket again: phones throttle pages in the background, so after coming back the
   * page checks rather than trusts that it missed nothing.
   */
  refresh(): void {
    const s = this.#socket;
    if (!s?.connected) return;
    s.emit('ticket:track:v1', {}, (r) => {
      if (r.ok) this.apply(r.ticket);
    });
  }

  disconnect(): void {
    this.#socket?.disconnect();
    this.#socket = null;
  }
}
