import { describe, expect, it } from 'vitest';
import type { DeviceAlert, ReprintJob } from '@dawr/core';
import { branchWithDevices, trackingPhone } from '../../test/helpers/branch-devices';

const at = branchWithDevices();

const phone = (track: string) => trackingPhone(at.branch.url, track);

async function until(cond: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(cond()).toBe(true);
}

describe("the visitor's phone", () => {
  it('follows its own ticket: position moves, then "called to counter N", with no personal data', async () => {
    const a = await at.kiosk.emitWithAck('ticket:issue:v1', { serviceId: 'seef-mall.renewal', visitor: { cpr: '900101234', nameEn: 'Ali Hasan' } });
    const b = await at.kiosk.emitWithAck('ticket:issue:v1', { serviceId: 'seef-mall.renewal' });
    if (!a.ok || !b.ok) throw new Error('issue failed');
    expect(b.trackToken).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const p = phone(b.trackToken);
    await p.ready;
    expect(p.updates[0]).toMatchObject({ number: b.ticket.number, state: 'waiting', position: 2, branch: { en: 'Seef Mall' } });
    await at.counter.emitWithAck('counter:callNext:v1', { counterId: 'seef-mall.counter-1' });
    await until(() => p.updates.at(-1)?.position === 1);
    await at.counter.emitWithAck('counter:callNext:v1', { counterId: 'seef-mall.counter-2' });
    await until(() => p.updates.at(-1)?.state === 'called');
    expect(p.updates.at(-1)).toMatchObject({ state: 'called', counterNumber: 2 });
    const all = JSON.stringify(p.updates);
    expect(all).not.toContain('Ali');
    expect(all).not.toContain('1234');
    // It may ask for its own ticket, and nothing else.
    expect(await p.s.emitWithAck('ticket:track:v1', {})).toMatchObject({ ok: true, ticket: { number: b.ticket.number } });
    expect(await p.s.emitWithAck('branch:snapshot:v1', {})).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    p.s.close();
  });

  it('refuses a made-up token', async () => {
    const p = phone('not-a-real-token-at-all');
    await expect(p.ready).rejects.toThrow('UNAUTHENTICATED');
    p.s.close();
  });

  it('clerks see the visitor’s name and only the last 4 digits of the CPR', async () => {
    await at.kiosk.emitWithAck('ticket:issue:v1', { serviceId: 'seef-mall.collection', visitor: { cpr: '880512345', nameEn: 'Mariam Ahmed', nameAr: 'مريم أحمد' } });
    const list = await at.counter.emitWithAck('queue:list:v1', {});
    if (!list.ok) throw new Error(list.code);
    const t = list.tickets.find((x) => x.visitor?.name?.en === 'Mariam Ahmed');
    expect(t?.visitor).toEqual({ name: { ar: 'مريم أحمد', en: 'Mariam Ahmed' }, cprLast4: '2345' });
    expect(JSON.stringify(list)).not.toContain('880512345');
    expect(JSON.stringify(at.branch.server.store.outbox.after(0, 1000))).not.toContain('880512345');
  });

  it('the snapshot says which ticket each counter holds', async () => {
    const snap = await at.counter.emitWithAck('branch:snapshot:v1', {});
    if (!snap.ok) throw new Error(snap.code);
    expect(snap.snapshot.counterTickets.map((c) => c.counterId).sort()).toEqual(['seef-mall.counter-1', 'seef-mall.counter-2']);
  });
});

describe('kiosk alerts and reprints', () => {
  it('a printer out of paper reaches staff at once, and clears when the kiosk says so', async () => {
    const seen: DeviceAlert[][] = [];
    at.counter.on('alerts:v1', (a) => seen.push(a));
    expect(await at.kiosk.emitWithAck('kiosk:alert:v1', { kind: 'printer', level: 'error', code: 'paper_out' })).toEqual({ ok: true });
    await until(() => seen.at(-1)?.length === 1);
    expect(seen.at(-1)![0]).toMatchObject({ deviceId: 'kiosk-1', kind: 'printer', level: 'error', code: 'paper_out' });
    expect(await at.counter.emitWithAck('alerts:list:v1', {})).toMatchObject({ ok: true, alerts: [{ code: 'paper_out' }] });
    await at.kiosk.emitWithAck('kiosk:alert:v1', { kind: 'printer', level: 'ok', code: 'ready' });
    await until(() => seen.at(-1)?.length === 0);
    expect(await at.counter.emitWithAck('kiosk:alert:v1', { kind: 'printer', level: 'error', code: 'paper_out' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });

  it('a manager reprint goes to the kiosk that issued the ticket', async () => {
    const r = await at.kiosk.emitWithAck('ticket:issue:v1', { serviceId: 'seef-mall.new-card' });
    if (!r.ok) throw new Error(r.code);
    const job = new Promise<ReprintJob>((resolve) => at.kiosk.once('kiosk:reprint:v1', resolve));
    const res = await fetch(`${at.branch.url}/api/v1/login`, { method: 'POST', body: JSON.stringify({ username: 'manager', password: 'dawr-manager' }) });
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    const reprint = await fetch(`${at.branch.url}/api/v1/tickets/${r.ticket.id}/reprint`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrfToken } });
    expect(await reprint.json()).toEqual({ ok: true, kioskId: 'kiosk-1' });
    expect(await job).toMatchObject({ ticket: { number: r.ticket.number }, trackToken: r.trackToken });
  });
});
