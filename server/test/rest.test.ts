import { describe, expect, it } from 'vitest';
import type { CallNotice } from '@dawr/core';
import { connect } from '../../test/helpers/branch';
import { branchWith } from '../../test/helpers/branch-devices';

const at = branchWith({ display: 'en' });

async function api(method: string, path: string, opts: { body?: unknown; token?: string; cookie?: string; csrf?: string; lang?: string } = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.cookie) headers.cookie = opts.cookie;
  if (opts.csrf) headers['x-csrf-token'] = opts.csrf;
  if (opts.lang) headers['accept-language'] = opts.lang;
  const res = await fetch(`${at.branch.url}${path}`, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
  return { status: res.status, body: (await res.json()) as Record<string, any>, headers: res.headers };
}

async function login(username: string, password: string) {
  const r = await api('POST', '/api/v1/login', { body: { username, password } });
  const cookie = r.headers.get('set-cookie')?.split(';')[0] ?? '';
  return { ...r, cookie, csrf: r.body.csrfToken as string };
}

describe('REST commands reach the displays exactly like socket ones', () => {
  it('issues by device token and calls by a clerk session; the display gets the push', async () => {
    const issued = await api('POST', '/api/v1/tickets', { token: 'demo-kiosk-token', body: { serviceId: 'seef-mall.new-card' } });
    expect(issued).toMatchObject({ status: 200, body: { ok: true, ticket: { number: 'A-001' } } });

    const clerk = await login('clerk', 'dawr-clerk');
    expect(clerk.status).toBe(200);
    expect(clerk.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Strict/);
    const seen = new Promise<CallNotice>((resolve) => at.display.once('ticket:called:v2', resolve));
    const called = await api('POST', '/api/v1/counters/seef-mall.counter-4/call-next', { cookie: clerk.cookie, csrf: clerk.csrf });
    expect(called.body).toMatchObject({ ok: true, ticket: { number: 'A-001', counterNumber: 4 } });
    expect(await seen).toMatchObject({ number: 'A-001', counterNumber: 4 });
    // The event records the clerk who called.
    expect(at.branch.server.store.tickets.lastEvent(called.body.ticket.id)).toMatchObject({ type: 'called', clerkId: 'staff-clerk' });
  });

  it('refuses a staff write without the CSRF token, and unauthenticated calls', async () => {
    const clerk = await login('clerk', 'dawr-clerk');
    expect(await api('POST', '/api/v1/counters/seef-mall.counter-1/call-next', { cookie: clerk.cookie })).toMatchObject({
      status: 403,
      body: { ok: false, code: 'CSRF_FAILED' },
    });
    expect(await api('POST', '/api/v1/tickets', { body: { serviceId: 'seef-mall.new-card' } })).toMatchObject({
      status: 401,
      body: { code: 'UNAUTHENTICATED' },
    });
  });

  it('keeps role rules: a clerk cannot change a work profile, a manager can; a closed counter calls nobody', async () => {
    const clerk = await login('clerk', 'dawr-clerk');
    const profile = (who: { cookie: string; csrf: string }) =>
      api('PUT', '/api/v1/counters/seef-mall.counter-5/profile', {
        cookie: who.cookie,
        csrf: who.csrf,
        body: { profile: [{ serviceId: 'seef-mall.birth-certificate', weight: 2 }, { serviceId: 'seef-mall.collection', weight: 1 }] },
      });
    expect((await profile(clerk)).body).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const manager = await login('manager', 'dawr-manager');
    expect((await profile(manager)).body).toMatchObject({ ok: true, counter: { profile: [{ weight: 2 }, { weight: 1 }] } });
    // A manager closes any counter (a clerk only their own: hardening.test.ts).
    const paused = await api('PUT', '/api/v1/counters/seef-mall.counter-5/open', { cookie: manager.cookie, csrf: manager.csrf, body: { open: false } });
    expect(paused.body).toMatchObject({ ok: true, counter: { number: 5, open: false } });
    const issued = await api('POST', '/api/v1/tickets', { token: 'demo-kiosk-token', body: { serviceId: 'seef-mall.birth-certificate' } });
    expect(issued.status).toBe(200);
    const closed = await api('POST', '/api/v1/counters/seef-mall.counter-5/call-next', { cookie: manager.cookie, csrf: manager.csrf });
    expect(closed).toMatchObject({ status: 409, body: { code: 'COUNTER_CLOSED' } });
  });

  it('answers bad input with a clear error in the caller’s language', async () => {
    const r = await api('POST', '/api/v1/tickets', { token: 'demo-kiosk-token', body: { serviceId: 'nope' }, lang: 'en' });
    expect(r).toMatchObject({ status: 404, body: { ok: false, code: 'UNKNOWN_SERVICE', msg: 'This service is not offered at this branch.' } });
    const res = await fetch(`${at.branch.url}/api/v1/tickets`, {
      method: 'POST',
      headers: { authorization: 'Bearer demo-kiosk-token' },
      body: '{not json',
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { msg: string }).msg).toMatch(/[\u0600-\u06FF]/);
  });
});

