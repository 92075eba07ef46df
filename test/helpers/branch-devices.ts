/**
 * A test file's branch with its devices: one real branch server started before the file's tests and stopped after
 * them, with demo devices connected on their demo tokens; and a visitor's phone following a ticket.
 */
import { afterAll, beforeAll } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import type { TrackedTicket } from '@dawr/core';
import { connect, startBranch, type Client } from './branch';

/** The demo devices a test can connect, each with its demo token (`demo-<device>-token`). */
export type Device = 'kiosk' | 'counter' | 'display';

export type BranchWith<D extends Device> = { branch: Awaited<ReturnType<typeof startBranch>> } & Record<D, Client>;

/**
 * Registers the file's beforeAll/afterAll for a branch (`env` on top of the test defaults) and the named devices,
 * each connected in the language given; the object it returns is filled in before the first test runs.
 */
export function branchWith<D extends Device>(devices: Record<D, 'ar' | 'en'>, env: Record<string, string> = {}): BranchWith<D> {
  const at = {} as BranchWith<D>;
  const names = Object.keys(devices) as D[];
  beforeAll(async () => {
    at.branch = await startBranch(env);
    const clients = await Promise.all(names.map((d) => connect(at.branch.url, `demo-${d}-token`, devices[d])));
    names.forEach((d, i) => Object.assign(at, { [d]: clients[i] }));
  });
  afterAll(async () => {
    // A failed beforeAll leaves some of these unset: close what was opened, and keep its own error in view.
    for (const d of names) (at[d] as Client | undefined)?.close();
    await at.branch?.stop();
  });
  return at;
}

/** A branch with a kiosk and a counter, both in English (see branchWith). */
export const branchWithDevices = (): BranchWith<'kiosk' | 'counter'> => branchWith({ kiosk: 'en', counter: 'en' });

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
