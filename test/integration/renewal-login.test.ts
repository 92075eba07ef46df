/**
 * Online renewal over HTTP, end to end without a browser: a citizen logs in at the local e-key (a real OpenID
 * Connect provider) through the hub's code flow with PKCE, applies for pickup at Isa Town, central staff move the
 * application to ready, and the notice reaches the SMTP sink as a file; a forged or replayed callback is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHub, type Hub } from '@dawr/hub';
import { freePort } from '../../scripts/launch';
import { startEKey, type EKey } from '../emulators/e-key';
import { startSmtpSink, type SmtpSink } from '../emulators/smtp-sink';
import { tempDir } from '../helpers/tmp';

/** A browser's cookies per host, enough for redirects between the hub and the provider. */
class Browser {
  private readonly jar = new Map<string, Map<string, string>>();
  async get(url: string, init: RequestInit = {}): Promise<Response> {
    const u = new URL(url);
    const cookies = [...(this.jar.get(u.host) ?? new Map())].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(u, { ...init, redirect: 'manual', headers: { ...(init.headers as object), ...(cookies ? { cookie: cookies } : {}) } });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair!.indexOf('=');
      const jar = this.jar.get(u.host) ?? new Map<string, string>();
      const value = pair!.slice(eq + 1);
      if (/max-age=0/i.test(c) || /expires=Thu, 01 Jan 1970/i.test(c)) jar.delete(pair!.slice(0, eq));
      else jar.set(pair!.slice(0, eq), value);
      this.jar.set(u.host, jar);
    }
    return res;
  }
  /** Follows redirects until one leaves for `stopAt` (not followed) or a page answers. */
  async follow(url: string, stopAt?: string): Promise<{ res: Response; url: string }> {
    let at = url;
    for (let i = 0; i < 10; i++) {
      const res = await this.get(at);
      const location = res.headers.get('location');
      if (res.status < 300 || res.status >= 400 || !location) return { res, url: at };
      at = new URL(location, at).href;
      if (stopAt && at.startsWith(stopAt)) return { res, url: at };
    }
    throw new Error('too many redirects');
  }
}

