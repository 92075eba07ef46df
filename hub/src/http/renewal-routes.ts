/**
 * The citizen's side of online renewal, under /api/portal/v1/renewal/: log in at the identity provider (e-key),
 * come back, see who they are and their applications, apply (pickup at a branch that hands cards over, or by post),
 * change the pickup until the card is ready or cancel until production starts, log out. The pending login and the
 * session are HttpOnly cookies with SameSite=Lax (the provider's redirect back comes from another site); every
 * write carries the session's CSRF token.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { checkPickup, checkRenewal, type Lang } from '@dawr/core';
import { langOf, parseCookies, RateLimiter, sendJson, sessionCookie } from '@dawr/web';
import type { CitizenLogin } from '../citizen/oidc';
import { LoginFailed } from '../citizen/oidc';
import { ApplicationRefused, type RenewalStore } from '../store/renewals';
import { readObject, refuseRenewal } from './renewal-answers';

export const CITIZEN_COOKIE = 'dawr_citizen';
export const LOGIN_COOKIE = 'dawr_citizen_login';
const PREFIX = '/api/portal/v1/renewal/';
const LOGIN_MS = 10 * 60_000;
const SESSION_MS = 30 * 60_000;

export interface RenewalRouteOptions {
  /** The identity provider; null: logins answer LOGIN_UNAVAILABLE. */
  login: CitizenLogin | null;
  secureCookies?: boolean;
  clock?: () => number;
  /** Where a login returns when the page did not say (a path on this site). */
  defaultReturn?: string;
}

/** A path on this site to come back to; anything else (another site, `//host`, a scheme) is the default. */
function safeReturn(raw: string | null, fallback: string): string {
  return raw && /^\/(?![/\\])[^\s]{0,300}$/.test(raw) ? raw : fallback;
}

function withParams(path: string, params: Record<string, string>): string {
  const u = new URL(path, 'http://x');
  for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
  return u.pathname + u.search;
}

