/**
 * Central staff's side of online renewal (signed in, role central or admin): card applications (list, one with its
 * history and notices, move along: into production, ready at the branch or posted, a posted card delivered) and the
 * notification outbox (failures and retries, send a failed notice again). Writes carry the session's CSRF token.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { APPLICATION_STATUSES, type ApplicationStatus } from '@dawr/core';
import { sendJson } from '@dawr/web';
import { ApplicationRefused, type NoticeStatus, type RenewalStore } from '../store/renewals';
import { readObject, refuseRenewal } from './renewal-answers';
import type { SignedInRoute } from './staff-routes';

const isStatus = (s: unknown): s is ApplicationStatus => typeof s === 'string' && (APPLICATION_STATUSES as readonly string[]).includes(s);

/** Builds the route; anything it does not own goes to `next`. `onQueued`: notices were queued (wake the sender). */
export function applicationRoutes(store: RenewalStore, next: SignedInRoute, onQueued: () => void = () => {}, clock: () => number = Date.now): SignedInRoute {
  return async (req: IncomingMessage, res: ServerResponse, url: URL, staff) => {
    const parts = url.pathname.slice('/api/v1/'.length).split('/');
    if (parts[0] !== 'applications' && parts[0] !== 'notifications') return next(req, res, url, staff);
    const fail = (status: number, code: Parameters<typeof refuseRenewal>[4]) => refuseRenewal(req, res, staff.lang, status, code);
    const ok = (body: object) => {
      sendJson(res, 200, { ok: true, ...body }, {}, req);
      return true;
    };
    if (req.method !== 'GET' && req.headers['x-csrf-token'] !== staff.csrf) return fail(403, 'CSRF');
    const now = clock();
    const id = parts[1] ?? '';
    if (parts[0] === 'applications') {
      if (req.method === 'GET' && parts.length === 1) {
        const status = url.searchParams.get('status');
        if (status !== null && !isStatus(status)) return fail(400, 'BAD_REQUEST');
        return ok({ applications: await store.applications.list(status) });
      }
      if (req.method === 'GET' && parts.length === 2) {
        const application = await store.applications.get(id);
        if (!application) return fail(404, 'NOT_FOUND');
        const [history, notices] = await Promise.all([store.applications.history(id), store.notices.list({ applicationId: id })]);
        return ok({ application, history, notices });
      }
      if (req.method === 'POST' && parts.length === 3 && parts[2] === 'status') {
        const body = await readObject(req, 1024);
        if (!body || !isStatus(body.to)) return fail(400, 'BAD_REQUEST');
        try {
          const application = await store.applications.move(id, body.to, `staff:${staff.id}`, now);
          onQueued();
          return ok({ application });
        } catch (e) {
          if (e instanceof ApplicationRefused) return fail(e.code === 'NOT_FOUND' ? 404 : 409, e.code);
          throw e;
        }
      }
    } else {
      if (req.method === 'GET' && parts.length === 1) {
        const status = url.searchParams.get('status');
        if (status === 'troubled') return ok({ notifications: await store.notices.list({ troubled: true }) });
        if (status !== null && !['pending', 'sent', 'failed'].includes(status)) return fail(400, 'BAD_REQUEST');
        return ok({ notifications: await store.notices.list(status ? { status: status as NoticeStatus } : {}) });
      }
      if (req.method === 'POST' && parts.length === 3 && parts[2] === 'retry' && /^\d{1,15}$/.test(id)) {
        req.resume();
        const notice = await store.notices.retry(Number(id), now);
        if (!notice) return fail(409, 'NOT_RETRYABLE');
        onQueued();
        return ok({ notification: notice });
      }
    }
    return fail(404, 'NOT_FOUND');
  };
}
