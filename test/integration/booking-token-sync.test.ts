/**
 * A booking checked in at the branch from its signed QR before it synced, then the centre's down log brings the
 * same booking (a real hub store on PGlite, a real branch server on SQLite, the branch's own down applier): the
 * branch's one appointment gets the full CPR the token did not carry (only its last 4 travel in the QR), keeps its
 * check-in and ticket, and is found by the visitor's CPR as checked in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDayRange } from '@dawr/core';
import { HubStore } from '@dawr/hub';
import { makeDownApplier, makeLogger, retentionCutoff } from '@dawr/server';
import { signBookingToken } from '@dawr/web';
import { connect, OPEN_TIME, startBranch, type Client } from '../helpers/branch';

const BRANCH = 'seef-mall';
const SLOT = Date.parse(OPEN_TIME); // 09:00 at the branch, the branch clock's start
const BOOKED_AT = Date.parse(OPEN_TIME) - 86_400_000; // booked online the day before
const CPR = '900101234';

describe('a booking checked in from its QR before it synced', () => {
  let hub: HubStore;
  let branch: Awaited<ReturnType<typeof startBranch>>;
  let kiosk: Client;
  beforeAll(async () => {
    hub = await HubStore.open({ dir: null }, BOOKED_AT);
    branch = await startBranch({ DAWR_BRANCH_ID: BRANCH });
    kiosk = await connect(branch.url, 'demo-kiosk-token', 'en');
  }, 60_000);
  afterAll(async () => {
    kiosk?.close();
    await branch?.stop();
    await hub?.close();
  });

  it('gets the full CPR from the sync, with one appointment that stays checked in', async () => {
    const store = branch.server.store;
    const apply = makeDownApplier(store, BRANCH, { catalogueChanged: () => undefined }, makeLogger('silent'));
    // The branch has the centre's catalogue (with its booking key); then its WAN goes down.
    for (const change of await hub.pullDown(BRANCH, 0)) apply(change);
    const synced = (await hub.pullDown(BRANCH, 0)).at(-1)!.seq;

    const b = await hub.bookings.create(
      {
        branchId: BRANCH, serviceId: `${BRANCH}.new-card`, slotAt: SLOT, lang: 'en',
        applicant: { cpr: CPR, name: 'Maryam Hasan', mobile: '36001234', email: 'm@example.bh', nationality: 'BH', birthDate: '1990-01-01', cardExpiry: '2027-01-01' },
      },
      BOOKED_AT,
    );
    // The QR's token as the portal signs it: the CPR's last 4 only.
    const token = signBookingToken({ i: b.id, b: b.branchId, s: b.serviceId, t: b.slotAt, c: b.cprLast4, e: localDayRange(SLOT, 'Asia/Bahrain').end - 1 }, hub.bookingKey.privateKey);
    const checkIn = await kiosk.emitWithAck('appointment:checkIn:v1', { token, requestId: 'qr-before-sync' });
    expect(checkIn).toMatchObject({ ok: true, appointmentId: b.id });
    const ticketId = store.appointments.get(b.id)!.ticketId;
    expect(store.appointments.get(b.id)).toMatchObject({ cpr: `*****${CPR.slice(-4)}`, status: 'checked_in' });
    expect(ticketId).toEqual(expect.any(String));

    // The WAN is back: the down log brings the booking.
    const later = await hub.pullDown(BRANCH, synced);
    expect(later.map((c) => c.type)).toEqual(['appointment.created']);
    for (const change of later) apply(change);

    expect(store.appointments.get(b.id)).toEqual({ id: b.id, branchId: BRANCH, serviceId: `${BRANCH}.new-card`, cpr: CPR, slotAt: SLOT, status: 'checked_in', ticketId });
    const day = localDayRange(SLOT, 'Asia/Bahrain');
    expect(store.appointments.forCpr(BRANCH, CPR, day.start, day.end).map((a) => a.id)).toEqual([b.id]);
    expect(store.appointments.forCpr(BRANCH, `*****${CPR.slice(-4)}`, day.start, day.end)).toEqual([]);
    // The visitor typing the CPR at the kiosk finds the visit already made, not a missing appointment.
    expect(await kiosk.emitWithAck('appointment:find:v1', { cpr: CPR })).toMatchObject({ ok: true, appointments: [{ id: b.id, status: 'checked_in' }] });
    expect(await kiosk.emitWithAck('appointment:checkIn:v1', { cpr: CPR, requestId: 'typed-after-sync' })).toMatchObject({ ok: false, code: 'ALREADY_CHECKED_IN' });
    expect(await kiosk.emitWithAck('appointment:checkIn:v1', { token, requestId: 'qr-after-sync' })).toMatchObject({ ok: false, code: 'ALREADY_CHECKED_IN' });
  });

  it('keeps a past appointment within retention: a late or replayed change does not bring its full CPR back', async () => {
    const store = branch.server.store;
    const now = Date.parse(OPEN_TIME);
    const apply = makeDownApplier(store, BRANCH, { catalogueChanged: () => undefined }, makeLogger('silent'), {
      cprKeptFrom: () => retentionCutoff(now, 'Asia/Bahrain', 1),
    });
    const past = { id: '019b3000-0000-7000-8000-00000000a001', branchId: BRANCH, serviceId: `${BRANCH}.new-card`, slotAt: now - 3 * 86_400_000, status: 'booked' as const, ticketId: null };
    // Reduced by the retention job (as a QR copy looks), then the centre's cancel of it arrives late.
    store.appointments.upsert({ ...past, cpr: `*****${CPR.slice(-4)}` });
    let seq = (await hub.pullDown(BRANCH, 0)).at(-1)!.seq;
    apply({ seq: ++seq, type: 'appointment.cancelled', typeVersion: 1, payload: { appointment: { ...past, cpr: CPR, status: 'cancelled' } }, createdAt: now });
    expect(store.appointments.get(past.id)).toMatchObject({ cpr: `*****${CPR.slice(-4)}`, status: 'cancelled' });
    // A past appointment the branch never had arrives reduced too.
    const other = { ...past, id: '019b3000-0000-7000-8000-00000000a002' };
    apply({ seq: ++seq, type: 'appointment.created', typeVersion: 1, payload: { appointment: { ...other, cpr: CPR } }, createdAt: now });
    expect(store.appointments.get(other.id)?.cpr).toBe(`*****${CPR.slice(-4)}`);
    // Today's appointment still arrives whole (the day needs it).
    const today = { ...past, id: '019b3000-0000-7000-8000-00000000a003', slotAt: now };
    apply({ seq: ++seq, type: 'appointment.created', typeVersion: 1, payload: { appointment: { ...today, cpr: CPR } }, createdAt: now });
    expect(store.appointments.get(today.id)?.cpr).toBe(CPR);
  });
});
