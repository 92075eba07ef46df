/**
 * Reports at the branch: figures from the real event log over HTTP (managers only), the CSV download, targets,
 * staffing advice, the counter log behind the clerks' paused time, and today's push to managers' sockets.
 */
import { io as ioClient, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportView, StaffingView } from '@dawr/core/reports';
import { startBranch } from '../../test/helpers/branch';
import { api, login } from './http';

let branch: Awaited<ReturnType<typeof startBranch>>;
let manager: { cookie: string; csrf: string };
let clerk: { cookie: string; csrf: string };
const DAY = '2026-11-24';
const SERVICE = 'seef-mall.new-card';
const COUNTER = 'seef-mall.counter-4';

beforeAll(async () => {
  branch = await startBranch();
  manager = await login(branch.url, 'manager', 'dawr-manager');
  clerk = await login(branch.url, 'clerk', 'dawr-clerk');
  for (let i = 0; i < 3; i++) await api(branch.url, 'POST', '/api/v1/tickets', { token: 'demo-kiosk-token', body: { serviceId: SERVICE } });
  const called = await api(branch.url, 'POST', `/api/v1/counters/${COUNTER}/call-next`, { ...clerk });
  const at = `/api/v1/counters/${COUNTER}/tickets/${called.body.ticket.id}`;
  await api(branch.url, 'POST', `${at}/start`, { ...clerk });
  await api(branch.url, 'POST', `${at}/finish`, { ...clerk, body: { outcome: 'served' } });
  // The clerk pauses their counter and resumes.
  for (const open of [false, true]) expect((await api(branch.url, 'PUT', `/api/v1/counters/${COUNTER}/open`, { ...clerk, body: { open } })).status).toBe(200);
});
afterAll(() => branch.stop());

async function get(path: string, who: { cookie: string } = manager) {
  const res = await fetch(`${branch.url}${path}`, { headers: { cookie: who.cookie } });
  return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) };
}

