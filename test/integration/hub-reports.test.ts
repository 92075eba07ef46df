/**
 * The centre's side-by-side, from what the branches synced: a branch with a week of demo history syncs to a real hub
 * on real PostgreSQL; the hub's figures for that branch equal the branch's own (same events, same arithmetic), other
 * branches show empty rows, a service-level target the branch's manager sets judges the branch at the hub too, and the CSV comes with a BOM, a row per branch and day and the range's total.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHub, type Hub } from '@dawr/hub';
import type { NetworkRow, ReportView } from '@dawr/core/reports';
import { freePort } from '../../scripts/launch';
import { startBranch } from '../helpers/branch';
import { startPostgres, type TestPostgres } from '../helpers/postgres';
import { api, login } from '../../server/test/http';

const BRANCH = 'seef-mall';
const FROM = '2026-11-17';
const TO = '2026-11-23';

describe('reports at the centre', () => {
  let pg: TestPostgres;
  let hub: Hub;
  let hubUrl: string;
  let branch: Awaited<ReturnType<typeof startBranch>>;
  let cookie: string;

  beforeAll(async () => {
    pg = await startPostgres();
    const port = await freePort();
    hub = await createHub({
      database: { url: pg.createDatabase('hub_reports') },
      port,
      host: '127.0.0.1',
      staff: [{ id: 'c1', username: 'central', name: 'Central', role: 'central', password: 'dawr-central' }],
    });
    await hub.listen();
    hubUrl = `http://127.0.0.1:${port}`;
    const token = await hub.store.issueBranchCredential(BRANCH, Date.now());
    branch = await startBranch({ DAWR_HUB_URL: hubUrl, DAWR_HUB_TOKEN: token, DAWR_BRANCH_ID: BRANCH, DAWR_DEMO_HISTORY_DAYS: '7' });
    // Everything the branch wrote reaches the hub (the ack covers the last seq); bounded by the hook's timeout.
    const outbox = branch.server.store.outbox.latestSeq();
    while ((await hub.store.cursors(BRANCH)).reduce((m, c) => Math.max(m, c.ackedSeq), 0) < outbox) await new Promise((r) => setTimeout(r, 200));
    const r = await fetch(`${hubUrl}/api/v1/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'central', password: 'dawr-central' }) });
    cookie = r.headers.get('set-cookie')!.split(';')[0]!;
  }, 120_000);
  afterAll(async () => {
    await branch?.stop();
    await hub?.close();
    pg?.stop();
  });

  it("a branch's figures at the hub equal the branch's own; the others are there, empty", async () => {
    const r = await fetch(`${hubUrl}/api/v1/reports/branches?from=${FROM}&to=${TO}`, { headers: { cookie } });
    expect(r.status).toBe(200);
    const body = (await r.json()) as { from: string; to: string; branches: (NetworkRow & { name: { en: string } })[] };
    expect(body.branches.map((b) => b.branchId).sort()).toEqual(['isa-town', 'muharraq', 'salman-port', 'seef-mall']);
    const hubRow = body.branches.find((b) => b.branchId === BRANCH)!;
    const manager = await login(branch.url, 'manager', 'dawr-manager');
    const own = (await api(branch.url, 'GET', `/api/v1/reports/history?from=${FROM}&to=${TO}`, { cookie: manager.cookie })).body as unknown as ReportView;
    const t = own.report.totals;
    expect(hubRow.visits).toBe(own.report.visits);
    expect([hubRow.served, hubRow.noShows, hubRow.cancelled, hubRow.transfersIn]).toEqual([t.served, t.noShows, t.cancelled, t.transfersIn]);
    expect(hubRow.wait).toEqual(t.wait);
    expect(hubRow.service).toEqual(t.service);
    expect(hubRow.serviceLevel).toEqual(t.serviceLevel);
    expect(hubRow.busiestHours[0]!.arrivals).toBe(Math.max(...own.report.hours.map((h) => h.arrivals)));
    expect(hubRow.visits).toBeGreaterThan(500);
    const empty = body.branches.find((b) => b.branchId === 'muharraq')!;
    expect([empty.visits, empty.served, empty.wait.meanMs, empty.busiestHours.length]).toEqual([0, 0, null, 0]);
  });

  it("a target the branch's manager sets reaches the hub and changes its service level as it changes the branch's", async () => {
    const manager = await login(branch.url, 'manager', 'dawr-manager');
    const ownReport = async () => (await api(branch.url, 'GET', `/api/v1/reports/history?from=${FROM}&to=${TO}`, { cookie: manager.cookie })).body as unknown as ReportView;
    const hubRow = async () => {
      const r = await fetch(`${hubUrl}/api/v1/reports/branches?from=${FROM}&to=${TO}`, { headers: { cookie } });
      return ((await r.json()) as { branches: NetworkRow[] }).branches.find((b) => b.branchId === BRANCH)!;
    };
    const before = await ownReport();
    // The busiest service, judged by a tighter wait than the default's 20 minutes.
    const busiest = [...before.report.services].sort((a, b) => b.serviceLevel.total - a.serviceLevel.total)[0]!;
    const set = await api(branch.url, 'PUT', `/api/v1/reports/targets/${busiest.serviceId}`, { ...manager, body: { withinMin: 2, share: 0.5 } });
    expect(set.status).toBe(200);
    const after = await ownReport();
    expect(after.report.totals.serviceLevel.within).toBeLessThan(before.report.totals.serviceLevel.within);
    // The change goes up with the outbox; wait until the hub holds it (bounded by the test's timeout).
    const outbox = branch.server.store.outbox.latestSeq();
    while ((await hub.store.cursors(BRANCH)).reduce((m, c) => Math.max(m, c.ackedSeq), 0) < outbox) await new Promise((r) => setTimeout(r, 200));
    expect((await hubRow()).serviceLevel).toEqual(after.report.totals.serviceLevel);
    // Back to the default at the branch: back to the default at the hub.
    expect((await api(branch.url, 'PUT', `/api/v1/reports/targets/${busiest.serviceId}`, { ...manager, body: { reset: true } })).status).toBe(200);
    const reset = branch.server.store.outbox.latestSeq();
    while ((await hub.store.cursors(BRANCH)).reduce((m, c) => Math.max(m, c.ackedSeq), 0) < reset) await new Promise((r) => setTimeout(r, 200));
    expect((await hubRow()).serviceLevel).toEqual(before.report.totals.serviceLevel);
  }, 60_000);

  it('CSV: BOM, a row per branch and day, then the range; in Arabic', async () => {
    const r = await fetch(`${hubUrl}/api/v1/reports/branches.csv?from=${FROM}&to=${TO}&lang=ar`, { headers: { cookie } });
    expect(r.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = new Uint8Array(await r.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = new TextDecoder().decode(bytes.slice(3)).split('\r\n').slice(0, -1);
    expect(rows[0]!.startsWith('الفرع,التاريخ,')).toBe(true);
    // 4 branches × (7 days + the range's total).
    expect(rows).toHaveLength(1 + 4 * 8);
    const seef = rows.filter((l) => l.startsWith('فرع السيف مول,'));
    expect(seef.map((l) => l.split(',')[1])).toEqual(['2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20', '2026-11-21', '2026-11-22', '2026-11-23', `${FROM} – ${TO}`]);
    expect(seef[3]!.split(',').slice(2, 6)).toEqual(['0', '0', '0', '0']);
  });

  it('signed-in centre staff only; a bad range is refused', async () => {
    expect((await fetch(`${hubUrl}/api/v1/reports/branches`)).status).toBe(401);
    expect((await fetch(`${hubUrl}/api/v1/reports/branches?from=2026-01-01&to=2026-12-31`, { headers: { cookie } })).status).toBe(400);
    expect((await fetch(`${hubUrl}/api/v1/reports/branches?from=${TO}&to=${FROM}`, { headers: { cookie } })).status).toBe(400);
  });
});
