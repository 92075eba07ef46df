/**
 * Appointments at the centre (PGlite): booked, rescheduled and cancelled, each change in the branch's down log
 * in the same transaction; refusals; a check-in that comes back up marks the appointment, and a check-in of one
 * the centre had cancelled meanwhile is recorded as a conflict, not merged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYNC_SCHEMA_VERSION, type Appointment } from '@dawr/core';
import { AppointmentRefused, HubStore } from '@dawr/hub';

const NOW = Date.parse('2026-12-06T08:00:00+03:00');
const SLOT = Date.parse('2026-12-06T10:00:00+03:00');

function checkIn(seq: number, a: Appointment) {
  return { seq, type: 'ticket.checked_in', typeVersion: 1, entityId: `ticket-${seq}`, createdAt: SLOT,
    payload: { ticket: { id: `ticket-${seq}`, day: '2026-12-06', serviceId: a.serviceId, number: `B-00${seq}`, state: 'waiting', arrivedAt: SLOT, appointmentId: a.id, slotAt: a.slotAt } } };
}

describe('appointments at the centre', () => {
  let store: HubStore;
  beforeAll(async () => {
    store = await HubStore.open({ dir: null }, NOW);
  }, 60_000);
  afterAll(async () => {
    await store?.close();
  });

  it('sends each booking, move and cancellation down to its branch, once, in order', async () => {
    const a = await store.appointments.create({ branchId: 'seef-mall', serviceId: 'seef-mall.renewal', cpr: '850101001', slotAt: SLOT }, NOW);
    await store.appointments.reschedule(a.id, SLOT + 3600_000, NOW);
    await store.appointments.cancel(a.id, NOW);
    const down = (await store.pullDown('seef-mall', 1)).map((c) => [c.type, (c.payload as { appointment: Appointment }).appointment]);
    expect(down).toEqual([
      ['appointment.created', expect.objectContaining({ id: a.id, status: 'booked', slotAt: SLOT })],
      ['appointment.rescheduled', expect.objectContaining({ id: a.id, status: 'booked', slotAt: SLOT + 3600_000 })],
      ['appointment.cancelled', expect.objectContaining({ id: a.id, status: 'cancelled' })],
    ]);
    expect(await store.pullDown('isa-town', 1)).toEqual([]);
  });

  it('refuses what the catalogue does not allow, and a move or cancel of one that is not booked', async () => {
    const refused = (p: Promise<unknown>) => p.then(() => 'accepted', (e: unknown) => (e instanceof AppointmentRefused ? e.code : String(e)));
    expect(await refused(store.appointments.create({ branchId: 'nowhere', serviceId: 'x', cpr: '850101001', slotAt: SLOT }, NOW))).toBe('UNKNOWN_BRANCH');
    expect(await refused(store.appointments.create({ branchId: 'muharraq', serviceId: 'muharraq.renewal', cpr: '850101001', slotAt: SLOT }, NOW))).toBe('UNKNOWN_SERVICE');
    expect(await refused(store.appointments.create({ branchId: 'seef-mall', serviceId: 'seef-mall.collection', cpr: '850101001', slotAt: SLOT }, NOW))).toBe('NO_APPOINTMENTS');
    expect(await refused(store.appointments.create({ branchId: 'seef-mall', serviceId: 'seef-mall.renewal', cpr: '85010100', slotAt: SLOT }, NOW))).toBe('BAD_CPR');
    expect(await refused(store.appointments.cancel('missing', NOW))).toBe('NOT_FOUND');
  });

  it('marks a reported check-in, and records (never merges) one of an appointment the centre cancelled', async () => {
    const kept = await store.appointments.create({ branchId: 'isa-town', serviceId: 'isa-town.renewal', cpr: '900101001', slotAt: SLOT }, NOW);
    const cancelled = await store.appointments.create({ branchId: 'isa-town', serviceId: 'isa-town.renewal', cpr: '900101002', slotAt: SLOT }, NOW);
    await store.appointments.cancel(cancelled.id, NOW);
    await store.applyUp({ schema: SYNC_SCHEMA_VERSION, branchId: 'isa-town', epoch: 'e', epochStartSeq: 0, sentAt: SLOT, events: [checkIn(1, kept), checkIn(2, cancelled)] }, SLOT);
    expect(await store.appointments.get(kept.id)).toMatchObject({ status: 'checked_in', ticketId: 'ticket-1' });
    expect(await store.appointments.get(cancelled.id)).toMatchObject({ status: 'cancelled' });
    expect(await store.conflicts()).toEqual([expect.objectContaining({ branchId: 'isa-town', kind: 'checked_in_after_cancel', entityId: cancelled.id, detail: { ticketId: 'ticket-2', seq: 2 } })]);
  });
});
