/** The demo's past days: written once through the store, every ticket finished, figures a manager would expect. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportView } from '@dawr/core/reports';
import { startBranch } from '../../test/helpers/branch';
import { api, login } from './http';

let branch: Awaited<ReturnType<typeof startBranch>>;
let manager: { cookie: string; csrf: string };

beforeAll(async () => {
  // The branch clock starts on Tuesday 2026-11-24: the 7 days before hold 5 working days (Friday and Saturday off).
  branch = await startBranch({ DAWR_DEMO_HISTORY_DAYS: '7' });
  manager = await login(branch.url, 'manager', 'dawr-manager');
});
afterAll(() => branch.stop());

describe('demo history', () => {
  it('writes the working days of the week before, every ticket finished, every change in the outbox', async () => {
    const r = (await api(branch.url, 'GET', '/api/v1/reports/history?from=2026-11-17&to=2026-11-23', { cookie: manager.cookie })).body as unknown as ReportView;
    const days = r.report.daily.filter((d) => d.issued > 0).map((d) => d.day);
    expect(days).toEqual(['2026-11-17', '2026-11-18', '2026-11-19', '2026-11-22', '2026-11-23']);
    for (const d of r.report.daily.filter((x) => x.issued > 0)) {
      expect(d.issued).toBeGreaterThan(100);
      expect(d.waiting + d.atCounter).toBe(0);
      expect(d.served).toBeGreaterThan(d.issued * 0.8);
    }
    const t = r.report.totals;
    expect([t.noShows, t.cancelled, t.transfersIn].every((n) => n > 0)).toBe(true);
    expect(t.wait.p90Ms!).toBeGreaterThan(t.wait.meanMs!);
    expect(r.report.punctuality.early + r.report.punctuality.late).toBeGreaterThan(0);
    expect(r.report.punctuality.noShow).toBeGreaterThan(0);
    // One named clerk per counter, each with a pause or none, every one busy part of the day.
    const clerks = r.report.clerks.filter((c) => c.clerkId?.startsWith('demo-clerk-'));
    expect(clerks).toHaveLength(5);
    expect(clerks.every((c) => r.staff[c.clerkId!] && c.busyMs > 0 && c.idleMs >= 0)).toBe(true);
    expect(clerks.filter((c) => c.pausedMs > 0)).toHaveLength(2);
    expect(branch.server.store.census.rowCounts().outbox).toBeGreaterThan(t.issued * 3);
    // Whole milliseconds on the branch clock, as the sync contract wants them.
    expect(branch.server.store.outbox.after(0, 10_000).every((row) => Number.isInteger(row.createdAt))).toBe(true);
  });

  it('today starts empty, and a restart writes nothing more', async () => {
    const today = (await api(branch.url, 'GET', '/api/v1/reports/today', { cookie: manager.cookie })).body as unknown as ReportView;
    expect(today.report.visits).toBe(0);
    const { seedDemoHistory } = await import('../src/demo/history');
    expect(seedDemoHistory(branch.server.store, 'seef-mall', 'Asia/Bahrain', branch.server.clock(), 7)).toBe(0);
  });

  it('closed days are cached; an event written later to one of their tickets drops that day, and the figures follow', async () => {
    const { store, reports } = branch.server;
    const before = reports.report('2026-11-17', '2026-11-23').report;
    expect([...store.reports.cachedDays('seef-mall', '2026-11-17', '2026-11-23', '2026-11-24').keys()]).toHaveLength(7);
    // A ticket of Monday gets an event now (as the daily close would write one): Monday is read again.
    const { uuidv7 } = await import('@dawr/core');
    const at = Date.parse('2026-11-23T10:00:00+03:00');
    const id = uuidv7(at);
    store.tickets.insert({ id, branchId: 'seef-mall', serviceId: 'seef-mall.renewal', day: '2026-11-23', seq: 900, number: 'B-900', state: 'waiting', priority: null, counterId: null, appointmentId: null, slotAt: null, arrivedAt: at, calledAt: null, startedAt: null, endedAt: null, outcome: null });
    store.tickets.addEvent({ id: uuidv7(at), ticketId: id, branchId: 'seef-mall', type: 'issued', at, counterId: null, clerkId: null, serviceId: 'seef-mall.renewal' });
    const after = reports.report('2026-11-17', '2026-11-23').report;
    expect(after.visits).toBe(before.visits + 1);
    expect(after.daily.find((d) => d.day === '2026-11-23')!.waiting).toBe(1);
    // The same figures as when nothing was cached.
    const { computeReport } = await import('@dawr/core/reports');
    const { DayClock } = await import('@dawr/core/reports');
    const clock = new DayClock('Asia/Bahrain');
    const fresh = computeReport(store.reports.input('seef-mall', '2026-11-17', '2026-11-23', clock.start('2026-11-17'), clock.end('2026-11-23')), {
      timeZone: 'Asia/Bahrain',
      from: '2026-11-17',
      to: '2026-11-23',
      targets: reports.targets(),
    });
    expect(after).toEqual(fresh);
  });
});
