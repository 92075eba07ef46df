/**
 * The centre's reports (central staff and admins): every branch side by side over a date range, computed from the
 * events the branches synced, and the same as CSV (UTF-8 with BOM, branch-local days).
 *   GET /api/v1/reports/branches?from=YYYY-MM-DD&to=YYYY-MM-DD
 *   GET /api/v1/reports/branches.csv?from=…&to=…&lang=ar|en
 * Each service is judged against the target its branch's manager set (synced up), else the default (80 % within 20 minutes).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { localDay } from '@dawr/core';
import { addDays, computeReport, daysBetween, isDay, networkCsv, networkRow } from '@dawr/core/reports';
import { sendJson } from '@dawr/web';
import type { HubStore } from '../store/index';
import { reportTargets } from '../store/report-targets';
import { reportInputs } from '../store/reports';
import { refuse } from './answers';
import type { SignedInRoute } from './staff-routes';

/** The longest range one request may read. */
const MAX_DAYS = 93;

/** Wraps `next` (the other signed-in routes) with /api/v1/reports/branches(.csv). */
export function reportRoutes(store: HubStore, next: SignedInRoute, clock: () => number = Date.now): SignedInRoute {
  return async (req: IncomingMessage, res: ServerResponse, url: URL, staff) => {
    const p = url.pathname;
    if (p !== '/api/v1/reports/branches' && p !== '/api/v1/reports/branches.csv') return next(req, res, url, staff);
    if (req.method !== 'GET') return refuse(req, res, staff.lang, 404, 'NOT_FOUND');
    const catalogues = (await store.catalogues()).map((c) => c.catalogue).sort((a, b) => a.branch.name.en.localeCompare(b.branch.name.en));
    const zone = catalogues[0]?.branch.timezone ?? 'Asia/Bahrain';
    const to = url.searchParams.get('to') ?? localDay(clock(), zone);
    const from = url.searchParams.get('from') ?? addDays(to, -6);
    if (!isDay(from) || !isDay(to) || from > to || daysBetween(from, to).length > MAX_DAYS) return refuse(req, res, staff.lang, 400, 'BAD_REQUEST');
    const inputs = await reportInputs(store.sql, from, to);
    const targets = await reportTargets(store.sql);
    const reports = catalogues.map((c) => ({
      branchId: c.branch.id,
      name: c.branch.name,
      report: computeReport(inputs.get(c.branch.id) ?? { tickets: [], events: [] }, { timeZone: c.branch.timezone, from, to, targets: targets.get(c.branch.id) }),
    }));
    if (p.endsWith('.csv')) {
      const text = networkCsv(
        reports.map((r) => ({ name: r.name[staff.lang], report: r.report })),
        staff.lang,
      );
      res.writeHead(200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="dawr-branches-${from}-${to}.csv"`,
        'cache-control': 'no-store',
      });
      res.end(text);
      return true;
    }
    sendJson(res, 200, { ok: true, from, to, branches: reports.map((r) => ({ ...networkRow(r.branchId, r.report), name: r.name, daily: r.report.daily.map((d) => ({ day: d.day, issued: d.issued, served: d.served })) })) }, {}, req);
    return true;
  };
}
