/** Defects found in acceptance (issue 8): each test here failed before its fix. */
import { Agent, request } from 'node:http';
import { describe, expect, it, vi } from 'vitest';
import { io as ioClient, type Socket } from 'socket.io-client';
import { createBranchServer, loadConfig } from '@dawr/server';
import { connect, OPEN_TIME, startBranch, type Client } from '../../test/helpers/branch';
import { branchWith } from '../../test/helpers/branch-devices';
import { tempDir } from '../../test/helpers/tmp';
import { api, login } from './http';

const at = branchWith({ kiosk: 'en' }, { DAWR_ISSUE_RATE_LIMIT: '3' });
const C4 = 'seef-mall.counter-4';
const C5 = 'seef-mall.counter-5';

/** A staff socket on the session cookie; resolves once connected. */
function staffSocket(url: string, cookie: string): Promise<Socket> {
  const s = ioClient(url, { transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: { cookie, origin: url } });
  return new Promise((resolve, reject) => {
    s.once('connect', () => resolve(s));
    s.once('connect_error', (e) => (s.close(), reject(e)));
  });
}

describe('defect 1: revocation survives a restart', () => {
  it('a configured device revoked by an admin stays revoked after a restart, until an admin reinstates it', async () => {
    const tmp = tempDir();
    const env = { DAWR_DATA_DIR: tmp.dir, DAWR_PORT: '0', DAWR_HOST: '127.0.0.1', DAWR_START_TIME: OPEN_TIME, DAWR_LOG_LEVEL: 'silent' };
    const start = async () => {
      const server = createBranchServer(loadConfig(env));
      return { server, url: `http://127.0.0.1:${await server.listen()}` };
    };
    try {
      let { server, url } = await start();
      let admin = await login(url, 'admin', 'dawr-admin');
      expect((await api(url, 'POST', '/api/v1/devices/kiosk-1/revoke', admin)).body).toMatchObject({ ok: true });
      await server.close();

      ({ server, url } = await start());
      await expect(connect(url, 'demo-kiosk-token')).rejects.toThrow('UNAUTHENTICATED');
      admin = await login(url, 'admin', 'dawr-admin');
      const back = await api(url, 'POST', '/api/v1/devices/kiosk-1/reinstate', admin);
      expect(back.body).toMatchObject({ ok: true, device: { id: 'kiosk-1', revokedAt: null } });
      (await connect(url, 'demo-kiosk-token')).close();
      await server.close();
    } finally {
      tmp.cleanup();
    }
  });
});

describe('defect 2: a staff socket lives only as long as its session', () => {
  it('logging out drops the live socket at once', async () => {
    const clerk = await login(at.branch.url, 'clerk', 'dawr-clerk');
    const s = await staffSocket(at.branch.url, clerk.cookie);
    const dropped = new Promise<string>((resolve) => s.once('disconnect', resolve));
    expect((await api(at.branch.url, 'POST', '/api/v1/logout', clerk)).status).toBe(200);
    expect(await dropped).toBe('io server disconnect');
    s.close();
  });

  it('a session that expires drops its socket', async () => {
    const short = await startBranch({ DAWR_SESSION_MINUTES: '0.02' });
    try {
      const clerk = await login(short.url, 'clerk', 'dawr-clerk');
      const s = await staffSocket(short.url, clerk.cookie);
      expect(await new Promise<string>((resolve) => s.once('disconnect', resolve))).toBe('io server disconnect');
      s.close();
      expect((await api(short.url, 'GET', '/api/v1/me', clerk)).status).toBe(401);
    } finally {
      await short.stop();
    }
  });
});

describe('defect 3: who opens and closes counters', () => {
  it('a clerk pauses and resumes only the counter they work at; a manager any; a counter device none but its own', async () => {
    const clerk = await login(at.branch.url, 'clerk', 'dawr-clerk');
    const setOpen = (who: object, counterId: string, open: boolean) =>
      api(at.branch.url, 'PUT', `/api/v1/counters/${counterId}/open`, { ...who, body: { open } });
    expect(await setOpen(clerk, C5, false)).toMatchObject({ status: 403, body: { ok: false, code: 'NOT_YOUR_COUNTER' } });
    // Working at counter 4 makes it the clerk's counter.
    expect((await api(at.branch.url, 'POST', `/api/v1/counters/${C4}/call-next`, clerk)).body).toMatchObject({ ok: true });
    expect((await setOpen(clerk, C4, false)).body).toMatchObject({ ok: true, counter: { open: false } });
    expect((await setOpen(clerk, C4, true)).body).toMatchObject({ ok: true, counter: { open: true } });
    expect((await setOpen(clerk, C5, false)).body).toMatchObject({ code: 'NOT_YOUR_COUNTER' });
    expect((await setOpen({ token: 'demo-counter-token' }, C5, false)).body).toMatchObject({ code: 'NOT_YOUR_COUNTER' });
    const manager = await login(at.branch.url, 'manager', 'dawr-manager');
    expect((await setOpen(manager, C5, false)).body).toMatchObject({ ok: true, counter: { open: false } });
    expect((await setOpen(manager, C5, true)).body).toMatchObject({ ok: true, counter: { open: true } });
  });
});

