/**
 * The branch manager's sync panel in Chromium, with a real hub process (PGlite) and a real branch server syncing
 * with it through a link the test can cut: the figures while connected and while the centre is unreachable, then a
 * booking cancelled at the centre while its visitor checked in at the branch shows as a conflict until the manager
 * marks it handled. No axe violations in English or Arabic.
 */
import { DEMO_HUB_STAFF } from '@dawr/hub';
import { noViolationsInBothLanguages } from './axe';
import { expect, hubSession, test as hubTest } from './hub-fixtures';
import { CounterPage } from './pages/counter-page';
import { SyncPanel } from './pages/sync-panel';

const BRANCH = 'seef-mall';
const CPR = '850101777';

/** The branch syncs through a link the test can cut. */
const test = hubTest.extend({ syncUrl: async ({ wan }, use) => use(wan.url) });
test.use({ branchId: BRANCH });

/** A kiosk's REST call to the branch (demo kiosk token). */
async function kiosk(serverUrl: string, method: 'GET' | 'POST', path: string, body?: unknown): Promise<Record<string, any>> {
  const res = await fetch(`${serverUrl}${path}`, {
    method,
    headers: { authorization: 'Bearer demo-kiosk-token', 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return (await res.json()) as Record<string, any>;
}

test('the manager sees the link to the centre, and a cancel that crossed a check-in until it is marked handled', async ({ browser, hub, wan, branch }) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const manager = new CounterPage(await context.newPage(), branch.serverUrl);
  const page = manager.page;
  await manager.signIn('manager', 'dawr-manager');
  await manager.openManager();
  const panel = new SyncPanel(page);
  await expect(panel.status()).toHaveText('Connected');
  await expect(panel.outbox()).toHaveText('0');
  await expect(panel.oldestUnacked()).toHaveText('None');
  await expect(panel.lastContact()).toHaveText(/^(Just now|\d+ s ago)$/);
  await expect(panel.lag()).toHaveText(/^\d+ (ms|s)$/);
  // The branch clock was started at 09:00 on the test day (DAWR_START_TIME); the hub keeps the real time.
  await expect(panel.clockSkew()).toHaveText(/^Centre (ahead|behind) by \d+ (s|min|h|days)$/);
  await expect(panel.noConflicts()).toBeVisible();
  await noViolationsInBothLanguages(page);

  // The centre books a renewal for this morning; it reaches the branch.
  const central = DEMO_HUB_STAFF.find((s) => s.role === 'central')!;
  const session = await hubSession(hub.url, central.username, central.password);
  const hubPost = async (path: string, body?: unknown) => {
    const res = await fetch(`${hub.url}${path}`, {
      method: 'POST',
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': 'application/json' },
      body: JSON.stringify(body ?? {}),
    });
    expect(res.status, await res.clone().text()).toBe(200);
    return (await res.json()) as Record<string, any>;
  };
  const serverTime = ((await kiosk(branch.serverUrl, 'GET', '/api/v1/snapshot')) as { snapshot: { serverTime: number } }).snapshot.serverTime;
  const { appointment } = await hubPost('/api/v1/appointments', { branchId: BRANCH, serviceId: `${BRANCH}.renewal`, cpr: CPR, slotAt: serverTime + 10 * 60_000 });
  await expect.poll(async () => (await kiosk(branch.serverUrl, 'POST', '/api/v1/appointments/find', { cpr: CPR })).appointments?.length).toBe(1);

  // The link to the centre goes down. The visitor checks in at the kiosk while the centre cancels the booking.
  wan.setOffline(true);
  const checkIn = await kiosk(branch.serverUrl, 'POST', '/api/v1/appointments/check-in', { cpr: CPR });
  expect(checkIn.ok).toBe(true);
  const number = checkIn.ticket.number as string;
  await hubPost(`/api/v1/appointments/${appointment.id}/cancel`);
  await expect(panel.status()).toHaveText('Not connected');
  await expect(page.getByTestId('sync-offline-help')).toBeVisible();
  await expect(panel.outbox()).not.toHaveText('0');
  await expect(panel.oldestUnacked()).toHaveText(/^(Just now|\d+ s ago)$/);

  // Back online: the check-in goes up, the cancel comes down, and neither is merged away: the manager sees it.
  wan.setOffline(false);
  const row = panel.conflict(number);
  await expect(row).toContainText('The centre cancelled this appointment after the visitor checked in here.');
  await expect(row).toContainText('Card renewal');
  await expect(panel.status()).toHaveText('Connected');
  await expect(panel.outbox()).toHaveText('0');
  await noViolationsInBothLanguages(page);
  await page.getByTestId('lang-toggle').click();
  await expect(row).toContainText('ألغى المركز هذا الموعد بعد أن سجّل الزائر حضوره هنا');
  await expect(panel.status()).toHaveText('متصل');
  await page.getByTestId('lang-toggle').click();

  await panel.resolve(number);
  await expect(page.getByTestId('counter-notice')).toHaveText(`The conflict of ticket ${number} is marked handled.`);
  await expect(row).toHaveCount(0);
  await expect(panel.noConflicts()).toBeVisible();
  await context.close();
});
