/**
 * The sync API (sync.md): POST /sync/v1/up (a batch of one branch's outbox, JSON, gzip allowed) and
 * GET /sync/v1/down?after=N (that branch's down log). Each branch authenticates with its own token and is served
 * only its own data. Backpressure: 503 + Retry-After when the hub has too much in flight, 429 + Retry-After when
 * one branch sends too often; the branch backs off with jitter.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SYNC_ACCEPTED_SCHEMAS, SYNC_MAX_BYTES, UpBatchSchema } from '@dawr/core';
import { BodyError, RateLimiter, readJsonBody, sendJson } from '@dawr/web';
import type { HubStore } from '../store/index';
import { EpochReused } from '../store/sync-up';

export interface SyncRouteOptions {
  /** Batches and pulls being served at once before the hub answers 503. */
  maxInFlight?: number;
  /** Requests one branch may make per minute before the hub answers 429. */
  perBranchPerMinute?: number;
  /**
   * Told after a branch's batch was applied, or when a pull is its first contact in a while (the national picture
   * pushes its figures, last contact included).
   */
  onApplied?: (branchId: string) => void;
  clock?: () => number;
}

type Fail = { status: number; code: string; msg: string; retryAfter?: number; extra?: Record<string, unknown> };

/** A pull after this long without contact is news to the national picture (its page marks 5 minutes as stale). */
const CONTACT_NEWS_MS = 60_000;

const fail = (status: number, code: string, msg: string, retryAfter?: number): Fail => ({ status, code, msg, retryAfter });

/** Builds the sync API's handler; it answers only /sync/v1/… paths and returns false for any other. */
export function syncRoutes(store: HubStore, o: SyncRouteOptions = {}) {
  const clock = o.clock ?? Date.now;
  const maxInFlight = o.maxInFlight ?? 32;
  const limiter = new RateLimiter(o.perBranchPerMinute ?? 600, 60_000);
  let inFlight = 0;

  const authenticate = async (req: IncomingMessage): Promise<string | Fail> => {
    const auth = req.headers.authorization ?? '';
    const token = /^Bearer\s+(\S+)$/i.exec(auth)?.[1];
    const branchId = token ? await store.branchOfToken(token) : null;
    if (!branchId) return fail(401, 'UNAUTHENTICATED', 'a valid branch sync token is required');
    if (!limiter.take(branchId, clock())) return fail(429, 'RATE_LIMITED', 'too many sync requests from this branch', 5);
    return branchId;
  };

  /** Every authenticated request is contact, up or down; a pull after a silence is pushed to the national picture. */
  const contact = async (branchId: string, pull: boolean): Promise<void> => {
    const now = clock();
    const previous = await store.recordContact(branchId, now);
    if (pull && (previous === null || now - previous >= CONTACT_NEWS_MS)) o.onApplied?.(branchId);
  };

  const up = async (req: IncomingMessage, branchId: string): Promise<object | Fail> => {
    let body: unknown;
    try {
      body = await readJsonBody(req, SYNC_MAX_BYTES);
    } catch (e) {
      if (e instanceof BodyError) return fail(e.status, e.status === 413 ? 'BATCH_TOO_LARGE' : 'BAD_BATCH', e.message);
      throw e;
    }
    const parsed = UpBatchSchema.safeParse(body);
    if (!parsed.success) return fail(400, 'BAD_BATCH', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    const batch = parsed.data;
    if (!SYNC_ACCEPTED_SCHEMAS.includes(batch.schema)) {
      return fail(400, 'SCHEMA_UNSUPPORTED', `schema ${batch.schema} is not accepted (accepted: ${SYNC_ACCEPTED_SCHEMAS.join(', ')})`);
    }
    if (batch.branchId !== branchId) return fail(403, 'WRONG_BRANCH', 'a branch may only send its own outbox');
    const seqs = new Set(batch.events.map((e) => e.seq));
    if (seqs.size !== batch.events.length) return fail(400, 'BAD_BATCH', 'a seq appears twice in the batch');
    try {
      const ack = await store.applyUp(batch, clock());
      if (batch.events.length > 0) o.onApplied?.(branchId);
      return { ok: true, ...ack };
    } catch (e) {
      if (e instanceof EpochReused) return { ...fail(409, 'EPOCH_REUSED', e.message), extra: { seq: e.seq } };
      throw e;
    }
  };

  const down = async (url: URL, branchId: string): Promise<object | Fail> => {
    const after = Number(url.searchParams.get('after') ?? '0');
    const limit = Number(url.searchParams.get('limit') ?? '500');
    if (!Number.isSafeInteger(after) || after < 0 || !Number.isSafeInteger(limit) || limit < 1 || limit > 1000) {
      return fail(400, 'BAD_CURSOR', 'after must be a whole number ≥ 0 and limit 1–1000');
    }
    return { ok: true, changes: await store.pullDown(branchId, after, limit), hubTime: clock() };
  };

  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> => {
    const route = req.method === 'POST' && url.pathname === '/sync/v1/up' ? 'up' : req.method === 'GET' && url.pathname === '/sync/v1/down' ? 'down' : null;
    if (!url.pathname.startsWith('/sync/')) return false;
    const answer = (r: object | Fail) => {
      if ('status' in r && typeof r.status === 'number') {
        const f = r as Fail;
        if (!res.headersSent) req.resume();
        sendJson(res, f.status, { ok: false, code: f.code, msg: f.msg, ...f.extra }, f.retryAfter ? { 'retry-after': String(f.retryAfter) } : {});
      } else sendJson(res, 200, r, {}, req);
    };
    if (!route) {
      answer(fail(404, 'NOT_FOUND', 'unknown sync route'));
      return true;
    }
    if (inFlight >= maxInFlight) {
      answer(fail(503, 'BUSY', 'the hub is busy; retry later', 2));
      return true;
    }
    inFlight += 1;
    try {
      const branch = await authenticate(req);
      if (typeof branch !== 'string') answer(branch);
      else {
        await contact(branch, route === 'down');
        answer(route === 'up' ? await up(req, branch) : await down(url, branch));
      }
    } finally {
      inFlight -= 1;
    }
    return true;
  };
}
