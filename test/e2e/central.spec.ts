/**
 * The centre's national picture in Chromium against a real hub process (PGlite): sign-in (a wrong password
 * refused in the page's language), every branch shown, a branch's sync pushed onto its card without a reload,
 * and no axe violations in Arabic or English.
 */
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect } from '@playwright/test';
import { SYNC_SCHEMA_VERSION, localDay } from '@dawr/core';
import { DEMO_HUB_STAFF, demoSyncToken } from '@dawr/hub';
import { startHub, type Hub } from './hub-fixtures';

/** The hub alone, no branch: the test plays the branch over the sync API. */
const test = base.extend<{ hub: Hub }>({
  hub: async ({}, use) => {
    const hub = await startHub({});
    await use(hub);
    await hub.stop();
  },
});

const central = DEMO_HUB_STAFF.find((s) => s.role === 'central')!;

test('a central manager signs in and sees a branch’s sync arrive live, in Arabic and English', async ({ page, hub }, info) => {
  await page.goto(`${hub.url}/central/`);
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await page.getByTestId('central-username').fill(central.username);
  await page.getByTestId('central-password').fill('wrong');
  await page.getByRole('button', { name: 'تسجيل الدخول' }).click();
  await expect(page.getByRole('alert')).toContainText('اسم المستخدم أو كلمة المرور غير صحيحة');

  await page.getByTestId('central-password').fill(central.password);
  await page.getByRole('button', { name: 'تسجيل الدخول' }).click();
  for (const id of ['salman-port', 'seef-mall', 'isa-town', 'muharraq']) await expect(page.getByTestId(`branch-${id}`)).toBeVisible();
  const muharraq = page.getByTestId('branch-muharraq');
  await expect(muharraq.getByTestId('waiting')).toHaveText('0');
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);

  // Muharraq's branch server syncs two waiting tickets: the card changes by itself.
  const now = Date.now();
  const day = localDay(now, 'Asia/Bahrain');
  const events = [1, 2].map((seq) => ({
    seq, type: 'ticket.issued', typeVersion: 1, entityId: `t${seq}`, createdAt: now,
    payload: { ticket: { id: `t${seq}`, day, serviceId: 'muharraq.birth-certificate', number: `E-00${seq}`, state: 'waiting', arrivedAt: now, counterId: null } },
  }));
  const res = await fetch(`${hub.url}/sync/v1/up`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${demoSyncToken('muharraq')}` },
    body: JSON.stringify({ schema: SYNC_SCHEMA_VERSION, branchId: 'muharraq', epoch: 'e2e', epochStartSeq: 0, sentAt: now, events }),
  });
  expect(res.status).toBe(200);
  await expect(muharraq.getByTestId('waiting')).toHaveText('2');
  await expect(muharraq.getByTestId('today')).toHaveText('2');

  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { name: 'Muharraq' })).toBeVisible();
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.screenshot({ path: info.outputPath('central-1920.png'), fullPage: true });
});
