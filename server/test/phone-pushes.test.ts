/**
 * Defect 9: every queue change used to recompute and push every phone's status. A phone is now told
 * only when what it shows changed: a call at once, a moved place or wait after a short quiet time.
 */
import { describe, expect, it } from 'vitest';
import { branchWithDevices, trackingPhone } from '../../test/helpers/branch-devices';

const at = branchWithDevices();

/** A visitor's phone for a track token, once it has its first status. */
async function phone(track: string) {
  const p = trackingPhone(at.branch.url, track);
  await p.ready;
  return p;
}

async function issue(serviceId: string) {
  const r = await at.kiosk.emitWithAck('ticket:issue:v1', { serviceId });
  if (!r.ok) throw new Error(r.code);
  return r;
}

async function until(cond: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !cond(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(cond()).toBe(true);
}

/** Resolves at the next queue push to the branch (the counter hears it), after `change` ran. */
async function afterQueuePush(change: () => Promise<unknown>): Promise<void> {
  const pushed = new Promise<void>((resolve) => at.counter.once('queue:changed:v2', () => resolve()));
  await change();
  await pushed;
}

describe('phone pushes', () => {
  it('a change elsewhere in the queue sends the phone nothing; its own place moving does', async () => {
    const mine = await issue('seef-mall.renewal');
    const other = await issue('seef-mall.new-card');
    await issue('seef-mall.new-card');
    const p = await phone(mine.trackToken);
    expect(p.updates).toHaveLength(1);

    // Another service's ticket is called: this phone's ticket keeps its place and wait.
    await afterQueuePush(() => at.counter.emitWithAck('counter:callTicket:v1', { counterId: 'seef-mall.counter-1', ticketId: other.ticket.id }));
    // A round trip on the phone's own socket: any push sent before its answer arrives before it.
    expect(await p.s.emitWithAck('ticket:track:v1', {})).toMatchObject({ ok: true });
    expect(p.updates).toHaveLength(1);

    // Its own ticket is called: that is pushed.
    await afterQueuePush(() => at.counter.emitWithAck('counter:callTicket:v1', { counterId: 'seef-mall.counter-2', ticketId: mine.ticket.id }));
    await p.s.emitWithAck('ticket:track:v1', {});
    expect(p.updates).toHaveLength(2);
    expect(p.updates[1]).toMatchObject({ state: 'called', counterNumber: 2, position: null });
    p.s.close();
  });

  it('phones of the same ticket all hear that its place moved (a move may wait out a short quiet time)', async () => {
    const first = await issue('seef-mall.replacement');
    const mine = await issue('seef-mall.replacement');
    const [a, b] = await Promise.all([phone(mine.trackToken), phone(mine.trackToken)]);
    expect(a.updates[0]?.position).toBe(2);
    await at.counter.emitWithAck('counter:callTicket:v1', { counterId: 'seef-mall.counter-3', ticketId: first.ticket.id });
    await until(() => a.updates.at(-1)?.position === 1 && b.updates.at(-1)?.position === 1);
    a.s.close();
    b.s.close();
  });

  it('a further phone of a ticket connecting does not swallow a change the first phone was not told yet', () => {
    // In-process, so that the second phone comes between the call and its push deterministically.
    const q = at.branch.server.queue;
    const mine = q.issue({ serviceId: 'seef-mall.collection' }, { deviceId: 'kiosk-1' });
    q.phoneConnected(mine.ticket.id);
    q.callTicket('seef-mall.counter-4', mine.ticket.id, { deviceId: 'counter-app' });
    expect(q.phoneConnected(mine.ticket.id)).toMatchObject({ state: 'called', counterNumber: 4 });
    const pushed = q.phoneUpdates().updates.find(([id]) => id === mine.ticket.id);
    expect(pushed?.[1]).toMatchObject({ state: 'called', counterNumber: 4 });
    q.phoneGone(mine.ticket.id);
  });
});
