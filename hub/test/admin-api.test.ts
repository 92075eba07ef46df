/**
 * The centre's signed-in API over HTTP (hub on PGlite): appointments booked, moved and cancelled by central staff
 * with CSRF, clear refusals in the caller's language, and catalogue edits for admins only, each sent down.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYNC_SCHEMA_VERSION } from '@dawr/core';
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

  it('changes opening hours and service settings for admins, refusing what makes no sense and stale edits', async () => {
    const isa = async () => ((await call('admin', 'GET', 'catalogue')).body.catalogues as any[]).find((c) => c.catalogue.branch.id === 'isa-town');
    const v = (await isa()).version as number;
    const hours = await call('admin', 'PUT', 'catalogue/isa-town/hours', { opensAt: '07:30', closesAt: '13:30', version: v });
    expect(hours.body).toMatchObject({ ok: true, version: v + 1, catalogue: { branch: { opensAt: '07:30', closesAt: '13:30' } } });
    expect((await call('admin', 'PUT', 'catalogue/isa-town/hours?lang=en', { opensAt: '14:00', closesAt: '08:00' })).body).toMatchObject({
      code: 'BAD_HOURS', msg: 'The closing time must be later than the opening time.',
    });
    expect((await call('admin', 'PUT', 'catalogue/isa-town/hours', { opensAt: '7:30', closesAt: '13:30' })).body.code).toBe('BAD_REQUEST');
    // Based on the version before the change: refused, not overwritten.
    const stale = await call('admin', 'PUT', 'catalogue/isa-town/holidays?lang=ar', { holidays: ['2026-12-16'], version: v });
    expect(stale).toMatchObject({ status: 409, body: { code: 'STALE_CATALOGUE' } });
    expect(stale.body.msg).toContain('قام شخص آخر');
    const walkIns = await call('admin', 'PATCH', 'catalogue/isa-town/services/isa-town.collection', { acceptsWalkIns: false, acceptsAppointments: false });
    expect(walkIns).toMatchObject({ status: 400, body: { code: 'NO_WAY_IN' } });
    const off = await call('admin', 'PATCH', 'catalogue/isa-town/services/isa-town.collection', { active: false, typicalServiceMin: 4, version: v + 1 });
    expect(off.body.catalogue.services.find((s: any) => s.id === 'isa-town.collection')).toMatchObject({ active: false, typicalServiceMin: 4 });
    expect((await call('central', 'PUT', 'catalogue/isa-town/hours', { opensAt: '07:00', closesAt: '13:00' })).status).toBe(403);
    const down = (await hub.store.pullDown('isa-town', 0)).filter((c) => c.type === 'catalogue.changed').at(-1)!;
    expect(down.payload).toMatchObject({ version: v + 2, catalogue: { branch: { opensAt: '07:30' } } });
  });

  it('lists a branch day’s appointments with what became of each at the branch', async () => {
    const slot = Date.parse('2026-12-09T09:30:00+03:00');
    const made = await call('central', 'POST', 'appointments', { branchId: 'salman-port', serviceId: 'salman-port.renewal', cpr: '880101002', slotAt: slot });
    const a = made.body.appointment;
    const ticket = { id: 't-appt', day: '2026-12-09', serviceId: a.serviceId, number: 'B-001', appointmentId: a.id, slotAt: slot, arrivedAt: slot };
    const events = [
      { seq: 1, type: 'ticket.checked_in', typeVersion: 1, entityId: 't-appt', createdAt: slot, payload: { ticket: { ...ticket, state: 'waiting' } } },
      { seq: 2, type: 'ticket.ended', typeVersion: 1, entityId: 't-appt', createdAt: slot, payload: { ticket: { ...ticket, state: 'done', outcome: 'served', endedAt: slot + 600_000 } } },
    ];
    await hub.store.applyUp({ schema: SYNC_SCHEMA_VERSION, branchId: 'salman-port', epoch: 'e1', epochStartSeq: 0, sentAt: slot, events }, slot);
    const day = await call('central', 'GET', 'appointments?branchId=salman-port&day=2026-12-09');
    expect(day.body.appointments).toEqual([expect.objectContaining({ id: a.id, status: 'checked_in', ticket: { number: 'B-001', state: 'done', outcome: 'served' } })]);
    expect((await call('central', 'GET', 'appointments?branchId=salman-port&day=2026-12-10')).body.appointments).toEqual([]);
    expect((await call('central', 'GET', `appointments/${a.id}`)).body.appointment.ticket.outcome).toBe('served');
    expect((await call('central', 'GET', 'appointments?branchId=salman-port&day=2026-02-30')).body.code).toBe('BAD_DAY');
    expect((await call('central', 'GET', 'appointments?branchId=atlantis')).status).toBe(404);
    expect((await call('central', 'GET', 'appointments/nope')).status).toBe(404);
  });
});