describe('reports over HTTP', () => {
  it("today's figures from the event log, with the clerks' names", async () => {
    const r = await api(branch.url, 'GET', '/api/v1/reports/today', { cookie: manager.cookie });
    expect(r.status).toBe(200);
    const view = r.body as unknown as ReportView;
    expect(view.report).toMatchObject({ from: DAY, to: DAY, visits: 3 });
    expect(view.report.totals).toMatchObject({ issued: 3, served: 1, waiting: 2 });
    expect(view.report.clerks.find((c) => c.clerkId === 'staff-clerk')).toMatchObject({ served: 1, counterIds: [COUNTER] });
    expect(view.staff['staff-clerk']).toBeTruthy();
    expect(view.targets[SERVICE]).toEqual({ withinMin: 20, share: 0.8 });
  });

  it('records who closed and opened a counter, and when', () => {
    const events = branch.server.store.reports.counterEvents('seef-mall', 0, Number.MAX_SAFE_INTEGER);
    expect(events.map((e) => [e.counterId, e.clerkId, e.open])).toEqual([
      [COUNTER, 'staff-clerk', false],
      [COUNTER, 'staff-clerk', true],
    ]);
  });

  it('managers only: a clerk is refused, nobody signed in is refused', async () => {
    expect(await api(branch.url, 'GET', '/api/v1/reports/today', { cookie: clerk.cookie })).toMatchObject({ status: 403, body: { ok: false, code: 'FORBIDDEN' } });
    expect(await api(branch.url, 'GET', '/api/v1/reports/today')).toMatchObject({ status: 401, body: { code: 'UNAUTHENTICATED' } });
    expect(await api(branch.url, 'GET', '/api/v1/reports/today', { token: 'demo-counter-token' })).toMatchObject({ status: 401 });
  });

  it('history over a range; a bad or reversed range is refused', async () => {
    const r = await api(branch.url, 'GET', `/api/v1/reports/history?from=2026-11-20&to=${DAY}`, { cookie: manager.cookie });
    expect(r.body.report.daily.map((d: { day: string; issued: number }) => [d.day, d.issued])).toEqual([
      ['2026-11-20', 0],
      ['2026-11-21', 0],
      ['2026-11-22', 0],
      ['2026-11-23', 0],
      [DAY, 3],
    ]);
    for (const q of ['from=2026-11-25&to=2026-11-24', 'from=2026-02-30', 'from=2024-01-01&to=2026-01-01']) {
      expect(await api(branch.url, 'GET', `/api/v1/reports/history?${q}`, { cookie: manager.cookie })).toMatchObject({ status: 400, body: { code: 'BAD_REQUEST' } });
    }
  });

  it('CSV: UTF-8 with a BOM, an attachment, Arabic headers and service names, a row per service and the day total', async () => {
    const r = await get(`/api/v1/reports/history.csv?from=${DAY}&to=${DAY}&lang=ar`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(r.headers.get('content-disposition')).toBe(`attachment; filename="dawr-seef-mall-summary-${DAY}-${DAY}.csv"`);
    expect([...r.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = new TextDecoder().decode(r.bytes.slice(3)).split('\r\n').slice(0, -1);
    expect(rows[0]!.startsWith('التاريخ,الخدمة,التذاكر الصادرة')).toBe(true);
    expect(rows).toHaveLength(3);
    expect(rows[1]).toMatch(new RegExp(`^${DAY},[^,]*بطاقة[^,]*,3,0,1,`));
    expect(rows[2]).toMatch(new RegExp(`^${DAY},جميع الخدمات,3,0,1,`));
    const tx = await get(`/api/v1/reports/history.csv?from=${DAY}&to=${DAY}&kind=transactions&lang=en`);
    const lines = new TextDecoder().decode(tx.bytes.slice(3)).split('\r\n').slice(0, -1);
    expect(lines).toHaveLength(4);
    expect(lines.filter((l) => l.endsWith(',Served'))).toHaveLength(1);
    expect(lines.find((l) => l.endsWith(',Served'))).toContain(`${DAY} 09:`);
  });

  it('a service-level target per service, set by the manager (CSRF checked), back to the default on reset', async () => {
    const path = `/api/v1/reports/targets/${SERVICE}`;
    const seq = branch.server.store.outbox.latestSeq();
    expect((await api(branch.url, 'PUT', path, { cookie: manager.cookie, body: { withinMin: 30, share: 0.9 } })).status).toBe(403);
    expect((await api(branch.url, 'PUT', path, { ...manager, body: { withinMin: 30, share: 1.5 } })).status).toBe(400);
    expect((await api(branch.url, 'PUT', '/api/v1/reports/targets/nope', { ...manager, body: { withinMin: 30, share: 0.9 } })).status).toBe(404);
    expect((await api(branch.url, 'PUT', path, { ...manager, body: { withinMin: 30, share: 0.9 } })).body.targets[SERVICE]).toEqual({ withinMin: 30, share: 0.9 });
    const today = (await api(branch.url, 'GET', '/api/v1/reports/today', { cookie: manager.cookie })).body as unknown as ReportView;
    expect(today.report.services.find((s) => s.serviceId === SERVICE)!.serviceLevel).toMatchObject({ withinMs: 30 * 60_000, targetShare: 0.9 });
    expect((await api(branch.url, 'PUT', path, { ...manager, body: { reset: true } })).body.targets[SERVICE]).toEqual({ withinMin: 20, share: 0.8 });
    // Each change (not the refused ones) goes up to the centre with the outbox, so its reports use the same target.
    const up = branch.server.store.outbox.after(seq, 10).map((r) => [r.type, r.typeVersion, r.entityId, r.payload]);
    expect(up).toEqual([
      ['report.target.set', 1, SERVICE, { serviceId: SERVICE, withinMin: 30, share: 0.9 }],
      ['report.target.set', 1, SERVICE, { serviceId: SERVICE, withinMin: null, share: null }],
    ]);
  });

  it('staffing advice for the rest of the day (no history yet: no forecast, no simulation)', async () => {
    const r = await api(branch.url, 'GET', '/api/v1/reports/staffing', { cookie: manager.cookie });
    const s = r.body.staffing as StaffingView;
    expect(s.basis).toEqual([]);
    expect(s.hours.map((h) => h.hour)).toEqual([9, 10, 11, 12, 13]);
    expect(s.check).toBeNull();
    expect(s.hours[0]!.services.find((c) => c.serviceId === SERVICE)).toMatchObject({ needed: 0, arrivals: 0 });
  });
});

const staffSocket = (cookie: string): Socket =>
  ioClient(branch.url, { transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: { cookie, origin: branch.url } });

describe("today's push to managers", () => {
  it('on connection, and again after a change; not to clerks', async () => {
    const socket = staffSocket(manager.cookie);
    const other = staffSocket(clerk.cookie);
    const views: ReportView[] = [];
    let clerkGot = 0;
    socket.on('reports:today:v1', (v: ReportView) => views.push(v));
    other.on('reports:today:v1', () => clerkGot++);
    const clerkReady = new Promise((resolve) => other.once('branch:snapshot:v1', resolve));
    try {
      await expect.poll(() => views.length).toBeGreaterThan(0);
      await clerkReady;
      const before = views.at(-1)!.report.visits;
      await api(branch.url, 'POST', '/api/v1/tickets', { token: 'demo-kiosk-token', body: { serviceId: SERVICE } });
      await expect.poll(() => views.at(-1)!.report.visits, { timeout: 5_000 }).toBe(before + 1);
      expect(clerkGot).toBe(0);
    } finally {
      socket.close();
      other.close();
    }
  });
});
