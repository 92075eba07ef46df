/** The live national picture: a snapshot on (re)connection, then each branch's new figures as they are pushed. */
import { io, type Socket } from 'socket.io-client';
import type { BranchLive, HubServerToClientEvents } from '@dawr/core';

export type LinkState = 'connecting' | 'live' | 'reconnecting' | 'signed-out';

export class NationalPicture {
  branches = $state.raw<BranchLive[]>([]);
  link = $state<LinkState>('connecting');
  /** The page's clock, ticking, for "last heard from … ago". */
  now = $state(Date.now());
  private socket: Socket<HubServerToClientEvents> | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;

  /** Connects with the staff session cookie; a refused session means signed out. */
  connect(): void {
    this.socket = io({ transports: ['websocket', 'polling'], withCredentials: true });
    this.socket.on('national:snapshot:v1', (s) => {
      this.branches = s.branches;
      this.link = 'live';
    });
    this.socket.on('national:branch:v1', (b) => {
      this.branches = this.branches.map((x) => (x.branchId === b.branchId ? b : x));
    });
    this.socket.on('disconnect', () => (this.link = 'reconnecting'));
    this.socket.on('connect_error', (e) => {
      if (e.message === 'UNAUTHENTICATED') {
        this.link = 'signed-out';
        this.socket?.close();
      } else this.link = 'reconnecting';
    });
    this.timer = setInterval(() => (this.now = Date.now()), 5_000);
  }

  close(): void {
    this.socket?.close();
    if (this.timer) clearInterval(this.timer);
  }
}
