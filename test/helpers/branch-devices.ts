/**
 * A test file's branch with its devices: one real branch server started before the file's tests and stopped after
 * them, a kiosk and a counter connected on the demo tokens; and a visitor's phone following a ticket.
 */
import { afterAll, beforeAll } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import type { TrackedTicket } from '@dawr/core';
import { connect, startBranch, type Client } from './branch';

export interface BranchWithDevices {
  branch: Awaited<ReturnType<typeof startBranch>>;
  kiosk: Client;
  counter: Client;
}

/**
 * Registers the file's beforeAll/afterAll for a branch, a kiosk and a counter; the object it returns is filled in
 * before the first test runs.
 */
export function branchWithDevices(): BranchWithDevices {
  const at = {} as BranchWithDevices;
  beforeAll(async () => {
    at.branch = await startBranch();
    [at.kiosk, at.counter] = await Promise.all([connect(at.branch.url, 'demo-kiosk-token'), connect(at.branch.url, 'demo-counter-token')]);
  });
  afterAll(async () => {
    at.kiosk.close();
    at.counter.close();
    await at.branch.stop();
  });
  return at;
}

/**
 * A visitor's phone, opened from the ticket's QR: it only knows the track token. `updates` holds every status it is
 * pushed; `ready` resolves at the first one and rejects if the server refuses the connection.
 */
export function trackingPhone(url: string, track: string): { s: Socket; updates: TrackedTicket[]; ready: Promise<void> } {
  const updates: TrackedTicket[] = [];
  const s = io(url, { auth: { track }, transports: ['websocket'], reconnection: false, forceNew: true });
  s.on('ticket:status:v1', (t: TrackedTicket) => updates.push(t));
  const ready = new Promise<void>((resolve, reject) => {
    s.once('ticket:status:v1', () => resolve());
    s.once('connect_error', reject);
  });
  return { s, updates, ready };
}
