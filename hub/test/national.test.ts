/**
 * The national picture: figures from the branches' synced events (branch-local day and waits through the branch
 * clock's offset), central staff sign-in, and the live push to a signed-in manager's socket when a branch syncs.
 */
import http from 'node:http';
import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDay, SYNC_SCHEMA_VERSION, type BranchLive, type NationalSnapshot, type UpEvent } from '@dawr/core';
import { createHub, HUB_SESSION_COOKIE, type Hub } from '@dawr/hub';

const BRANCH_NOW = Date.parse('2026-12-06T10:00:00+03:00');
const STAFF = [{ id: 'c1', username: 'central', name: 'Central', role: 'central' as const, password: 'right-password' }];

function ticketEvent(seq: number, id: string, service: string, state: string, arrivedAt: number): UpEvent {
  const type = `ticket.${state === 'waiting' ? 'issued' : 'ended'}`;
  const day = localDay(arrivedAt, 'Asia/Bahrain');
  return { seq, type, typeVersion: 1, entityId: id, createdAt: arrivedAt,
    payload: { ticket: { id, day, serviceId: service, number: `X-${seq}`, state, arrivedAt, counterId: null } } };
}

async function post(port: number, path: string, body: unknown, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; body: Record<string, unknown>; cookie: string | undefined }>((resolve, reject) => {
    const req = http.request({ port, host: '127.0.0.1', method: 'POST', path, headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text || '{}') as Record<string, unknown>, cookie: res.headers['set-cookie']?.[0] }));
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

