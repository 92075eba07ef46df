/**
 * Central staff's applications API over HTTP (hub on PGlite): sign-in and CSRF required, moves in order with clear
 * refusals in the caller's language, the notices that did not go out listed, and only a failed notice sent again.
 * The citizen's renewal API refuses anyone not signed in through the identity provider.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHub, type Hub } from '@dawr/hub';

describe('applications API', () => {
  let hub: Hub;
  let base: string;
  let staff: { cookie: string; csrf: string };
  let id: string;

  const call = async (method: string, path: string, body?: unknown, o: { csrf?: boolean; cookie?: boolean } = {}) => {
    const res = await fetch(`${base}/api/v1/${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(o.cookie !== false ? { cookie: staff.cookie } : {}), ...(o.csrf !== false ? { 'x-csrf-token': staff.csrf } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  };

  beforeAll(async () => {
    // No SMTP server or SMS gateway configured: notices cannot go out and must show as troubled.
    hub = await createHub({
      database: { dir: null }, port: 0, host: '127.0.0.1',
      staff: [{ id: 'c1', username: 'central', name: 'Central', role: 'central', password: 'central-pass' }],
      renewal: { oidc: null, smtp: null, sms: null, sender: { pollMs: 50, baseDelayMs: 60_000, maxAttempts: 1 } },
    });
    base = `http://127.0.0.1:${await hub.listen()}`;
    const res = await fetch(`${base}/api/v1/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'central', password: 'central-pass' }) });
    staff = { cookie: res.headers.get('set-cookie')!.split(';')[0]!, csrf: ((await res.json()) as { csrf: string }).csrf };
    const a = await hub.renewal.store.applications.submit(
      { citizen: { cpr: '790202002', name: 'Ahmed Yusuf', birthDate: null, nationality: 'BH' }, pickup: { kind: 'branch', branchId: 'salman-port' }, email: 'a@example.bh', mobile: null, lang: 'ar' },
      Date.now(),
    );
    id = a.id;
  }, 60_000);
  afterAll(async () => {
    await hub?.close();
  });

  it('needs a signed-in member of staff and the CSRF token for a move', async () => {
    expect((await call('GET', 'applications', undefined, { cookie: false })).status).toBe(401);
    expect((await call('POST', `applications/${id}/status`, { to: 'in_production' }, { csrf: false })).status).toBe(403);
    expect((await call('GET', 'applications?status=lost')).status).toBe(400);
    expect((await call('POST', `applications/${id}/status`, { to: 'sideways' })).body.code).toBe('BAD_REQUEST');
    expect((await call('POST', 'applications/nope/status', { to: 'in_production' })).status).toBe(404);
  });

  it('moves in order and says clearly why a move is refused', async () => {
    const refused = await call('POST', `applications/${id}/status?lang=ar`, { to: 'ready' });
    expect(refused).toMatchObject({ status: 409, body: { code: 'BAD_MOVE', msg: 'لا يمكن نقل هذا الطلب إلى هذه الحالة من حالته الحالية.' } });
    expect((await call('POST', `applications/${id}/status`, { to: 'in_production' })).body.application.status).toBe('in_production');
    expect((await call('POST', `applications/${id}/status`, { to: 'ready' })).body.application.status).toBe('ready');
    const list = await call('GET', 'applications?status=ready');
    expect(list.body.applications.map((a: { id: string }) => a.id)).toEqual([id]);
  });

  it('lists the notice that could not go out, and sends only a failed one again', async () => {
    let troubled: { id: number; status: string; lastError: string }[] = [];
    for (let i = 0; i < 100 && troubled.length === 0; i++) {
      troubled = (await call('GET', 'notifications?status=troubled')).body.notifications;
      if (!troubled.length) await new Promise((r) => setTimeout(r, 50));
    }
    expect(troubled).toEqual([expect.objectContaining({ channel: 'email', recipient: 'a@example.bh', status: 'failed', lastError: 'no email provider is configured' })]);
    await hub.renewal.sender.stop(); // from here on nothing sends: the retried notice stays pending
    expect((await call('POST', `notifications/${troubled[0]!.id}/retry`, {})).body.notification.status).toBe('pending');
    expect((await call('POST', `notifications/${troubled[0]!.id}/retry?lang=en`, {})).body).toMatchObject({ code: 'NOT_RETRYABLE', msg: 'Only a failed notice can be sent again.' });
  });

  it('refuses the citizen API without an e-key session, and says when the login is not configured', async () => {
    const session = await fetch(`${base}/api/portal/v1/renewal/session?lang=en`);
    expect(session.status).toBe(401);
    expect(await session.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
    const login = await fetch(`${base}/api/portal/v1/renewal/login?return=//evil.example/x`, { redirect: 'manual' });
    expect(login.headers.get('location')).toBe('/portal/renew/?login=failed&reason=LOGIN_UNAVAILABLE');
  });
});
