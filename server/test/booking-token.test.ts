/**
 * The booking QR at the branch (real server, kiosk socket): the token signed by the centre is verified offline with
 * the key from the catalogue; a booking that has not synced yet checks in once from the token's contents (a second
 * scan is refused), the later sync keeps the check-in; forged, altered, expired, another branch's or a cancelled
 * booking is refused with its own clear code, and fuzzed tokens never get further.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { localDayRange, seedCatalogue, type Appointment, type BookingClaims, type DownChange } from '@dawr/core';
import { makeDownApplier, makeLogger } from '@dawr/server';
import { generateBookingKey, signBookingToken } from '@dawr/web';
import { connect, OPEN_TIME, startBranch, type Client } from '../../test/helpers/branch';

const BRANCH = 'seef-mall';
const SLOT = Date.parse(OPEN_TIME) + 10 * 60_000; // 09:10, branch time
const END = localDayRange(SLOT, 'Asia/Bahrain').end - 1;
const centre = generateBookingKey();
const claims = (over: Partial<BookingClaims> = {}): BookingClaims => ({
  i: '019b1d00-0000-7000-8000-00000000b001', b: BRANCH, s: `${BRANCH}.renewal`, t: SLOT, c: '4321', e: END, ...over,
});

let branch: Awaited<ReturnType<typeof startBranch>> | undefined;
let kiosk: Client | undefined;
afterEach(async () => {
  kiosk?.close();
  await branch?.stop();
  branch = kiosk = undefined;
});

/** A branch that has the centre's catalogue (with its key, unless `withKey` is false) and a connected kiosk. */
async function syncedBranch(withKey = true) {
  branch = await startBranch();
  let seq = 0;
  const apply = makeDownApplier(branch.server.store, BRANCH, { catalogueChanged: () => undefined }, makeLogger('silent'));
  const down = (type: string, payload: unknown) => apply({ seq: ++seq, type, typeVersion: 1, payload, createdAt: SLOT } satisfies DownChange);
  down('catalogue.changed', { version: 2, catalogue: { ...seedCatalogue(BRANCH), ...(withKey ? { bookingKey: centre.publicKey } : {}) } });
  kiosk = await connect(branch.url, 'demo-kiosk-token', 'en');
  return { down, kiosk, store: branch.server.store };
}

const find = async (k: Client, token: string) => {
  const r = await k.emitWithAck('appointment:find:v1', { token });
  return r.ok ? r.appointments.map((a) => [a.id, a.window, a.status]) : r.code;
};

describe('booking QR token at the branch', () => {
  it('checks in once from a token whose booking has not synced; the later sync keeps the check-in', async () => {
    const { down, kiosk, store } = await syncedBranch();
    const token = signBookingToken(claims(), centre.privateKey);
    expect(await find(kiosk, token)).toEqual([[claims().i, 'on_time', 'booked']]);
    expect(store.appointments.get(claims().i)).toBeUndefined(); // finding stores nothing
    const first = await kiosk.emitWithAck('appointment:checkIn:v1', { token, requestId: 'request-1' });
    expect(first).toMatchObject({ ok: true, late: false, appointmentId: claims().i, ticket: { number: "B-001" } });
    expect(store.appointments.get(claims().i)).toMatchObject({ status: 'checked_in', cpr: '*****4321', slotAt: SLOT });
    const second = await kiosk.emitWithAck('appointment:checkIn:v1', { token, requestId: 'request-2' });
    expect(second).toMatchObject({ ok: false, code: 'ALREADY_CHECKED_IN', msg: 'This appointment has already been checked in.' });
    // The booking arrives from the centre afterwards: the visit stands.
    const synced: Appointment = { id: claims().i, branchId: BRANCH, serviceId: `${BRANCH}.renewal`, cpr: '900101234', slotAt: SLOT, status: 'booked', ticketId: null };
    down('appointment.created', { appointment: synced });
    expect(store.appointments.get(claims().i)).toMatchObject({ status: 'checked_in' });
    expect(await find(kiosk, token)).toEqual([[claims().i, 'on_time', 'checked_in']]);
  });

  it('follows the synced booking over the token: a cancelled booking is not honoured, a moved one keeps its new time', async () => {
    const { down, kiosk } = await syncedBranch();
    const token = signBookingToken(claims(), centre.privateKey);
    const a: Appointment = { id: claims().i, branchId: BRANCH, serviceId: `${BRANCH}.renewal`, cpr: '900101234', slotAt: SLOT, status: 'booked', ticketId: null };
    down('appointment.rescheduled', { appointment: { ...a, slotAt: SLOT + 90 * 60_000 } });
    expect(await find(kiosk, token)).toEqual([[a.id, 'too_early', 'booked']]);
    down('appointment.cancelled', { appointment: { ...a, status: 'cancelled' } });
    expect(await kiosk.emitWithAck('appointment:checkIn:v1', { token })).toMatchObject({ ok: false, code: 'NO_APPOINTMENT' });
  });

  it('refuses forged, altered, expired and other branches’ tokens, and any token before the centre’s key arrived', async () => {
    const { kiosk } = await syncedBranch();
    const forged = signBookingToken(claims(), generateBookingKey().privateKey);
    expect(await find(kiosk, forged)).toBe('BOOKING_INVALID');
    const [prefix, , sig] = signBookingToken(claims(), centre.privateKey).split('.');
    const altered = `${prefix}.${Buffer.from(JSON.stringify(claims({ c: '0000' }))).toString('base64url')}.${sig}`;
    expect(await find(kiosk, altered)).toBe('BOOKING_INVALID');
    expect(await find(kiosk, signBookingToken(claims({ t: SLOT - 86_400_000, e: END - 86_400_000 }), centre.privateKey))).toBe('BOOKING_EXPIRED');
    expect(await find(kiosk, signBookingToken(claims({ b: 'isa-town', s: 'isa-town.renewal' }), centre.privateKey))).toBe('BOOKING_OTHER_BRANCH');
    expect(await find(kiosk, signBookingToken(claims({ t: SLOT + 86_400_000, e: END + 86_400_000 }), centre.privateKey))).toEqual([]); // another day
    const checkIn = await kiosk.emitWithAck('appointment:checkIn:v1', { token: forged });
    expect(checkIn).toMatchObject({ ok: false, code: 'BOOKING_INVALID', msgs: { ar: expect.any(String) } });
    expect(await kiosk.emitWithAck('appointment:find:v1', { token: 'DAWR-APPT:demo-1' })).toMatchObject({ ok: false, code: 'BAD_REQUEST' });
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 16, maxLength: 200 }), fc.string({ minLength: 86, maxLength: 86 }), async (body, s) => {
        const junk = `DAWR-B1.${Buffer.from(body).toString('base64url')}.${Buffer.from(s).toString('base64url').slice(0, 86).padEnd(86, 'A')}`;
        const r = await kiosk.emitWithAck('appointment:checkIn:v1', { token: junk });
        expect(r.ok).toBe(false);
      }),
      { numRuns: 100 },
    );
    kiosk.close();
    await branch!.stop();
    const fresh = await syncedBranch(false);
    expect(await find(fresh.kiosk, signBookingToken(claims(), centre.privateKey))).toBe('BOOKING_INVALID');
  });
});
