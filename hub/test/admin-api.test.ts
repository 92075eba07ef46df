/**
 * The centre's signed-in API over HTTP (hub on PGlite): appointments booked, moved and cancelled by central staff
 * with CSRF, clear refusals in the caller's language, and catalogue edits for admins only, each sent down.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHub, type Hub } from '@dawr/hub';

const STAFF = [
  { id: 'c1', username: 'central', name: 'Central', role: 'central' as const, password: 'central-pass' },
  { id: 'a1', username: 'admin', name: 'Admin', role: 'admin' as const, password: 'admin-pass' },
];

describe('hub admin API', () => {
  let hub: Hub;
  let base: string;
  const sessions: Record<string, { cookie: string; csrf: string }> = {};

  async function call(who: string, method: string, path: string, body?: unknown, csrf = true) {
    const s = sessions[who]!;
    const res = await fetch(`${base}/api/v1/${path}`, {
      method,
      headers: { cookie: s.cookie, 'content-type': 'application/json', ...(csrf ? { 'x-csrf-token': s.csrf } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  }

  beforeAll(async () => {
    hub = await createHub({ database: { dir: null }, port: 0, host: '127.0.0.1', staff: STAFF });
    base = `http://127.0.0.1:${await hub.listen()}`;
    for (const s of STAFF) {
      const res = await fetch(`${base}/api/v1/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: s.username, password: s.password }) });
      const body = (await res.json()) as { csrf: string };
      sessions[s.username] = { cookie: res.headers.get('set-cookie')!.split(';')[0]!, csrf: body.csrf };
    }
  }, 60_000);
  afterAll(async () => {
    await hub?.close();
  });

  it('books, moves and cancels an appointment; each change goes down to the branch', async () => {
    const slot = '2026-12-08T10:30:00+03:00';
    expect((await call('central', 'POST', 'appointments', { branchId: 'isa-town', serviceId: 'isa-town.renewal', cpr: '880101001', slotAt: slot }, false)).status).toBe(403);
    const made = await call('central', 'POST', 'appointments', { branchId: 'isa-town', serviceId: 'isa-town.renewal', cpr: '880101001', slotAt: slot });
    expect(made).toMatchObject({ status: 200, body: { ok: true, appointment: { status: 'booked', slotAt: Date.parse(slot) } } });
    const id = made.body.appointment.id as string;
    expect((await call('central', 'POST', `appointments/${id}/reschedule`, { slotAt: '2026-12-08T11:00:00+03:00' })).status).toBe(200);
    expect((await call('central', 'POST', `appointments/${id}/cancel`, {})).body.appointment.status).toBe('cancelled');
    const again = await call('central', 'POST', `appointments/${id}/cancel?lang=ar`, {});
    expect(again).toMatchObject({ status: 409, body: { code: 'NOT_BOOKED', msg: 'لا يمكن تغيير أو إلغاء إلا المواعيد المحجوزة.' } });
    const types = (await hub.store.pullDown('isa-town', 1)).map((c) => c.type);
    expect(types).toEqual(['appointment.created', 'appointment.rescheduled', 'appointment.cancelled']);
  });

  it('refuses bad bookings clearly', async () => {
    const bad = (b: object) => call('central', 'POST', 'appointments?lang=en', b);
    expect((await bad({ branchId: 'isa-town', serviceId: 'isa-town.renewal', cpr: '12345', slotAt: Date.now() })).body).toMatchObject({ code: 'BAD_CPR', msg: 'A CPR number has exactly 9 digits.' });
    expect((await bad({ branchId: 'muharraq', serviceId: 'muharraq.renewal', cpr: '880101001', slotAt: Date.now() })).body.code).toBe('UNKNOWN_SERVICE');
    expect((await bad({ branchId: 'isa-town', cpr: '880101001' })).body.code).toBe('BAD_REQUEST');
  });

  it('lets admins, not central staff, change the catalogue; the branch hears of it', async () => {
    expect((await call('central', 'PUT', 'catalogue/muharraq/holidays', { holidays: ['2026-12-16'] })).status).toBe(403);
    const h = await call('admin', 'PUT', 'catalogue/muharraq/holidays', { holidays: ['2026-12-17', '2026-12-16', '2026-12-16'] });
    expect(h.body).toMatchObject({ ok: true, version: 2, catalogue: { holidays: ['2026-12-16', '2026-12-17'] } });
    const p = await call('admin', 'PATCH', 'catalogue/muharraq/services/muharraq.birth-certificate', { dailyCap: 120 });
    expect(p.body.version).toBe(3);
    expect((await call('admin', 'PATCH', 'catalogue/muharraq/services/nope', { dailyCap: 1 })).body.code).toBe('UNKNOWN_SERVICE');
    expect((await call('admin', 'PUT', 'catalogue/atlantis/holidays', { holidays: [] })).status).toBe(404);
    const down = await hub.store.pullDown('muharraq', 1);
    expect(down.map((c) => c.type)).toEqual(['catalogue.changed', 'catalogue.changed']);
  });
});
