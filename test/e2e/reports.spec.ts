/**
 * Reports in Chromium, from a week of seeded demo history at a real branch that syncs it to a real hub: the branch
 * manager's Reports view (today live, staffing advice, history) and the centre's side-by-side page, each in English
 * and Arabic with no axe violations, and the CSVs as downloaded: a BOM and the expected rows.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { DEMO_HUB_STAFF } from '@dawr/hub';
import type { NetworkRow, ReportView } from '@dawr/core/reports';
import { axeViolations } from './axe';
import { expect, hubSession, test } from './hub-fixtures';
import { CounterPage } from './pages/counter-page';

const BRANCH = 'seef-mall';
/** The week before the branch clock's Tuesday 2026-11-24 (five working days, Friday and Saturday off). */
const FROM = '2026-11-17';
const TO = '2026-11-23';

test.use({ branchId: BRANCH, branchEnv: { DAWR_DEMO_HISTORY_DAYS: '7' } });

/** The downloaded CSV: its first bytes and its rows (CRLF, after the BOM). */
async function downloadCsv(page: Page, testid: string): Promise<{ bom: number[]; rows: string[] }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testid).click()]);
  const bytes = readFileSync((await download.path())!);
  return { bom: [...bytes.subarray(0, 3)], rows: bytes.subarray(3).toString('utf8').split('\r\n').slice(0, -1) };
}

