/**
 * Staff screens apply pushes instead of re-reading the list after every change: each queue change is
 * followed by `staff:queue` with the tickets written since, the tickets held at counters and the counters.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffQueueChange } from '@dawr/core';
import { connect, startBranch, type Client } from '../../test/helpers/branch';

let branch: Awaited<ReturnType<typeof startBranch>>;
let kiosk: Client;
let counter: Client;

beforeAll(async () => {
  branch = await startBranch();
  [kiosk, counter] = await Promise.all([connect(branch.url, 'demo-kiosk-token'), connect(branch.url, 'demo-counter-token')]);
});
afterAll(async () => {
  kiosk.close();
  counter.close();
  await branch.stop();
});

const nextStaffPush = (c: Client) => new Promise<StaffQueueChange>((resolve) => c.once('staff:queue:v1', resolve));

describe('staff pushes', () => {
  it('an issue, then a call: each push carries the tickets it wrote and who is at which counter', async () => {
    const issued = nextStaffPush(counter);
    const a = await kiosk.emitWithAck('ticket:issue:v1', { serviceId: 'seef-mall.renewal', visitor: { nameEn: 'Huda Ali', cpr: '880512345' } });
    if (!a.ok) throw new Error(a.code);
    const first = await issued;
    expect(first.tickets).toEqual([expect.objectContaining({ id: a.ticket.id, state: 'waiting', position: 1, visitor: expect.objectContaining({ cprLast4: '2345' }) })]);
    expect(first.counters.length).toBeGreaterThan(0);
    expect(JSON.stringify(first)).not.toContain('880512345');

    const called = nextStaffPush(counter);
    await counter.emitWithAck('counter:callNext:v1', { counterId: 'seef-mall.counter-1' });
    const second = await called;
    expect(second.version).toBeGreaterThan(first.version);
    expect(second.tickets).toEqual([expect.objectContaining({ id: a.ticket.id, state: 'called', counterNumber: 1 })]);
    expect(second.counterTickets).toContainEqual({ counterId: 'seef-mall.counter-1', ticketId: a.ticket.id, number: a.ticket.number, state: 'called' });
  });

  it('kiosks and displays are not pushed the staff view', async () => {
    let kioskGot = false;
    kiosk.on('staff:queue:v1', () => (kioskGot = true));
    const pushed = nextStaffPush(counter);
    await kiosk.emitWithAck('ticket:issue:v1', { serviceId: 'seef-mall.renewal' });
    await pushed;
    await kiosk.emitWithAck('branch:snapshot:v1', {});
    expect(kioskGot).toBe(false);
  });
});