describe('defect 5: malformed input answers 400, never 500', () => {
  it('a malformed percent-encoding in a path, without logging an error', async () => {
    const errors = vi.spyOn(at.branch.server.log, 'error');
    const r = await api(at.branch.url, 'POST', '/api/v1/counters/%zz/call-next', { lang: 'en' });
    expect(r).toMatchObject({ status: 400, body: { ok: false, code: 'BAD_REQUEST', msg: expect.any(String), msgs: { ar: expect.any(String) } } });
    expect(errors).not.toHaveBeenCalled();
    errors.mockRestore();
  });

  it('a login whose body is null', async () => {
    expect(await api(at.branch.url, 'POST', '/api/v1/login', { raw: 'null' })).toMatchObject({ status: 400, body: { ok: false, code: 'BAD_REQUEST' } });
  });
});

describe('defect 6: work profiles are validated', () => {
  it('refuses the same service twice and an empty profile with clear messages', async () => {
    const manager = await login(at.branch.url, 'manager', 'dawr-manager');
    const put = (profile: object[]) =>
      api(at.branch.url, 'PUT', `/api/v1/counters/${C5}/profile`, { ...manager, lang: 'en', body: { profile } });
    const twice = await put([{ serviceId: 'seef-mall.renewal', weight: 1 }, { serviceId: 'seef-mall.renewal', weight: 2 }]);
    expect(twice).toMatchObject({ status: 400, body: { ok: false, code: 'PROFILE_DUPLICATE_SERVICE', msg: expect.stringMatching(/twice/) } });
    const empty = await put([]);
    expect(empty).toMatchObject({ status: 400, body: { ok: false, code: 'PROFILE_EMPTY', msg: expect.stringMatching(/at least one/) } });
  });
});

describe('defect 7: an oversized body', () => {
  it('answers 413 and the keep-alive connection serves the next request', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const send = (method: string, path: string, body?: string) =>
      new Promise<{ status: number; json: Record<string, unknown>; reused: boolean }>((resolve, reject) => {
        const req = request(`${at.branch.url}${path}`, { method, agent, headers: { authorization: 'Bearer demo-kiosk-token', 'content-type': 'application/json' } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode!, json: JSON.parse(Buffer.concat(chunks).toString()), reused: req.reusedSocket }));
        });
        req.on('error', reject);
        req.end(body);
      });
    try {
      const big = JSON.stringify({ serviceId: 'seef-mall.new-card', pad: 'x'.repeat(70 * 1024) });
      const refused = await send('POST', '/api/v1/tickets', big);
      expect(refused).toMatchObject({ status: 413, json: { ok: false, code: 'PAYLOAD_TOO_LARGE' } });
      const next = await send('GET', '/api/v1/snapshot');
      expect(next).toMatchObject({ status: 200, reused: true, json: { ok: true } });
    } finally {
      agent.destroy();
    }
  });
});

describe('defect 8: unknown socket events', () => {
  it('are answered UNKNOWN_COMMAND when an ack is asked for', async () => {
    const r = await (at.kiosk as unknown as Socket).timeout(5000).emitWithAck('no:such:v1', {});
    expect(r).toMatchObject({ ok: false, code: 'UNKNOWN_COMMAND', msg: expect.any(String), msgs: { ar: expect.any(String), en: expect.any(String) } });
  });
});

describe('defect 10: a retried issue is recognised before the rate limit', () => {
  it('returns the ticket already issued even when the device is over its limit', async () => {
    const requestId = 'retry-0000000001';
    const first = await at.kiosk.emitWithAck('ticket:issue:v1', { serviceId: 'seef-mall.renewal', requestId });
    expect(first).toMatchObject({ ok: true });
    let limited = false;
    for (let i = 0; i < 5 && !limited; i++) {
      limited = !(await at.kiosk.emitWithAck('ticket:issue:v1', { serviceId: 'seef-mall.renewal' })).ok;
    }
    expect(limited).toBe(true);
    const again = await at.kiosk.emitWithAck('ticket:issue:v1', { serviceId: 'seef-mall.renewal', requestId });
    expect(again).toMatchObject({ ok: true, ticket: { id: first.ok ? first.ticket.id : '' } });
  });
});

