/**
 * /api/v1/reports/*, for managers and admins (session cookie, or a device token refused): today, history over a
 * date range, its CSV download, the staffing advice, and each service's service-level target.
 *   GET /api/v1/reports/today
 *   GET /api/v1/reports/history?from=YYYY-MM-DD&to=YYYY-MM-DD
 *   GET /api/v1/reports/history.csv?from=…&to=…&kind=summary|transactions&lang=ar|en
 *   GET /api/v1/reports/staffing
 *   PUT /api/v1/reports/targets/{serviceId}  {"withinMin": 20, "share": 0.8} or {"reset": true}  (x-csrf-token)
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { failure, type Lang } from '@dawr/core';
import { addDays, daysBetween, isDay } from '@dawr/core/reports';
import type { AuthService } from '../auth/auth-service';
import type { Clock } from '../clock';
import type { Logger } from '../log';
import { BodyError, langOf, readJson, sendJson } from '../http/io';
import { MAX_RANGE_DAYS, type ReportsService } from './reports-service';
import { StaffingUnavailable } from './staffing-thread';

export interface ReportsHttpDeps {
  auth: AuthService;
  reports: ReportsService;
  clock: Clock;
  log: Logger;
  branchId: string;
}

const STATUS = { BAD_REQUEST: 400, UNAUTHENTICATED: 401, FORBIDDEN: 403, CSRF_FAILED: 403, UNKNOWN_SERVICE: 404, INTERNAL: 500, STAFFING_UNAVAILABLE: 503 } as const;
type Code = keyof typeof STATUS;

const fail = (res: ServerResponse, code: Code, lang: Lang) => sendJson(res, STATUS[code], failure(code, lang));

/** The range of `?from=&to=` (default: the last 7 days to today), or null when malformed or too long. */
function rangeOf(url: URL, today: string): { from: string; to: string } | null {
  const to = url.searchParams.get('to') ?? today;
  const from = url.searchParams.get('from') ?? addDays(to, -6);
  if (!isDay(from) || !isDay(to) || from > to) return null;
  if (daysBetween(from, to).length > MAX_RANGE_DAYS) return null;
  return { from, to };
}

/** Handles a request under /api/v1/reports/; resolves once answered. */
export async function handleReports(req: IncomingMessage, res: ServerResponse, url: URL, deps: ReportsHttpDeps): Promise<void> {
  const lang = langOf(req, url);
  try {
    const principal = deps.auth.session(req.headers.cookie, deps.clock());
    if (!principal) return fail(res, 'UNAUTHENTICATED', lang);
    if (principal.role !== 'manager' && principal.role !== 'admin') return fail(res, 'FORBIDDEN', lang);
    const p = url.pathname.slice('/api/v1/reports/'.length);
    const today = deps.reports.today();
    if (req.method === 'GET' && p === 'today') return sendJson(res, 200, { ok: true, ...deps.reports.todayView() }, {}, req);
    if (req.method === 'GET' && p === 'staffing') {
      try {
        return sendJson(res, 200, { ok: true, staffing: await deps.reports.staffing() }, {}, req);
      } catch (e) {
        if (!(e instanceof StaffingUnavailable)) throw e;
        deps.log.warn({ err: e }, 'staffing advice unavailable');
        return fail(res, 'STAFFING_UNAVAILABLE', lang);
      }
    }
    if (req.method === 'GET' && (p === 'history' || p === 'history.csv')) {
      const range = rangeOf(url, today);
      if (!range) return fail(res, 'BAD_REQUEST', lang);
      if (p === 'history') return sendJson(res, 200, { ok: true, ...deps.reports.report(range.from, range.to) }, {}, req);
      const kind = url.searchParams.get('kind') ?? 'summary';
      if (kind !== 'summary' && kind !== 'transactions') return fail(res, 'BAD_REQUEST', lang);
      const text = deps.reports.csv(kind, range.from, range.to, lang);
      const name = `dawr-${deps.branchId}-${kind}-${range.from}-${range.to}.csv`;
      res.writeHead(200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${name}"`,
        'cache-control': 'no-store',
      });
      return void res.end(text);
    }
    const target = /^targets\/([^/]+)$/.exec(p);
    if (req.method === 'PUT' && target) {
      if (req.headers['x-csrf-token'] !== principal.csrfToken) return fail(res, 'CSRF_FAILED', lang);
      const body = (await readJson(req)) as { withinMin?: unknown; share?: unknown; reset?: unknown } | null;
      const serviceId = decodeURIComponent(target[1]!);
      if (!(serviceId in deps.reports.targets())) return fail(res, 'UNKNOWN_SERVICE', lang);
      if (body?.reset === true) return sendJson(res, 200, { ok: true, targets: deps.reports.setTarget(serviceId, null) });
      const { withinMin, share } = body ?? {};
      const valid = typeof withinMin === 'number' && withinMin > 0 && withinMin <= 480 && typeof share === 'number' && share > 0 && share <= 1;
      if (!valid) return fail(res, 'BAD_REQUEST', lang);
      return sendJson(res, 200, { ok: true, targets: deps.reports.setTarget(serviceId, { withinMin, share }) });
    }
    return sendJson(res, 404, failure('BAD_REQUEST', lang));
  } catch (e) {
    if (e instanceof BodyError || e instanceof URIError) return fail(res, 'BAD_REQUEST', lang);
    deps.log.error({ err: e, path: url.pathname }, 'reports request failed');
    if (!res.headersSent) fail(res, 'INTERNAL', lang);
  }
}