async function rest(serverUrl: string, path: string, body: unknown, token: string): Promise<Record<string, any>> {
  const res = await fetch(`${serverUrl}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return (await res.json()) as Record<string, any>;
}

test("the branch manager's reports: today, staffing, history and its CSV, in English and Arabic", async ({ browser, branch }) => {
  for (const code of ['new-card', 'renewal', 'new-card']) await rest(branch.serverUrl, '/api/v1/tickets', { serviceId: `${BRANCH}.${code}` }, 'demo-kiosk-token');
  await rest(branch.serverUrl, `/api/v1/counters/${BRANCH}.counter-1/call-next`, {}, 'demo-counter-token');
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const manager = new CounterPage(await context.newPage(), branch.serverUrl);
  const page = manager.page;
  await manager.signIn('manager', 'dawr-manager');
  await page.getByTestId('tab-reports').click();

  // Today, pushed: three issued, two still waiting; the figures per hour drawn.
  await expect(page.getByTestId('today-issued')).toHaveText('3');
  await expect(page.getByTestId('today-waiting')).toHaveText('2');
  await expect(page.getByTestId('today-hours').locator('rect[data-value="3"]')).toHaveCount(1);
  // Staffing advice from last Tuesday, with the simulation's check.
  await expect(page.getByTestId('staffing-basis')).toContainText('2026-11-17');
  await expect(page.getByTestId('staffing-check')).toContainText(/Simulation: with \d+ counters from \d\d:00/);

  // History of the seeded week.
  await page.getByTestId('history-from').fill(FROM);
  await page.getByTestId('history-to').fill(TO);
  await page.getByTestId('history-show').click();
  const week = (await (await context.request.get(`${branch.serverUrl}/api/v1/reports/history?from=${FROM}&to=${TO}`)).json()) as ReportView;
  expect(week.report.visits).toBeGreaterThan(500);
  await expect(page.getByTestId('history-days').locator('rect')).toHaveCount(2 * 7);
  await expect(page.getByTestId('history-services').locator('tbody tr')).toHaveCount(week.report.services.length);
  await expect(page.getByTestId('history-clerks')).toContainText('Fatima Ali');
  expect(await axeViolations(page)).toEqual([]);

  await page.getByTestId('lang-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByTestId('reports-today')).toContainText('اليوم، مباشر');
  await expect(page.getByTestId('staffing-check')).toContainText('المحاكاة');
  expect(await axeViolations(page)).toEqual([]);

  // The CSV in Arabic: a BOM, the header, per day a row per service that had tickets and the day's total.
  const csv = await downloadCsv(page, 'history-csv');
  expect(csv.bom).toEqual([0xef, 0xbb, 0xbf]);
  expect(csv.rows[0]).toBe('التاريخ,الخدمة,التذاكر الصادرة,محوّلة إليها,تمت خدمتهم,لم يحضروا,ملغاة,أُغلقت بنهاية اليوم,محوّلة منها,متوسط الانتظار (دقيقة),الانتظار عند المئين 90 (دقيقة),متوسط مدة الخدمة (دقيقة),ضمن الهدف (%),الهدف');
  expect(csv.rows).toHaveLength(1 + week.report.daily.reduce((n, d) => n + d.services.length + 1, 0));
  for (const d of week.report.daily) {
    expect(csv.rows).toContain(csv.rows.find((r) => r.startsWith(`${d.day},جميع الخدمات,${d.issued},${d.transfersIn},${d.served},${d.noShows},${d.cancelled},`)));
  }
  expect(csv.rows.filter((r) => r.startsWith('2026-11-20,'))).toEqual(['2026-11-20,جميع الخدمات,0,0,0,0,0,0,0,,,,,80% / 20 min']);
  await context.close();
});

test('the centre: every branch side by side from what they synced, in Arabic and English, and its CSV', async ({ browser, hub, branch }) => {
  const central = DEMO_HUB_STAFF.find((s) => s.role === 'central')!;
  const session = await hubSession(hub.url, central.username, central.password);
  const manager = await fetch(`${branch.serverUrl}/api/v1/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'manager', password: 'dawr-manager' }) });
  const cookie = manager.headers.get('set-cookie')!.split(';')[0]!;
  const own = ((await (await fetch(`${branch.serverUrl}/api/v1/reports/history?from=${FROM}&to=${TO}`, { headers: { cookie } })).json()) as ReportView).report;
  // The week reaches the hub by the ordinary sync.
  const atHub = async () => {
    const r = await fetch(`${hub.url}/api/v1/reports/branches?from=${FROM}&to=${TO}`, { headers: { cookie: session.cookie } });
    return ((await r.json()) as { branches: NetworkRow[] }).branches.find((b) => b.branchId === BRANCH)?.visits;
  };
  await expect.poll(atHub, { timeout: 60_000 }).toBe(own.visits);

  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(`${hub.url}/central/reports`);
  await page.getByTestId('central-username').fill(central.username);
  await page.getByTestId('central-password').fill(central.password);
  await page.getByRole('button', { name: 'تسجيل الدخول' }).click();
  await page.getByTestId('network-from').fill(FROM);
  await page.getByTestId('network-to').fill(TO);
  await page.getByTestId('network-show').click();
  await expect(page.getByTestId(`network-${BRANCH}-visits`)).toHaveText(String(own.visits));
  await expect(page.locator('[data-testid="network-table"] > tbody > tr')).toHaveCount(4);
  await expect(page.locator('h1')).toHaveText('جميع الفروع جنباً إلى جنب');
  expect(await axeViolations(page)).toEqual([]);

  await page.getByTestId('lang-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  await expect(page.locator('h1')).toHaveText('Every branch side by side');
  await expect(page.getByTestId(`network-${BRANCH}`)).toContainText('Seef Mall');
  // Branches set their own wait targets (synced up): the note must not claim one target for every row.
  await expect(page.getByTestId('network-target-note')).toContainText("its service's wait target at its branch");
  await expect(page.getByTestId('network-target-note')).toContainText('otherwise 20 min');
  expect(await axeViolations(page)).toEqual([]);

  const csv = await downloadCsv(page, 'network-csv');
  expect(csv.bom).toEqual([0xef, 0xbb, 0xbf]);
  expect(csv.rows[0]).toBe('Branch,Date,Tickets issued,Served,No-shows,Cancelled,Mean wait (min),90th percentile wait (min),Within target (%),Busiest hour');
  // Four branches, each with a row per day and the week's total.
  expect(csv.rows).toHaveLength(1 + 4 * 8);
  const seef = csv.rows.filter((r) => r.startsWith('Seef Mall,'));
  expect(seef).toHaveLength(8);
  expect(seef.at(-1)!.startsWith(`Seef Mall,${FROM} – ${TO},${own.totals.issued},${own.totals.served},${own.totals.noShows},${own.totals.cancelled},`)).toBe(true);
  await context.close();
});