describe('defect 11: logins are limited per address', () => {
  it('many usernames from one address get limited', async () => {
    const fresh = await startBranch();
    try {
      const codes: number[] = [];
      for (let i = 0; i < 40; i++) codes.push((await api(fresh.url, 'POST', '/api/v1/login', { body: { username: `user${i}`, password: 'x' } })).status);
      expect(codes).toContain(429);
      expect(codes.indexOf(429)).toBeGreaterThan(5);
    } finally {
      await fresh.stop();
    }
  });
});

describe('defect 4: reprints', () => {
  it('send the public ticket only, to the issuing kiosk or to one the manager picks, never any kiosk', async () => {
    const fresh = await startBranch();
    const sockets: Client[] = [];
    try {
      const k1 = await connect(fresh.url, 'demo-kiosk-token');
      sockets.push(k1);
      const issued = await k1.emitWithAck('ticket:issue:v1', {
        serviceId: 'seef-mall.renewal',
        visitor: { cpr: '850101001', nameEn: 'Fatima Ali', nameAr: 'فاطمة علي' },
      });
      if (!issued.ok) throw new Error(issued.code);
      const ticketId = issued.ticket.id;
      const manager = await login(fresh.url, 'manager', 'dawr-manager');
      const admin = await login(fresh.url, 'admin', 'dawr-admin');
      const k2token = (await api(fresh.url, 'POST', '/api/v1/devices', { ...admin, body: { id: 'kiosk-2', role: 'kiosk', name: 'Kiosk 2' } })).body.token as string;
      const k2 = await connect(fresh.url, k2token);
      sockets.push(k2);
      const reprint = (kioskId?: string) =>
        api(fresh.url, 'POST', `/api/v1/tickets/${ticketId}/reprint`, { ...manager, body: kioskId ? { kioskId } : {} });

      const job = new Promise<unknown>((resolve) => k1.once('kiosk:reprint:v1', resolve));
      k2.once('kiosk:reprint:v1', () => expect.unreachable('kiosk 2 did not issue it'));
      expect((await reprint()).body).toMatchObject({ ok: true, kioskId: 'kiosk-1' });
      const printed = JSON.stringify(await job);
      expect(printed).toContain(issued.ticket.number);
      expect(printed).not.toMatch(/Fatima|فاطمة|1001|visitor/);
      k2.removeAllListeners('kiosk:reprint:v1');

      // The issuing kiosk goes offline: the manager is asked to choose, and sees who is connected.
      const gone = new Promise((resolve) => k1.once('disconnect', resolve));
      k1.close();
      await gone;
      let kiosks = await api(fresh.url, 'GET', `/api/v1/kiosks?ticketId=${ticketId}`, manager);
      for (let i = 0; i < 50 && kiosks.body.kiosks?.some((k: { id: string }) => k.id === 'kiosk-1'); i++) {
        await new Promise((r) => setImmediate(r));
        kiosks = await api(fresh.url, 'GET', `/api/v1/kiosks?ticketId=${ticketId}`, manager);
      }
      expect(kiosks.body).toEqual({ ok: true, kiosks: [{ id: 'kiosk-2', name: 'Kiosk 2' }], issuedBy: 'kiosk-1' });
      expect(await reprint()).toMatchObject({ status: 409, body: { ok: false, code: 'CHOOSE_KIOSK' } });
      expect((await reprint('kiosk-9')).body).toMatchObject({ ok: false, code: 'NO_KIOSK' });
      const chosen = new Promise<unknown>((resolve) => k2.once('kiosk:reprint:v1', resolve));
      expect((await reprint('kiosk-2')).body).toMatchObject({ ok: true, kioskId: 'kiosk-2' });
      expect(JSON.stringify(await chosen)).not.toMatch(/Fatima|1001/);
      // A clerk may not reprint nor list kiosks.
      const clerk = await login(fresh.url, 'clerk', 'dawr-clerk');
      expect((await api(fresh.url, 'GET', '/api/v1/kiosks', clerk)).body).toMatchObject({ code: 'FORBIDDEN' });
    } finally {
      for (const s of sockets) s.close();
      await fresh.stop();
    }
  });
});