describe('staff login', () => {
  it('rejects a wrong password, then rate limits repeated failures', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) codes.push((await login('admin', 'wrong')).status);
    expect(codes).toEqual([401, 401, 401, 401, 401, 429]);
    expect((await login('admin', 'dawr-admin')).status).toBe(429);
  });

  it('logs out: the session no longer works', async () => {
    const m = await login('manager', 'dawr-manager');
    expect((await api('GET', '/api/v1/me', { cookie: m.cookie })).body).toMatchObject({ ok: true, principal: { role: 'manager' } });
    expect((await api('POST', '/api/v1/logout', { cookie: m.cookie, csrf: m.csrf })).status).toBe(200);
    expect((await api('GET', '/api/v1/me', { cookie: m.cookie })).status).toBe(401);
  });

  it('a staff socket needs the session cookie from its own origin', async () => {
    const { io } = await import('socket.io-client');
    const m = await login('manager', 'dawr-manager');
    const attempt = (origin: string) =>
      new Promise<string>((resolve) => {
        const s = io(at.branch.url, { transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: { cookie: m.cookie, origin } });
        s.on('connect', () => (s.close(), resolve('connected')));
        s.on('connect_error', (e) => (s.close(), resolve(e.message)));
      });
    expect(await attempt(at.branch.url)).toBe('connected');
    expect(await attempt('http://evil.example')).toBe('FORBIDDEN');
  });
});

describe('device enrolment', () => {
  it('an admin enrols a display (token shown once) and revokes it: its socket drops and cannot come back', async () => {
    // The rate-limit test above locked 'admin' out from this address: use a fresh server.
    const fresh = await (await import('../../test/helpers/branch')).startBranch();
    try {
      let cookie = '';
      let csrf = '';
      const call = async (method: string, path: string, body?: unknown) => {
        const res = await fetch(`${fresh.url}${path}`, {
          method,
          headers: { 'content-type': 'application/json', ...(cookie ? { cookie, 'x-csrf-token': csrf } : {}) },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        return { status: res.status, body: (await res.json()) as Record<string, any>, headers: res.headers };
      };
      const l = await call('POST', '/api/v1/login', { username: 'admin', password: 'dawr-admin' });
      cookie = l.headers.get('set-cookie')!.split(';')[0]!;
      csrf = l.body.csrfToken;
      const enrolled = await call('POST', '/api/v1/devices', { id: 'display-floor-2', role: 'display', name: 'Floor 2' });
      expect(enrolled.body).toMatchObject({ ok: true, device: { id: 'display-floor-2', role: 'display' } });
      const token = enrolled.body.token as string;
      const screen = await connect(fresh.url, token);
      const dropped = new Promise<string>((resolve) => screen.once('disconnect', resolve));
      expect((await call('POST', '/api/v1/devices/display-floor-2/revoke')).body).toMatchObject({ ok: true, device: { revokedAt: expect.any(Number) } });
      expect(await dropped).toBe('io server disconnect');
      await expect(connect(fresh.url, token)).rejects.toThrow('UNAUTHENTICATED');
      const list = await call('GET', '/api/v1/devices');
      expect(list.body.devices.map((d: { id: string }) => d.id)).toContain('display-floor-2');
      expect(JSON.stringify(list.body)).not.toContain(token);
    } finally {
      await fresh.stop();
    }
  });

  it('a clerk cannot see or enrol devices', async () => {
    const clerk = await login('clerk', 'dawr-clerk');
    expect((await api('GET', '/api/v1/devices', { cookie: clerk.cookie })).body).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });
});

describe('operations', () => {
  it('describes the API with OpenAPI', async () => {
    const doc = (await (await fetch(`${at.branch.url}/api/openapi.json`)).json()) as { openapi: string; paths: Record<string, object> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/api/v1/counters/{counterId}/tickets/{ticketId}/transfer');
  });

  it('exposes metrics and health', async () => {
    const text = await (await fetch(`${at.branch.url}/metrics`)).text();
    expect(text).toMatch(/dawr_tickets_issued_total\{service="seef-mall.new-card"\} 1/);
    expect(text).toMatch(/dawr_waiting_tickets\{service="birth-certificate"\} 1/);
    expect(text).toContain('dawr_call_push_seconds_count');
    expect(await (await fetch(`${at.branch.url}/healthz`)).json()).toMatchObject({ ok: true, branch: 'seef-mall' });
  });
});
