/**
 * Online bookings at the centre (PGlite): seats per slot, one active booking per CPR and service, reference + CPR
 * look-up, reschedule and cancel (each with its down-log entry), the status following the branch's visit, and
 * every refusal storing nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYNC_SCHEMA_VERSION, formatReference, type Appointment } from '@dawr/core';
import { BookingRefused, HubStore, type BookingRequest } from '@dawr/hub';

const NOW = Date.parse('2026-12-06T08:00:00+03:00'); // Sunday
const at = (day: string, hhmm: string) => Date.parse(`${day}T${hhmm}:00+03:00`);
const person = (cpr: string, extra: Record<string, unknown> = {}) => ({
  cpr, name: 'Fatima Ali', mobile: '36001234', email: 'f@example.bh', nationality: 'BH', birthDate: '1985-01-01', cardExpiry: '2027-01-15', ...extra,
});
const request = (cpr: string, slotAt: number, over: Partial<BookingRequest> = {}, extra: Record<string, unknown> = {}): BookingRequest => ({
  branchId: 'seef-mall', serviceId: 'seef-mall.renewal', slotAt, lang: 'ar', applicant: person(cpr, extra), ...over,
});
const refusal = (p: Promise<unknown>) => p.then(() => 'accepted', (e: unknown) => (e instanceof BookingRefused ? e.code : `${e}`));

describe('online bookings at the centre', () => {
  let store: HubStore;
  beforeAll(async () => {
    store = await HubStore.open({ dir: null }, NOW);
  }, 60_000);
  afterAll(async () => {
    await store?.close();
  });

  it('books a slot with a reference, sends the appointment down in the same transaction, and finds it by reference + CPR', async () => {
    const slot = at('2026-12-07', '09:00');
    const b = await store.bookings.create(request('850101011', slot), NOW);
    expect(b).toMatchObject({ status: 'booked', slotAt: slot, slotMin: 10, serviceCode: 'renewal', cprLast4: '1011', name: 'Fatima Ali' });
    const down = (await store.pullDown('seef-mall', 1)).filter((c) => c.type === 'appointment.created');
    expect(down.map((c) => (c.payload as { appointment: Appointment }).appointment)).toEqual([
      { id: b.id, branchId: 'seef-mall', serviceId: 'seef-mall.renewal', cpr: '850101011', slotAt: slot, status: 'booked', ticketId: null },
    ]);
    expect(await store.bookings.lookup(b.reference, '٨٥٠١٠١٠١١', NOW)).toEqual(b);
    expect(await store.bookings.lookup(formatReference(b.reference).toLowerCase().replace(/-/g, ''), '850101011', NOW)).toMatchObject({ id: b.id });
    // A wrong CPR is answered exactly like an unknown reference.
    expect(await refusal(store.bookings.lookup(b.reference, '850101012', NOW))).toBe('NOT_FOUND');
    expect(await refusal(store.bookings.lookup('000000000', '850101011', NOW))).toBe('NOT_FOUND');
  });

  it('never books more than the slot’s seats; a cancellation gives its seat back', async () => {
    const slot = at('2026-12-07', '10:00');
    const made = [];
    for (let i = 0; i < 3; i++) made.push(await store.bookings.create(request(`86010100${i}`, slot), NOW));
    expect(await refusal(store.bookings.create(request('860101009', slot), NOW))).toBe('SLOT_FULL');
    const day = await store.bookings.slots('seef-mall', 'seef-mall.renewal', '2026-12-07', NOW);
    expect(day.slots.find((s) => s.at === slot)).toEqual({ at: slot, free: 0 });
    expect(day.slots.find((s) => s.at === at('2026-12-07', '10:10'))).toEqual({ at: at('2026-12-07', '10:10'), free: 3 });
    await store.bookings.cancel(made[0]!.reference, '860101000', NOW);
    expect((await store.bookings.slots('seef-mall', 'seef-mall.renewal', '2026-12-07', NOW)).slots.find((s) => s.at === slot)!.free).toBe(1);
    expect(await store.bookings.create(request('860101009', slot), NOW)).toMatchObject({ status: 'booked' });
    expect(await refusal(store.bookings.cancel(made[0]!.reference, '860101000', NOW))).toBe('NOT_BOOKED');
  });

  it('keeps one active booking per CPR and service, across branches', async () => {
    const first = await store.bookings.create(request('870101001', at('2026-12-08', '09:00')), NOW);
    const elsewhere = request('870101001', at('2026-12-08', '09:00'), { branchId: 'isa-town', serviceId: 'isa-town.renewal' });
    expect(await refusal(store.bookings.create(elsewhere, NOW))).toBe('ALREADY_BOOKED');
    // Another service is another booking.
    expect(await store.bookings.create(request('870101001', at('2026-12-08', '09:00'), { serviceId: 'seef-mall.new-card' }), NOW)).toMatchObject({ serviceCode: 'new-card' });
    await store.bookings.cancel(first.reference, '870101001', NOW);
    expect(await store.bookings.create(elsewhere, NOW)).toMatchObject({ branchId: 'isa-town' });
  });

  it('two requests of one person at once: one booking', async () => {
    const results = await Promise.all([0, 1, 2, 3].map((i) => refusal(store.bookings.create(request('880101001', at('2026-12-09', '09:00') + i * 600_000), NOW))));
    expect(results.filter((r) => r === 'accepted')).toHaveLength(1);
    expect(results.filter((r) => r === 'ALREADY_BOOKED')).toHaveLength(3);
  });

  it('reschedules within the service (the seat moves) and refuses a full or closed slot, keeping the old one', async () => {
    const from = at('2026-12-10', '09:00');
    const to = at('2026-12-10', '11:00');
    const b = await store.bookings.create(request('890101001', from), NOW);
    const moved = await store.bookings.reschedule(b.reference, '890101001', to, NOW);
    expect(moved).toMatchObject({ reference: b.reference, slotAt: to, status: 'booked' });
    const day = await store.bookings.slots('seef-mall', 'seef-mall.renewal', '2026-12-10', NOW);
    expect(day.slots.find((s) => s.at === from)!.free).toBe(3);
    expect(day.slots.find((s) => s.at === to)!.free).toBe(2);
    const full = at('2026-12-10', '12:00');
    for (let i = 0; i < 3; i++) await store.bookings.create(request(`89010110${i}`, full), NOW);
    expect(await refusal(store.bookings.reschedule(b.reference, '890101001', full, NOW))).toBe('SLOT_FULL');
    expect(await refusal(store.bookings.reschedule(b.reference, '890101001', at('2026-12-11', '09:00'), NOW))).toBe('WEEKEND');
    expect(await store.bookings.lookup(b.reference, '890101001', NOW)).toMatchObject({ slotAt: to });
    expect((await store.bookings.slots('seef-mall', 'seef-mall.renewal', '2026-12-10', NOW)).slots.find((s) => s.at === to)!.free).toBe(2);
    const down = (await store.pullDown('seef-mall', 1)).filter((c) => (c.payload as { appointment?: Appointment }).appointment?.id === b.id);
    expect(down.map((c) => c.type)).toEqual(['appointment.created', 'appointment.rescheduled']);
  });

  it('refuses every wrong request and stores nothing', async () => {
    const before = await store.bookings.census();
    const down = (await store.pullDown('seef-mall', 0)).length;
    const slot = at('2026-12-14', '09:00');
    const cases: [BookingRequest, string][] = [
      [request('850101', slot), 'INVALID_FIELDS'],
      [request('850101099', at('2026-12-06', '07:50')), 'NOT_A_SLOT'],
      [request('850101099', at('2026-12-06', '08:00')), 'SLOT_PAST'],
      [request('850101099', at('2026-12-11', '09:00')), 'WEEKEND'],
      [request('850101099', at('2026-12-12', '09:00')), 'WEEKEND'],
      [request('850101099', at('2027-02-01', '09:00')), 'BEYOND_HORIZON'],
      [request('850101099', slot, { branchId: 'muharraq', serviceId: 'muharraq.renewal' }), 'UNKNOWN_SERVICE'],
      [request('850101099', slot, { serviceId: 'seef-mall.collection' }), 'NO_APPOINTMENTS'],
      [request('850101099', slot, { branchId: 'atlantis' }), 'UNKNOWN_BRANCH'],
      [request('850101099', slot, {}, { birthDate: '2024-01-01' }), 'UNDER_FOUR'],
      [request('850101099', slot, {}, { cardExpiry: '2030-01-01' }), 'CARD_STILL_VALID'],
      [request('850101099', slot, {}, { name: 'x'.repeat(5000) }), 'INVALID_FIELDS'],
      [request('850101099', slot, {}, { nationality: 'other' }), 'INVALID_FIELDS'],
    ];
    for (const [r, code] of cases) expect([r.slotAt, await refusal(store.bookings.create(r, NOW))]).toEqual([r.slotAt, code]);
    await store.editCatalogue('seef-mall', (c) => ({ ...c, holidays: ['2026-12-16'] }), NOW);
    expect(await refusal(store.bookings.create(request('850101099', at('2026-12-16', '09:00')), NOW))).toBe('HOLIDAY');
    const refused = await store.bookings.create(request('850101099', slot, {}, { cardExpiry: '2030-01-01' }), NOW).catch((e: BookingRefused) => e);
    expect((refused as BookingRefused).detail).toEqual({ expiry: '2030-01-01', renewFrom: '2029-10-03' });
    expect(await store.bookings.census()).toEqual(before);
    expect((await store.pullDown('seef-mall', 0)).length).toBe(down + 1); // only the holiday's catalogue change
  });

  it('follows the visit: checked in, served; a move or cancel after check-in is refused', async () => {
    const slot = at('2026-12-07', '12:00');
    const b = await store.bookings.create(request('900101001', slot), NOW);
    const ticket = { id: 't-900', day: '2026-12-07', serviceId: b.serviceId, number: 'B-007', state: 'waiting', arrivedAt: slot, appointmentId: b.id, slotAt: slot };
    const event = (seq: number, type: string, state: string) => ({ seq, type, typeVersion: 1, entityId: ticket.id, createdAt: slot, payload: { ticket: { ...ticket, state } } });
    const send = (events: ReturnType<typeof event>[]) =>
      store.applyUp({ schema: SYNC_SCHEMA_VERSION, branchId: 'seef-mall', epoch: 'e1', epochStartSeq: 0, sentAt: slot, events }, slot);
    await send([event(1, 'ticket.checked_in', 'waiting')]);
    expect(await store.bookings.lookup(b.reference, '900101001', slot)).toMatchObject({ status: 'checked_in', ticketNumber: 'B-007' });
    expect(await refusal(store.bookings.cancel(b.reference, '900101001', slot))).toBe('NOT_BOOKED');
    expect(await refusal(store.bookings.reschedule(b.reference, '900101001', at('2026-12-08', '12:00'), slot))).toBe('NOT_BOOKED');
    await send([event(2, 'ticket.called', 'called'), event(3, 'ticket.started', 'serving'), event(4, 'ticket.ended', 'done')]);
    expect(await store.bookings.lookup(b.reference, '900101001', slot)).toMatchObject({ status: 'served' });
    // Never checked in: a no-show once the day is over.
    const missed = await store.bookings.create(request('900101002', slot), NOW);
    expect(await store.bookings.lookup(missed.reference, '900101002', at('2026-12-08', '00:00'))).toMatchObject({ status: 'no_show' });
  });

  it('gives the seat back when centre staff cancel an online booking', async () => {
    const slot = at('2026-12-15', '09:00');
    const b = await store.bookings.create(request('910101001', slot), NOW);
    await store.appointments.cancel(b.id, NOW);
    expect((await store.bookings.slots('seef-mall', 'seef-mall.renewal', '2026-12-15', NOW)).slots.find((s) => s.at === slot)).toEqual({ at: slot, free: 3 });
    expect(await store.bookings.lookup(b.reference, '910101001', NOW)).toMatchObject({ status: 'cancelled' });
  });

  it('lists bookable days with their free seats, and carries the centre’s public key in every catalogue', async () => {
    const { days } = await store.bookings.days('seef-mall', 'seef-mall.renewal', NOW);
    expect(days[0]).toEqual({ day: '2026-12-06', free: 35 * 3 }); // it is 08:00: the first slot has begun
    expect(days.map((d) => d.day)).not.toContain('2026-12-11');
    expect(days.find((d) => d.day === '2026-12-07')!.free).toBeLessThan(36 * 3);
    for (const c of await store.catalogues()) expect(c.catalogue.bookingKey).toBe(store.bookingKey.publicKey);
  });
});