async function get(port: number, path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number }>((resolve, reject) => {
    const req = http.request({ port, host: '127.0.0.1', method: 'GET', path, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('national picture', () => {
  let hub: Hub;
  let port: number;
  let token: string;
  beforeAll(async () => {
    hub = await createHub({ database: { dir: null }, port: 0, host: '127.0.0.1', staff: STAFF });
    port = await hub.listen();
    token = await hub.store.issueBranchCredential('isa-town', Date.now());
  }, 60_000);
  afterAll(async () => {
    await hub?.close();
  });

  it('counts today per branch and service from the synced events, with waits on the branch clock', async () => {
    // The branch clock runs 5 hours behind the hub's (a demo clock, say): its figures still read in its own time.
    const sentAt = BRANCH_NOW;
    const events = [
      ticketEvent(1, 'a', 'isa-town.renewal', 'waiting', BRANCH_NOW - 25 * 60_000),
      ticketEvent(2, 'b', 'isa-town.renewal', 'waiting', BRANCH_NOW - 5 * 60_000),
      ticketEvent(3, 'c', 'isa-town.new-card', 'done', BRANCH_NOW - 50 * 60_000),
    ];
    await hub.store.applyUp({ schema: SYNC_SCHEMA_VERSION, branchId: 'isa-town', epoch: 'e', epochStartSeq: 0, sentAt, events }, BRANCH_NOW + 5 * 3600_000);
    const live = await hub.store.branchLive('isa-town', BRANCH_NOW + 5 * 3600_000);
    expect(live).toMatchObject({ day: '2026-12-06', waiting: 2, ticketsToday: 3, servedToday: 1, longestWaitMin: 25, countersOpen: 4, countersTotal: 4 });
    expect(live!.services.find((s) => s.serviceId === 'isa-town.renewal')).toMatchObject({ waiting: 2, issued: 2, served: 0 });
    const quiet = await hub.store.branchLive('muharraq', BRANCH_NOW);
    expect(quiet).toMatchObject({ waiting: 0, ticketsToday: 0, longestWaitMin: null, lastContact: null });
  });

  it('counts a pull as contact: a branch that has only pulled its down log is not "never heard from"', async () => {
    const muharraq = await hub.store.issueBranchCredential('muharraq', Date.now());
    expect((await hub.store.branchLive('muharraq', Date.now()))!.lastContact).toBeNull();
    const before = Date.now();
    const wrong = await get(port, '/sync/v1/down?after=0', { authorization: `Bearer ${token.replace('isa-town', 'muharraq')}` });
    expect(wrong.status).toBe(401);
    expect((await hub.store.branchLive('muharraq', Date.now()))!.lastContact).toBeNull();
    const pulled = await get(port, '/sync/v1/down?after=0', { authorization: `Bearer ${muharraq}` });
    expect(pulled.status).toBe(200);
    const live = await hub.store.branchLive('muharraq', Date.now());
    expect(live!.lastContact).toBeGreaterThanOrEqual(before);
    expect(live!.lastContact).toBeLessThanOrEqual(Date.now());
    // A branch that has pushed before: a pull moves its contact on, never back.
    const pushedAt = (await hub.store.branchLive('isa-town', Date.now()))!.lastContact!;
    const pullAt = Date.now();
    expect((await get(port, '/sync/v1/down?after=0', { authorization: `Bearer ${token}` })).status).toBe(200);
    expect((await hub.store.branchLive('isa-town', Date.now()))!.lastContact).toBeGreaterThanOrEqual(Math.max(pushedAt, pullAt));
  });

  it('signs central staff in (and refuses a wrong password in the caller language), then serves the picture', async () => {
    const wrong = await post(port, '/api/v1/login?lang=ar', { username: 'central', password: 'nope' });
    expect(wrong).toMatchObject({ status: 401, body: { ok: false, code: 'BAD_LOGIN', msg: 'اسم المستخدم أو كلمة المرور غير صحيحة.' } });
    expect((await post(port, '/api/v1/login', null)).status).toBe(400);
    const ok = await post(port, '/api/v1/login', { username: 'central', password: 'right-password' });
    expect(ok.status).toBe(200);
    expect(ok.cookie).toMatch(/HttpOnly/);
    expect(ok.cookie).toMatch(/SameSite=Strict/);
  });

  it('pushes a branch’s new figures to a signed-in manager when the branch syncs; refuses sockets without a session', async () => {
    const login = await post(port, '/api/v1/login', { username: 'central', password: 'right-password' });
    const cookie = login.cookie!.split(';')[0]!;
    expect(cookie.startsWith(`${HUB_SESSION_COOKIE}=`)).toBe(true);

    const anonymous = connect(`http://127.0.0.1:${port}`, { transports: ['websocket'], reconnection: false, forceNew: true });
    const refused = await new Promise<string>((resolve) => anonymous.once('connect_error', (e) => resolve(e.message)));
    expect(refused).toBe('UNAUTHENTICATED');
    anonymous.close();

    const socket = connect(`http://127.0.0.1:${port}`, { transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: { cookie } });
    try {
      const snapshot = await new Promise<NationalSnapshot>((resolve) => socket.once('national:snapshot:v1', resolve));
      expect(snapshot.branches.map((b) => b.branchId).sort()).toEqual(['isa-town', 'muharraq', 'salman-port', 'seef-mall']);
      const pushed = new Promise<BranchLive>((resolve) => socket.on('national:branch:v1', (b: BranchLive) => b.branchId === 'isa-town' && resolve(b)));
      const batch = { schema: SYNC_SCHEMA_VERSION, branchId: 'isa-town', epoch: 'e', epochStartSeq: 0, sentAt: Date.now(),
        events: [ticketEvent(4, 'd', 'isa-town.renewal', 'waiting', Date.now())] };
      const up = await post(port, '/sync/v1/up', batch, { authorization: `Bearer ${token}` });
      expect(up.status).toBe(200);
      const live = await pushed;
      expect(live).toMatchObject({ day: localDay(Date.now(), 'Asia/Bahrain'), ticketsToday: 1, waiting: 1 });

      // A branch's first pull is news too: the page stops showing "never" without a reload.
      const salman = await hub.store.issueBranchCredential('salman-port', Date.now());
      const heard = new Promise<BranchLive>((resolve) => socket.on('national:branch:v1', (b: BranchLive) => b.branchId === 'salman-port' && resolve(b)));
      expect((await get(port, '/sync/v1/down?after=0', { authorization: `Bearer ${salman}` })).status).toBe(200);
      expect((await heard).lastContact).not.toBeNull();
    } finally {
      socket.close();
    }
  });
});
