/**
 * /api/v1: staff login/logout, and every command over REST. Devices authenticate with
 * `Authorization: Bearer <device token>`; staff with the session cookie plus the `x-csrf-token` header
 * on every state-changing request.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { failure, type Lang } from '@dawr/core';
import { SESSION_COOKIE, type AuthService } from '../auth/auth-service';
import type { Principal } from '../auth/principal';
import type { Clock } from '../clock';
import { HTTP_STATUS, runCommand } from '../commands/index';
import type { Logger } from '../log';
import type { CommandServices } from '../commands/types';
import { BodyError, BodyTooLarge, langOf, readJson, sendJson } from './io';
import { matchRoute } from './routes';

export interface ApiDeps {
  auth: AuthService;
  services: CommandServices;
  clock: Clock;
  log: Logger;
  /** Send cookies with `Secure` (behind TLS). */
  secureCookies: boolean;
}

function fail(res: ServerResponse, code: Parameters<typeof failure>[0], lang: Lang): void {
  sendJson(res, HTTP_STATUS[code] ?? 409, failure(code, lang));
}

function principalOf(req: IncomingMessage, deps: ApiDeps): Principal | null {
  const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
  if (bearer) return deps.auth.device(bearer);
  return deps.auth.session(req.headers.cookie, deps.clock());
}

async function login(req: IncomingMessage, res: ServerResponse, lang: Lang, deps: ApiDeps): Promise<void> {
  const body = (await readJson(req)) as { username?: unknown; password?: unknown } | null;
  if (typeof body !== 'object' || body === null || typeof body.username !== 'string' || typeof body.password !== 'string' || body.username.length > 64 || body.password.length > 256) {
    return fail(res, 'BAD_REQUEST', lang);
  }
  const r = await deps.auth.login(body.username, body.password, req.socket.remoteAddress ?? '?', deps.clock());
  if (!r.ok) return sendJson(res, r.code === 'RATE_LIMITED' ? 429 : 401, failure(r.code, lang));
  const maxAge = Math.floor((r.expiresAt - deps.clock()) / 1000);
  const cookie = `${SESSION_COOKIE}=${r.token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${deps.secureCookies ? '; Secure' : ''}`;
  sendJson(res, 200, { ok: true, staff: r.staff, csrfToken: r.csrfToken }, { 'set-cookie': cookie });
}

/** Handles a request under /api/v1; resolves once answered. */
export async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL, deps: ApiDeps): Promise<void> {
  const lang = langOf(req, url);
  try {
    if (req.method === 'POST' && url.pathname === '/api/v1/login') return await login(req, res, lang, deps);
    const principal = principalOf(req, deps);
    if (req.method === 'POST' && url.pathname === '/api/v1/logout') {
      if (principal?.kind === 'staff' && req.headers['x-csrf-token'] !== principal.csrfToken) return fail(res, 'CSRF_FAILED', lang);
      deps.auth.logout(req.headers.cookie);
      return sendJson(res, 200, { ok: true }, { 'set-cookie': `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0` });
    }
    if (req.method === 'GET' && url.pathname === '/api/v1/me') {
      if (!principal) return fail(res, 'UNAUTHENTICATED', lang);
      if (principal.kind !== 'staff') return sendJson(res, 200, { ok: true, principal });
      // The session id is the token's hash: it stays on the server.
      const { csrfToken, sessionId: _, ...who } = principal;
      return sendJson(res, 200, { ok: true, principal: who, csrfToken });
    }
    const match = matchRoute(req.method ?? 'GET', url.pathname);
    if (!match) return sendJson(res, 404, failure('BAD_REQUEST', lang));
    if (!match.params) return fail(res, 'BAD_REQUEST', lang);
    if (!principal) return fail(res, 'UNAUTHENTICATED', lang);
    if (principal.kind === 'staff' && req.method !== 'GET' && req.headers['x-csrf-token'] !== principal.csrfToken) {
      return fail(res, 'CSRF_FAILED', lang);
    }
    const body = req.method === 'GET' ? {} : await readJson(req);
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return fail(res, 'BAD_REQUEST', lang);
    // GET commands take their optional arguments from the query string (e.g. /kiosks?ticketId=…).
    const query = req.method === 'GET' ? Object.fromEntries(url.searchParams) : {};
    delete query.lang;
    const input = { ...query, ...body, ...match.params };
    const ctx = { ...deps.services, principal, lang, now: deps.clock() };
    const result = runCommand(match.route.command, input, ctx, deps.log);
    sendJson(res, result.ok ? 200 : (HTTP_STATUS[result.code] ?? 409), result);
  } catch (e) {
    if (e instanceof BodyTooLarge) {
      const close: Record<string, string> = e.drained ? {} : { connection: 'close' };
      return sendJson(res, 413, failure('PAYLOAD_TOO_LARGE', lang), close);
    }
    if (e instanceof BodyError) return fail(res, 'BAD_REQUEST', lang);
    deps.log.error({ err: e, path: url.pathname }, 'api request failed');
    if (!res.headersSent) fail(res, 'INTERNAL', lang);
  }
}