/** Builds the handler; it returns false for paths it does not own. */
export function renewalRoutes(store: RenewalStore, o: RenewalRouteOptions) {
  const clock = o.clock ?? Date.now;
  const secure = o.secureCookies ?? false;
  const fallback = o.defaultReturn ?? '/';
  const loginsPerAddress = new RateLimiter(30, 15 * 60_000);
  const appliesPerCpr = new RateLimiter(10, 60 * 60_000);
  const changesPerCpr = new RateLimiter(20, 60 * 60_000);
  const redirect = (res: ServerResponse, location: string, cookies: string[] = []) => {
    res.writeHead(303, { location, 'cache-control': 'no-store', ...(cookies.length ? { 'set-cookie': cookies } : {}) }).end();
    return true;
  };

  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> => {
    if (!url.pathname.startsWith(PREFIX)) return false;
    const lang: Lang = langOf(req, url);
    const fail = (status: number, code: Parameters<typeof refuseRenewal>[4], extra?: object) => refuseRenewal(req, res, lang, status, code, extra);
    const now = clock();
    const route = `${req.method} ${url.pathname.slice(PREFIX.length)}`;
    const cookies = parseCookies(req.headers.cookie);

    if (route === 'GET login') {
      const back = safeReturn(url.searchParams.get('return'), fallback);
      if (!loginsPerAddress.take(req.socket.remoteAddress ?? '?', now)) return redirect(res, withParams(back, { login: 'failed', reason: 'RATE_LIMITED' }));
      if (!o.login) return redirect(res, withParams(back, { login: 'failed', reason: 'LOGIN_UNAVAILABLE' }));
      try {
        const { url: to, checks } = await o.login.start();
        const id = await store.citizens.openLogin({ ...checks, returnTo: back }, now, now + LOGIN_MS);
        return redirect(res, to.href, [sessionCookie(LOGIN_COOKIE, id, LOGIN_MS / 1000, secure, 'Lax')]);
      } catch (e) {
        if (!(e instanceof LoginFailed)) throw e;
        console.warn(`[hub] renewal login unavailable: ${e.reason}`);
        return redirect(res, withParams(back, { login: 'failed', reason: 'LOGIN_UNAVAILABLE' }));
      }
    }

    if (route === 'GET callback') {
      const clear = sessionCookie(LOGIN_COOKIE, '', 0, secure, 'Lax');
      const id = cookies.get(LOGIN_COOKIE);
      const pending = id ? await store.citizens.takeLogin(id, now) : null;
      if (!pending || !o.login) return redirect(res, withParams(fallback, { login: 'failed', reason: 'LOGIN_FAILED' }), [clear]);
      // The provider refused or the citizen cancelled: nothing to exchange.
      if (url.searchParams.has('error')) return redirect(res, withParams(pending.returnTo, { login: 'failed', reason: 'LOGIN_FAILED' }), [clear]);
      try {
        const citizen = await o.login.finish(url.searchParams, pending);
        const { token } = await store.citizens.openSession(citizen, now + SESSION_MS);
        return redirect(res, pending.returnTo, [clear, sessionCookie(CITIZEN_COOKIE, token, SESSION_MS / 1000, secure, 'Lax')]);
      } catch (e) {
        if (!(e instanceof LoginFailed)) throw e;
        console.warn(`[hub] renewal login failed: ${e.reason}`);
        return redirect(res, withParams(pending.returnTo, { login: 'failed', reason: e.code }), [clear]);
      }
    }

    const token = cookies.get(CITIZEN_COOKIE);
    const citizen = token ? await store.citizens.bySession(token, now) : null;
    if (!citizen) return fail(401, 'UNAUTHENTICATED');
    const { csrf, ...who } = citizen;

    if (route === 'GET session') {
      const [applications, branches] = await Promise.all([store.applications.of(citizen.cpr), store.applications.handoverBranches()]);
      sendJson(res, 200, { ok: true, citizen: who, csrf, applications, branches }, {}, req);
      return true;
    }
    if (req.method !== 'GET' && req.headers['x-csrf-token'] !== csrf) return fail(403, 'CSRF');
    if (route === 'POST logout') {
      req.resume();
      await store.citizens.closeSession(token!, now);
      sendJson(res, 200, { ok: true }, { 'set-cookie': sessionCookie(CITIZEN_COOKIE, '', 0, secure, 'Lax') });
      return true;
    }
    if (route === 'POST applications') {
      const body = await readObject(req);
      if (!body) return fail(400, 'BAD_REQUEST');
      const branches = (await store.applications.handoverBranches()).map((b) => b.id);
      const form = checkRenewal(body, branches);
      if (!form.ok) return fail(400, 'BAD_FORM', { fields: form.fields });
      if (!appliesPerCpr.take(citizen.cpr, now)) return fail(429, 'RATE_LIMITED');
      const applyLang: Lang = body.lang === 'en' || body.lang === 'ar' ? body.lang : lang;
      try {
        const application = await store.applications.submit(
          { citizen: who, pickup: form.pickup, email: form.email, mobile: form.mobile, lang: applyLang },
          now,
        );
        sendJson(res, 201, { ok: true, application });
        return true;
      } catch (e) {
        if (e instanceof ApplicationRefused) return fail(e.code === 'ALREADY_APPLIED' ? 409 : 400, e.code);
        throw e;
      }
    }
    const change = /^POST applications\/([0-9a-f-]{36})\/(pickup|cancel)$/.exec(route);
    if (change) {
      const body = await readObject(req, 2 * 1024);
      if (!body) return fail(400, 'BAD_REQUEST');
      if (!changesPerCpr.take(citizen.cpr, now)) return fail(429, 'RATE_LIMITED');
      const id = change[1]!;
      try {
        if (change[2] === 'cancel') {
          sendJson(res, 200, { ok: true, application: await store.applications.cancel(id, citizen.cpr, now) });
          return true;
        }
        const form = checkPickup(body, (await store.applications.handoverBranches()).map((b) => b.id));
        if (!form.ok) return fail(400, 'BAD_FORM', { fields: form.fields });
        sendJson(res, 200, { ok: true, application: await store.applications.changePickup(id, citizen.cpr, form.pickup, now) });
        return true;
      } catch (e) {
        if (e instanceof ApplicationRefused) return fail(e.code === 'NOT_FOUND' ? 404 : e.code === 'NOT_HANDOVER_BRANCH' ? 400 : 409, e.code);
        throw e;
      }
    }
    return fail(404, 'NOT_FOUND');
  };
}