describe('online renewal through the e-key', () => {
  const tmp = tempDir('dawr-renewal-');
  let hub: Hub;
  let ekey: EKey;
  let smtp: SmtpSink;
  let base: string;

  beforeAll(async () => {
    smtp = await startSmtpSink(`${tmp.dir}/mail`);
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    ekey = await startEKey({ clientId: 'dawr-hub', clientSecret: 'hub-secret', redirectUris: [`${base}/api/portal/v1/renewal/callback`] });
    hub = await createHub({
      database: { dir: null }, port, host: '127.0.0.1',
      staff: [{ id: 'c1', username: 'central', name: 'Central', role: 'central', password: 'central-pass' }],
      renewal: {
        oidc: { issuer: ekey.issuer, clientId: 'dawr-hub', clientSecret: 'hub-secret', redirectUrl: `${base}/api/portal/v1/renewal/callback`, scope: 'openid profile email phone', cprClaim: 'cpr' },
        smtp: { url: smtp.url, from: 'Dawr <no-reply@dawr.test>' },
        sms: null,
        sender: { pollMs: 100 },
      },
    });
    await hub.listen();
  }, 60_000);
  afterAll(async () => {
    await hub?.close();
    await ekey?.close();
    await smtp?.close();
    tmp.cleanup();
  });

  async function logIn(b: Browser, cpr: string, password = 'dawr-ekey'): Promise<string> {
    const { url: form } = await b.follow(`${base}/api/portal/v1/renewal/login?return=/portal/renew/%3Flang%3Den`);
    expect(form).toMatch(new RegExp(`^${ekey.issuer}/interaction/`));
    const posted = await b.get(`${form}/login`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ cpr, password }).toString() });
    if (posted.status === 401) return 'refused';
    const back = await b.follow(new URL(posted.headers.get('location')!, form).href, `${base}/portal/`);
    return back.url;
  }

  it('logs a citizen in with code + PKCE, then records their application and sends the ready notice', async () => {
    const b = new Browser();
    expect(await logIn(b, '850505005')).toBe(`${base}/portal/renew/?lang=en`);
    const session = await (await b.get(`${base}/api/portal/v1/renewal/session`)).json();
    expect(session).toMatchObject({ ok: true, citizen: { cpr: '850505005', name: 'Fatima Ali Hasan', birthDate: '1985-05-05', nationality: 'BH', email: 'fatima@citizens.example', mobile: '36000005' }, applications: [] });
    expect(session.branches.map((x: { id: string }) => x.id)).toEqual(['isa-town', 'salman-port', 'seef-mall']);

    const apply = (body: object, csrf = session.csrf as string) =>
      b.get(`${base}/api/portal/v1/renewal/applications?lang=en`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': csrf }, body: JSON.stringify(body) });
    expect((await apply({ pickup: 'branch', branchId: 'isa-town', email: 'fatima@citizens.example' }, 'wrong')).status).toBe(403);
    const bad = await apply({ pickup: 'branch', branchId: 'muharraq', email: 'not-an-email' });
    expect(await bad.json()).toMatchObject({ code: 'BAD_FORM', fields: { branchId: 'FORMAT', email: 'FORMAT' } });
    const made = await apply({ pickup: 'branch', branchId: 'isa-town', email: 'fatima@citizens.example', lang: 'en' });
    expect(made.status).toBe(201);
    const { application } = await made.json();
    expect((await apply({ pickup: 'post', address: 'Road 1, Block 2, Manama', email: 'fatima@citizens.example' })).status).toBe(409);

    const staff = await fetch(`${base}/api/v1/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'central', password: 'central-pass' }) });
    const { csrf } = await staff.json();
    const cookie = staff.headers.get('set-cookie')!.split(';')[0]!;
    const move = (to: string) => fetch(`${base}/api/v1/applications/${application.id}/status`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' }, body: JSON.stringify({ to }) });
    expect((await move('in_production')).status).toBe(200);
    expect((await move('ready')).status).toBe(200);
    // The sender was woken by the move: wait for the sink's file.
    for (let i = 0; i < 200 && smtp.messages().length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(smtp.messages()).toEqual([expect.objectContaining({ to: ['fatima@citizens.example'], text: expect.stringContaining('ready for collection at Isa Town branch') })]);
    const detail = await (await fetch(`${base}/api/v1/applications/${application.id}`, { headers: { cookie } })).json();
    expect(detail).toMatchObject({ application: { status: 'ready' }, notices: [{ channel: 'email', status: 'sent' }] });
    expect(detail.history.map((h: { status: string }) => h.status)).toEqual(['submitted', 'in_production', 'ready']);

    expect((await b.get(`${base}/api/portal/v1/renewal/logout`, { method: 'POST', headers: { 'x-csrf-token': session.csrf } })).status).toBe(200);
    expect((await b.get(`${base}/api/portal/v1/renewal/session`)).status).toBe(401);
  });

  it('lets the citizen change the pickup and cancel over HTTP, in their language, and no one else', async () => {
    const priya = new Browser();
    await logIn(priya, '900303003');
    const own = await (await priya.get(`${base}/api/portal/v1/renewal/session`)).json();
    const post = (b: Browser, path: string, body: object, csrf: string, lang = 'en') =>
      b.get(`${base}/api/portal/v1/renewal/${path}?lang=${lang}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': csrf }, body: JSON.stringify(body) });
    const made = await post(priya, 'applications', { pickup: 'branch', branchId: 'isa-town', mobile: '33000003' }, own.csrf);
    const { application } = await made.json();

    expect((await post(priya, `applications/${application.id}/pickup`, { pickup: 'branch', branchId: 'seef-mall' }, 'wrong')).status).toBe(403);
    const bad = await post(priya, `applications/${application.id}/pickup`, { pickup: 'branch', branchId: 'muharraq' }, own.csrf, 'ar');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 'BAD_FORM', fields: { branchId: 'FORMAT' }, msg: 'يرجى مراجعة الحقول المحددة.' });
    const moved = await post(priya, `applications/${application.id}/pickup`, { pickup: 'branch', branchId: 'seef-mall' }, own.csrf);
    expect(await moved.json()).toMatchObject({ ok: true, application: { id: application.id, pickup: { kind: 'branch', branchId: 'seef-mall' }, status: 'submitted' } });

    // Another citizen's session cannot touch it: not found, and it stays as it was.
    const ahmed = new Browser();
    await logIn(ahmed, '790202002');
    const theirs = await (await ahmed.get(`${base}/api/portal/v1/renewal/session`)).json();
    expect((await post(ahmed, `applications/${application.id}/cancel`, {}, theirs.csrf)).status).toBe(404);
    expect((await post(ahmed, `applications/${application.id}/pickup`, { pickup: 'post', address: 'Road 9, Manama' }, theirs.csrf)).status).toBe(404);

    const cancelled = await post(priya, `applications/${application.id}/cancel`, {}, own.csrf);
    expect(await cancelled.json()).toMatchObject({ ok: true, application: { status: 'cancelled', pickup: { kind: 'branch', branchId: 'seef-mall' } } });
    // She may apply again; once production starts, a cancel is refused in her language, with the hotline.
    const again = await (await post(priya, 'applications', { pickup: 'post', address: 'Road 3, Block 4, Juffair', mobile: '33000003' }, own.csrf)).json();
    expect(again.application.status).toBe('submitted');
    await hub.renewal.store.applications.move(again.application.id, 'in_production', 'staff:c1', Date.now());
    const late = await post(priya, `applications/${again.application.id}/cancel`, {}, own.csrf, 'ar');
    expect(late.status).toBe(409);
    expect(await late.json()).toMatchObject({ code: 'TOO_LATE_TO_CANCEL', msg: expect.stringContaining('80008001'), msgs: { en: expect.stringContaining('can no longer be cancelled') } });
    const session = await (await priya.get(`${base}/api/portal/v1/renewal/session`)).json();
    expect(session.applications.map((x: { status: string }) => x.status)).toEqual(['in_production', 'cancelled']);
  });

  it('refuses a wrong password at the provider, and a callback the browser did not start or already used', async () => {
    expect(await logIn(new Browser(), '790202002', 'wrong')).toBe('refused');
    const b = new Browser();
    const forged = await b.get(`${base}/api/portal/v1/renewal/callback?code=abc&state=xyz`);
    expect(forged.headers.get('location')).toBe('/portal/renew/?login=failed&reason=LOGIN_FAILED');
    // A real login cookie, but a state the provider did not issue for it: refused, and the login is used up.
    expect((await b.get(`${base}/api/portal/v1/renewal/login?return=/x`)).status).toBe(303);
    const wrongState = await b.get(`${base}/api/portal/v1/renewal/callback?code=abc&state=not-the-one`);
    expect(wrongState.headers.get('location')).toBe('/x?login=failed&reason=LOGIN_FAILED');
    expect((await b.get(`${base}/api/portal/v1/renewal/session`)).status).toBe(401);
  });
});
