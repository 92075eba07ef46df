/**
 * The centre's admin page in Chromium against a real hub and a real branch server syncing with it: central staff
 * are refused, an admin changes Seef Mall's opening hours, public holidays and service settings (wrong input and a
 * stale edit refused in the page's language), and the branch serves with the new hours and without the service
 * it no longer offers. No axe violations in Arabic or English.
 */
import AxeBuilder from '@axe-core/playwright';
import { DEMO_HUB_STAFF } from '@dawr/hub';
import { branchSnapshot, expect, hubSession, test } from './hub-fixtures';
import { CentralPage } from './pages/central-admin-page';

// Three real processes per test (hub, branch server, kiosk) on a shared two-core machine: more room than the default.
test.describe.configure({ timeout: 120_000 });

const central = DEMO_HUB_STAFF.find((s) => s.role === 'central')!;
const admin = DEMO_HUB_STAFF.find((s) => s.role === 'admin')!;

test('an admin edits a branch’s catalogue in Arabic and English, and the branch receives it', async ({ page, hub, branch }, info) => {
  const hubPage = new CentralPage(page, hub.url);
  await hubPage.open('ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await hubPage.signIn(central.username, central.password);
  await expect(page.getByTestId('admin-forbidden')).toContainText('مقصور على مسؤولي المركز');
  await page.getByRole('button', { name: 'تسجيل الخروج' }).click();

  await hubPage.signIn(admin.username, admin.password);
  await hubPage.chooseBranch('seef-mall');
  await expect(page.getByTestId('hours-closes')).toHaveValue('14:00');

  // Hours: closing before opening is refused in Arabic; then 07:30–13:30 is saved.
  await hubPage.setHours('10:00', '09:00');
  await expect(hubPage.feedback('hours').getByRole('alert')).toContainText('يجب أن يكون وقت الإغلاق بعد وقت الفتح');
  await hubPage.setHours('07:30', '13:30');
  await expect(hubPage.feedback('hours').getByRole('status')).toContainText('تم الحفظ');

  // Holidays: two added, one twice (refused), one removed.
  await hubPage.addHoliday('2026-12-16');
  await expect(page.getByTestId('holiday-2026-12-16')).toBeVisible();
  await hubPage.addHoliday('2026-12-17');
  await expect(page.getByTestId('holiday-2026-12-17')).toBeVisible();
  await hubPage.addHoliday('2026-12-17');
  await expect(hubPage.feedback('holidays').getByRole('alert')).toContainText('هذا التاريخ عطلة بالفعل');
  await hubPage.removeHoliday('2026-12-17');
  await expect(page.getByTestId('holiday-2026-12-17')).toHaveCount(0);

  // Services: replacements no longer offered here; collections take about 3 minutes; nobody-can-come refused.
  const replacement = hubPage.service('replacement');
  await replacement.getByTestId('offered').uncheck();
  await replacement.getByTestId('save').click();
  await expect(hubPage.feedback('services').getByRole('status')).toContainText('تم الحفظ');
  const collection = hubPage.service('collection');
  await collection.getByTestId('typical').fill('3');
  await collection.getByTestId('walk-ins').uncheck();
  await collection.getByTestId('appointments').uncheck();
  await collection.getByTestId('save').click();
  await expect(hubPage.feedback('services').getByRole('alert')).toContainText('يجب أن تقبل الخدمة المقدَّمة');
  await collection.getByTestId('walk-ins').check();
  await collection.getByTestId('save').click();
  await expect(hubPage.feedback('services').getByRole('status')).toContainText('تم الحفظ');
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
  await page.screenshot({ path: info.outputPath('central-admin-ar.png'), fullPage: true });

  // The branch syncs the catalogue down: its hours are the new ones and it no longer offers replacements.
  await expect
    .poll(async () => {
      const s = await branchSnapshot(branch.serverUrl);
      return { hours: `${s.branch.opensAt}–${s.branch.closesAt}`, replacement: s.services.some((x) => x.id === 'seef-mall.replacement') };
    })
    .toEqual({ hours: '07:30–13:30', replacement: false });

  // Another admin changes the branch meanwhile: this page's next save is refused, not overwritten, and it reloads.
  const other = await hubSession(hub.url, admin.username, admin.password);
  const put = await fetch(`${hub.url}/api/v1/catalogue/seef-mall/hours`, {
    method: 'PUT',
    headers: { cookie: other.cookie, 'x-csrf-token': other.csrf, 'content-type': 'application/json' },
    body: JSON.stringify({ opensAt: '08:00', closesAt: '13:00' }),
  });
  expect(put.status).toBe(200);
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  await expect(hubPage.feedback('services').getByRole('status')).toContainText('Card collection: Saved');
  await hubPage.addHoliday('2026-12-18');
  await expect(hubPage.feedback('holidays').getByRole('alert')).toContainText('Someone else changed this branch meanwhile');
  await expect(page.getByTestId('hours-closes')).toHaveValue('13:00');
  await hubPage.addHoliday('2026-12-18');
  await expect(page.getByTestId('holiday-2026-12-18')).toBeVisible();
  await expect(page.getByTestId('holiday-2026-12-16')).toContainText('Wednesday, 16 December 2026');
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
  await expect.poll(async () => (await branchSnapshot(branch.serverUrl)).branch.closesAt).toBe('13:00');
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.screenshot({ path: info.outputPath('central-admin-en.png'), fullPage: true });
});
