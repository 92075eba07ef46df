/**
 * The booking portal's public API over HTTP (hub on PGlite, its clock fixed): catalogue, days and slots, booking
 * with a signed QR token, look-up / reschedule / cancel by reference + CPR, refusals in Arabic and English, rate
 * limits per CPR and per address, and bad input fuzzed: every one a clear 4xx, nothing stored.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyBookingToken } from '@dawr/web';
import { createHub, type Hub } from '@dawr/hub';

const NOW = Date.parse('2026-12-06T08:00:00+03:00'); // Sunday
const at = (day: string, hhmm: string) => Date.parse(`${day}T${hhmm}:00+03:00`);
const applicant = (cpr: string, extra: Record<string, unknown> = {}) => ({
  cpr, name: 'Ahmed Saleh', mobile: '+973 3900 1122', email: 'ahmed@example.bh', nationality: 'BH', birthDate: '1990-03-03', ...extra,
});
const booking = (cpr: string, slotAt: number, extra: Record<string, unknown> = {}, over: Record<string, unknown> = {}) => ({
  branchId: 'isa-town', serviceId: 'isa-town.new-card', slotAt, applicant: applicant(cpr, extra), ...over,
});

type Answer = { status: number; body: Record<string, any>; headers: Headers };

async function startHub(limits: Record<string, number>): Promise<{ hub: Hub; base: string }> {
  const hub = await createHub({ database: { dir: null }, port: 0, host: '127.0.0.1', portal: { limits, clock: () => NOW } });
  return { hub, base: `http://127.0.0.1:${await hub.listen()}` };
}

describe('booking portal API', () => {
  let hub: Hub;
  let base: string;
  const get = async (path: string, headers: Record<string, string> = {}): Promise<Answer> => {
    const res = await fetch(`${base}/api/portal/v1/${path}`, { headers });
    return { status: res.status, body: (await res.json()) as Record<string, any>, headers: res.headers };
  };
  const post = async (path: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> => {
    const res = await fetch(`${base}/api/portal/v1/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, any>, headers: res.headers };
  };

  beforeAll(async () => {
    ({ hub, base } = await startHub({ readsPerAddress: 100_000, writesPerAddress: 100_000, writesPerCpr: 20 }));
  }, 60_000);
  afterAll(async () => {
    await hub?.close();
  });

  it('lists branches with their hours and services, then a service’s days and slots with free seats', async () => {
    const cat = await get('catalogue');
    expect(cat.body).toMatchObject({ ok: true, hotline: '80008001' });
    const muharraq = cat.body.branches.find((b: any) => b.id === 'muharraq');
    expect(muharraq).toMatchObject({ opensAt: '08:00', closesAt: '14:00', name: { en: 'Muharraq' } });
    expect(muharraq.services.map((s: any) => [s.code, s.bookable])).toEqual([['birth-certificate', false]]);
    const days = await get('days?branch=isa-town&service=isa-town.new-card');
    expect(days.body.days[0]).toEqual({ day: '2026-12-06', free: 23 * 2 });
    expect(days.body.days.map((d: any) => d.day)).not.toContain('2026-12-11');
    const slots = await get('slots?branch=isa-town&service=isa-town.new-card&day=2026-12-07');
    expect(slots.body).toMatchObject({ ok: true, day: '2026-12-07', slotMin: 15 });
    expect(slots.body.slots[0]).toEqual({ at: at('2026-12-07', '08:00'), free: 2 });
    expect((await get('slots?branch=muharraq&service=isa-town.new-card&day=2026-12-07')).body.code).toBe('UNKNOWN_SERVICE');
  });

  it('books, answers the reference with a QR token signed by the centre, and finds, moves and cancels it by reference + CPR', async () => {
    const slot = at('2026-12-07', '09:00');
    const made = await post('bookings', booking('900202001', slot));
    expect(made.status).toBe(200);
    const { booking: b, token, qr } = made.body;
    expect(b).toMatchObject({ status: 'booked', slotAt: slot, branchId: 'isa-town', serviceCode: 'new-card', cprLast4: '2001', lang: 'ar' });
    expect(qr.size).toBeGreaterThan(20);
    const key = (await hub.store.catalogues()).find((c) => c.catalogue.branch.id === 'isa-town')!.catalogue.bookingKey!;
    expect(verifyBookingToken(token, key, slot)).toEqual({
      ok: true,
      claims: { i: b.id, b: 'isa-town', s: 'isa-town.new-card', t: slot, c: '2001', e: at('2026-12-08', '00:00') - 1 },
    });
    expect(JSON.stringify(made.body)).not.toContain('900202001');
    const found = await post('bookings/find', { reference: b.reference, cpr: '900202001' });
    expect(found.body).toMatchObject({ ok: true, booking: { id: b.id, status: 'booked' }, token });
    const moved = await post('bookings/reschedule', { reference: b.reference, cpr: '900202001', slotAt: at('2026-12-08', '10:00') });
    expect(moved.body.booking.slotAt).toBe(at('2026-12-08', '10:00'));
    expect(moved.body.token).not.toBe(token);
    const cancelled = await post('bookings/cancel', { reference: b.reference, cpr: '900202001' });
    expect(cancelled.body).toMatchObject({ ok: true, booking: { status: 'cancelled' } });
    expect(cancelled.body.token).toBeUndefined();
    const again = await post('bookings/cancel?lang=en', { reference: b.reference, cpr: '900202001' });
    expect(again).toMatchObject({ status: 409, body: { ok: false, code: 'NOT_BOOKED', msg: expect.stringContaining('can no longer') } });
  });

  it('answers every refusal with its code and both languages (Arabic unless asked otherwise)', async () => {
    const wrong = await post('bookings/find', { reference: 'AAA-AAA-AAA', cpr: '900202001' });
    expect(wrong).toMatchObject({ status: 404, body: { ok: false, code: 'NOT_FOUND', msgs: { ar: expect.any(String), en: expect.any(String) } } });
    expect(wrong.body.msg).toBe(wrong.body.msgs.ar);
    const en = await post('bookings/find', { reference: 'AAA-AAA-AAA', cpr: '900202001' }, { 'accept-language': 'en-GB,en' });
    expect(en.body.msg).toBe(en.body.msgs.en);
    const fields = await post('bookings?lang=en', booking('9002020', at('2026-12-07', '09:15'), { email: 'nope', mobile: '1234' }));
    expect(fields).toMatchObject({ status: 422, body: { code: 'INVALID_FIELDS', fields: { cpr: 'FORMAT', email: 'FORMAT', mobile: 'FORMAT' } } });
    const valid = await post('bookings?lang=en', booking('900202002', at('2026-12-07', '09:15'), { cardExpiry: '2029-06-01' }, { serviceId: 'isa-town.renewal', slotAt: at('2026-12-07', '09:10') }));
    expect(valid).toMatchObject({ status: 422, body: { code: 'CARD_STILL_VALID', detail: { expiry: '2029-06-01', renewFrom: '2029-03-03' } } });
    expect(valid.body.msg).toContain('2029-03-03');
    const child = await post('bookings', booking('230101001', at('2026-12-07', '09:15'), { birthDate: '2023-06-01' }));
    expect(child).toMatchObject({ status: 422, body: { code: 'UNDER_FOUR' } });
    const form = await fetch(`${base}/api/portal/v1/bookings`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=b' });
    expect(form.status).toBe(415);
  });

  it('refuses bad input with a 4xx and stores nothing (fuzzed)', async () => {
    const before = await hub.store.bookings.census();
    const slot = at('2026-12-09', '10:00');
    const bad: [unknown, number, string][] = [
      [booking('90020200', slot), 422, 'INVALID_FIELDS'], // 8 digits (the CPR's check digit is unpublished: its form is checked)
      [booking('9002020x1', slot), 422, 'INVALID_FIELDS'],
      [booking('900202003', at('2026-12-06', '08:00')), 400, 'SLOT_PAST'], // began just now
      [booking('900202003', at('2026-12-09', '07:45')), 400, 'NOT_A_SLOT'],
      [booking('900202003', at('2026-12-09', '14:00')), 400, 'NOT_A_SLOT'],
      [booking('900202003', at('2026-12-11', '10:00')), 400, 'WEEKEND'],
      [booking('900202003', at('2027-03-01', '10:00')), 400, 'BEYOND_HORIZON'],
      [booking('900202003', slot, {}, { branchId: 'muharraq', serviceId: 'muharraq.new-card' }), 404, 'UNKNOWN_SERVICE'],
      [booking('900202003', slot, {}, { serviceId: 'isa-town.collection' }), 400, 'NO_APPOINTMENTS'],
      [booking('900202003', slot, { name: 'ن'.repeat(900) }), 422, 'INVALID_FIELDS'],
      [booking('900202003', slot, { name: 'x'.repeat(2000) }), 400, 'BAD_REQUEST'],
      [booking('900202003', slot, {}, { slotAt: '2026-12-09T10:00' }), 400, 'BAD_REQUEST'],
      [{ ...booking('900202003', slot), applicant: 'me' }, 400, 'BAD_REQUEST'],
      ['{"branchId":', 400, 'BAD_REQUEST'],
      [JSON.stringify({ ...booking('900202003', slot), pad: 'x'.repeat(10_000) }), 413, 'TOO_LARGE'],
    ];
    for (const [body, status, code] of bad) {
      const r = await post('bookings', body);
      expect([r.status, r.body.code, typeof r.body.msgs?.ar]).toEqual([status, code, 'string']);
    }
    await hub.store.editCatalogue('isa-town', (c) => ({ ...c, holidays: ['2026-12-16'] }), NOW);
    expect((await post('bookings', booking('900202003', at('2026-12-16', '10:00')))).body.code).toBe('HOLIDAY');
    await fc.assert(
      fc.asyncProperty(
        fc.record({ branchId: fc.oneof(fc.string(), fc.constant('isa-town')), serviceId: fc.string(), slotAt: fc.oneof(fc.integer(), fc.double()), applicant: fc.object() }, { requiredKeys: [] }),
        async (body) => {
          const r = await post('bookings', body);
          expect(r.status).toBeGreaterThanOrEqual(400);
          expect(r.status).toBeLessThan(500);
        },
      ),
      { numRuns: 150 },
    );
    expect(await hub.store.bookings.census()).toEqual(before);
  });

  it('limits writes per CPR (the same person in any digits) with 429 and Retry-After', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 21; i++) codes.push((await post('bookings/find', { reference: 'AAA-AAA-AAA', cpr: i % 2 ? '900303001' : '٩٠٠٣٠٣٠٠١' })).status);
    expect(codes.slice(0, 20).every((c) => c === 404)).toBe(true);
    const last = await post('bookings/find', { reference: 'AAA-AAA-AAA', cpr: '900303001' });
    expect(last).toMatchObject({ status: 429, body: { code: 'RATE_LIMITED' } });
    expect(last.headers.get('retry-after')).toBe('60');
    expect((await post('bookings/find', { reference: 'AAA-AAA-AAA', cpr: '900303002' })).status).toBe(404);
  });
});

describe('booking portal API per-address limit', () => {
  it('answers 429 to an address past its writes, reads still served', async () => {
    const { hub, base } = await startHub({ writesPerAddress: 3 });
    try {
      const statuses = [];
      for (let i = 0; i < 4; i++) {
        const res = await fetch(`${base}/api/portal/v1/bookings/find`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ reference: 'x', cpr: `90040400${i}` }) });
        statuses.push(res.status);
      }
      expect(statuses).toEqual([404, 404, 404, 429]);
      expect((await fetch(`${base}/api/portal/v1/catalogue`)).status).toBe(200);
    } finally {
      await hub.close();
    }
  }, 60_000);
});
