/**
 * The centre's staff over HTTP: sign-in (scrypt, rate-limited per address and per address + user), sign-out,
 * who am I, and the national picture as JSON. Sessions are HttpOnly SameSite=Strict cookies; writes carry the
 * session's CSRF token. Answers are `{ok:true,…}` or `{ok:false, code, msg, msgs:{ar,en}}`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Lang } from '@dawr/core';
import { BodyError, langOf, parseCookies, RateLimiter, readJsonBody, sendJson, sessionCookie, verifyPassword } from '@dawr/web';
import type { HubStaff, HubStore } from '../store/index';
import { refuse, type HubCode } from './answers';

export const HUB_SESSION_COOKIE = 'dawr_hub_session';
const SESSION_MS = 12 * 3600_000;



export interface StaffRouteOptions {
  secureCookies?: boolean;
  clock?: () => number;
}

/** The signed-in staff member of a request (cookie), or null. */
export async function staffOf(store: HubStore, cookieHeader: string | undefined, now: number): Promise<(HubStaff & { csrf: string }) | null> {
  const token = parseCookies(cookieHeader).get(HUB_SESSION_COOKIE);
  return token ? store.staff.bySession(token, now) : null;
}

/** A signed-in request's handler for the routes this file does not answer (it answers or refuses). */
export type SignedInRoute = (req: IncomingMessage, res: ServerResponse, url: URL, staff: HubStaff & { csrf: string; lang: Lang }) => Promise<boolean>;

/** Builds the handler of /api/v1/…; it returns false for any other path; `next` gets every other signed-in route. */
export function staffRoutes(store: HubStore, o: StaffRouteOptions = {}, next?: SignedInRoute) {
  const clock = o.clock ?? Date.now;
  const perAddress = new RateLimiter(30, 15 * 60_000);
  const perUser = new RateLimiter(5, 15 * 60_000);

  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> => {
    if (!url.pathname.startsWith('/api/v1/')) return false;
    const lang = langOf(req, url);
    const fail = (status: number, code: HubCode) => refuse(req, res, lang, status, code);
    const now = clock();
    const route = `${req.method} ${url.pathname}`;
    if (route === 'POST /api/v1/login') {
      const address = req.socket.remoteAddress ?? '?';
      let body: unknown;
      try {
        body = await readJsonBody(req, 4096);
      } catch (e) {
        if (e instanceof BodyError) return fail(e.status, 'BAD_REQUEST');
        throw e;
      }
      const { username, password } = (body ?? {}) as { username?: unknown; password?: unknown };
      if (typeof username !== 'string' || typeof password !== 'string' || username.length > 100 || password.length > 200) {
        return fail(400, 'BAD_REQUEST');
      }
      if (!perAddress.take(address, now) || !perUser.take(`${address}|${username}`, now)) return fail(429, 'RATE_LIMITED');
      const staff = await store.staff.forLogin(username);
      if (!staff || !(await verifyPassword(password, staff.passwordHash))) return fail(401, 'BAD_LOGIN');
      perUser.reset(`${address}|${username}`);
      const { token, csrf } = await store.staff.openSession(staff.id, now + SESSION_MS);
      const cookie = sessionCookie(HUB_SESSION_COOKIE, token, SESSION_MS / 1000, o.secureCookies ?? false);
      sendJson(res, 200, { ok: true, staff: { id: staff.id, name: staff.name, role: staff.role }, csrf }, { 'set-cookie': cookie });
      return true;
    }
    const staff = await staffOf(store, req.headers.cookie, now);
    if (!staff) return fail(401, 'UNAUTHENTICATED');
    if (route === 'POST /api/v1/logout') {
      if (req.headers['x-csrf-token'] !== staff.csrf) return fail(403, 'CSRF');
      await store.staff.closeSession(parseCookies(req.headers.cookie).get(HUB_SESSION_COOKIE)!);
      sendJson(res, 200, { ok: true }, { 'set-cookie': sessionCookie(HUB_SESSION_COOKIE, '', 0, o.secureCookies ?? false) });
      return true;
    }
    if (route === 'GET /api/v1/me') {
      sendJson(res, 200, { ok: true, staff: { id: staff.id, name: staff.name, role: staff.role }, csrf: staff.csrf });
      return true;
    }
    if (route === 'GET /api/v1/national') {
      sendJson(res, 200, { ok: true, at: now, branches: await store.national(now) }, {}, req);
      return true;
    }
    return next ? next(req, res, url, { ...staff, lang }) : fail(404, 'NOT_FOUND');
  };
}
