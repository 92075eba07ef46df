/**
 * Staff screens apply pushes instead of re-reading the list after every change: each queue change is
 * followed by `staff:queue` with the tickets written since, the tickets held at counters, and the counters
 * when they changed since the last push.
 */
import { describe, expect, it } from 'vitest';
import type { StaffQueueChange } from '@dawr/core';
import type { Client } from '../../test/helpers/branch';
import { branchWithDevices } from '../../test/helpers/branch-devices';

const at = branchWithDevices();

const nextStaffPush = (c: Client) => new Promise<StaffQueueChange>((resolve) => c.once('staff:queue:v2', resolve));

describe('staff pushes', () => {
  it('an issue, then a call: each push carries the tickets it wrote and who is at which counter', async () => {
    const issued = nextStaffPush(at.counter);
    const a = await at.kiosk.emitWithAck('ticket:issue:v1', { serviceId: 'seef-mall.renewal', visitor: { nameEn: 'Huda Ali', cpr: '880512345' } });
    if (!a.ok) throw new Error(a.code);
    const first = await issued;
    expect(first.tickets).toEqual([expect.objectContaining({ id: a.ticket.id, state: 'waiting', position: 1, visitor: expect.objectContaining({ cprLast4: '2345' }) })]);
    expect(first.counters?.length).toBeGreaterThan(0); // the first push since the server started
    expect(JSON.stringify(first)).not.toContain('880512345');

    const called = nextStaffPush(at.counter);
    await at.counter.emitWithAck('counter:callNext:v1', { counterId: 'seef-mall.counter-1' });
    const second = await called;
    expect(second.version).toBeGreaterThan(first.version);
    expect(second.tickets).toEqual([expect.objectContaining({ id: a.ticket.id, state: 'called', counterNumber: 1 })]);
    expect(second.counterTickets).toContainEqual({ counterId: 'seef-mall.counter-1', ticketId: a.ticket.id, number: a.ticket.number, state: 'called' });
    expect(second.counters).toBeUndefined(); // unchanged since the last push
  });

  it('carries the counters again once their configuration changed', async () => {
    const profile = [{ serviceId: 'seef-mall.renewal', weight: 2 }, { serviceId: 'seef-mall.new-card', weight: 1 }];
    const pushed = nextStaffPush(at.counter);
    // As a manager's profile change does (the command's permissions are tested elsewhere).
    const changed = at.branch.server.queue.setProfile('seef-mall.counter-1', profile);
    const push = await pushed;
    expect(push.counters?.find((c) => c.id === 'seef-mall.counter-1')?.profile).toEqual(changed.profile);
    const next = nextStaffPush(at.counter);
    await at.kiosk.emitWithAck('ticket:issue:v1', { serviceId: 'seef-mall.renewal' });
    expect((await next).counters).toBeUndefined();
  });

  it('kiosks and displays are not pushed the staff view', async () => {
    let kioskGot = false;
    at.kiosk.on('staff:queue:v2', () => (kioskGot = true));
    const pushed = nextStaffPush(at.counter);
    await at.kiosk.emitWithAck('ticket:issue:v1', { serviceId: 'seef-mall.renewal' });
    await pushed;
    await at.kiosk.emitWithAck('branch:snapshot:v1', {});
    expect(kioskGot).toBe(false);
  });
});
