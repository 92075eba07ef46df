/**
 * A public holiday set at the centre closes the branch at its kiosk, in Chromium with real processes (hub on
 * PGlite, branch server + kiosk syncing with it): an admin adds the branch's today as a holiday through the hub's
 * API; the kiosk's start and services screens say in Arabic and English that the branch is closed today for the
 * holiday, with the hotline, and a walk-in is refused with that message.
 */
import { DEMO_HUB_STAFF } from '@dawr/hub';
import { ERROR_MESSAGES, HOTLINE, localDay } from '@dawr/core';
import { expect, hubSession, SYNCED_BRANCH, test } from './hub-fixtures';
import { OPEN_TIME } from './fixtures';
import { KioskPage, WALK_IN_CPR } from './pages/kiosk-page';

// Three real processes per test (hub, branch server, kiosk) on a shared two-core machine: more room than the default.
test.describe.configure({ timeout: 120_000 });

const admin = DEMO_HUB_STAFF.find((s) => s.role === 'admin')!;
/** The branch's today: its clock starts at 09:00 Bahrain on this day, inside opening hours. */
const BRANCH_DAY = localDay(Date.parse(OPEN_TIME), 'Asia/Bahrain');

/** The branch's holidays as the kiosk's device sees them (REST snapshot). */
async function branchHolidays(serverUrl: string): Promise<string[]> {
  const res = await fetch(`${serverUrl}/api/v1/snapshot`, { headers: { authorization: 'Bearer demo-kiosk-token' } });
  return ((await res.json()) as { snapshot: { holidays?: string[] } }).snapshot.holidays ?? [];
}

test('the kiosk says the branch is closed today for the public holiday set at the centre, with the hotline', async ({ page, hub, branch }) => {
  const session = await hubSession(hub.url, admin.username, admin.password);
  const put = await fetch(`${hub.url}/api/v1/catalogue/${SYNCED_BRANCH}/holidays`, {
    method: 'PUT',
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': 'application/json' },
    body: JSON.stringify({ holidays: [BRANCH_DAY] }),
  });
  expect(put.status).toBe(200);
  await expect.poll(() => branchHolidays(branch.serverUrl), { timeout: 30_000 }).toContain(BRANCH_DAY);

  const kiosk = new KioskPage(page, branch.kioskUrl);
  await kiosk.open('ar');
  const box = page.locator('[data-testid="error"][data-code="BRANCH_HOLIDAY"]');
  await expect(box).toContainText(ERROR_MESSAGES.BRANCH_HOLIDAY.ar);
  await expect(box.locator('.hotline')).toHaveText(HOTLINE);

  await kiosk.open('en');
  await expect(box).toContainText(ERROR_MESSAGES.BRANCH_HOLIDAY.en);
  await expect(box.locator('.hotline')).toHaveText(HOTLINE);

  // A visitor who goes on anyway: the services screen says so too, and the ticket is refused with the same words.
  await kiosk.typeCpr(WALK_IN_CPR);
  await expect(box).toContainText(ERROR_MESSAGES.BRANCH_HOLIDAY.en);
  await page.getByTestId('service-renewal').click();
  await page.getByTestId('priority-none').click();
  await expect(page.locator('[data-testid="error"][data-code="BRANCH_HOLIDAY"]')).toContainText(ERROR_MESSAGES.BRANCH_HOLIDAY.en);
});
