/** The live national picture: a snapshot on (re)connection, then each branch's new figures as they are pushed. */
import { io, type Socket } from 'socket.io-client';
import type { BranchLive, HubServerToClientEvents } from '@dawr/core';
import { SocketLink } from '@dawr/ui/link';

/** `live`: connected and this connection's snapshot is in. */
export type LinkState = 'connecting' | 'live' | 'reconnecting' | 'signed-out';

export class NationalPicture {
  branches = $state.raw<BranchLive[]>([]);
  /** The page's clock, ticking, for "last heard from … ago". */
  now = $state(Date.now());
  private socket: Socket<HubServerToClientEvents> | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  #link = new SocketLink<'signedOut'>();
  /** The snapshot of the current connection has arrived. */
  #fresh = $state(false);

  get link(): LinkState {
    const s = this.#link.state;
    if (s === 'signedOut') return 'signed-out';
    if (s === 'offline') return 'reconnecting';
    return s === 'online' && this.#fresh ? 'live' : 'connecting';
  }

  /** Connects with the staff session cookie; a refused session means signed out (no retrying). */
  connect(): void {
    const socket: Socket<HubServerToClientEvents> = io({ transports: ['websocket', 'polling'], withCredentials: true });
    this.socket = socket;
    this.#link.follow(socket, (m) => (m === 'UNAUTHENTICATED' ? { state: 'signedOut' } : null), () => (this.#fresh = false));
    socket.on('national:snapshot:v1', (s) => {
      this.branches = s.branches;
      this.#fresh = true;
    });
    socket.on('national:branch:v1', (b) => {
      this.branches = this.branches.map((x) => (x.branchId === b.branchId ? b : x));
    });
    this.timer = setInterval(() => (this.now = Date.now()), 5_000);
  }

  close(): void {
    this.#link.stop();
    this.socket?.close();
    if (this.timer) clearInterval(this.timer);
  }
}
