/**
 * The citizen changes their mind, in Chromium: applies for pickup at Isa Town, whose kiosk then says the card is
 * being made; chooses Seef Mall instead on the renewal page (Arabic), and Isa Town's kiosk stops saying so; cancels
 * (English, asked first) and applies again; a cancel that comes after production started meanwhile is refused in
 * the page's language with the hotline, and the page shows the application as it now is. Axe finds nothing, and
 * the open change form and the cancel question fit a 360 px phone.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { RENEWAL_MESSAGES, trenew } from '@dawr/core';
import { hubSession } from './hub-fixtures';
import { KioskPage } from './pages/kiosk-page';
import { RenewPage } from './pages/renew-page';
import { expect, test } from './renewal-fixtures';

const CPR = '790202002';
test.use({ branchId: 'isa-town' });

/** On a 360 px phone nothing scrolls sideways. */
async function fitsPhone(page: Page): Promise<void> {
  await page.setViewportSize({ width: 360, height: 740 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  await page.setViewportSize({ width: 1280, height: 720 });
}

test('change the pickup, cancel, apply again; a cancel too late is refused in the page language', async ({ page, browser, outside, hub, branch }) => {
  const renew = new RenewPage(page, hub.url, outside.issuer);
  await renew.open('ar');
  await renew.logIn(CPR);
  const first = await renew.applyAt('isa-town');

  // Isa Town hears of it: its kiosk says the card is being made for the CPR (each try a new visit and look-up).
  const kioskPage = await browser.newPage();
  const kiosk = new KioskPage(kioskPage, branch.kioskUrl);
  const kioskShowsPending = (count: 0 | 1) =>
    expect(async () => {
      await kiosk.open('en');
      await kiosk.typeCpr(CPR);
      await expect(kioskPage.getByTestId('service-collection')).toBeVisible();
      await expect(kioskPage.getByTestId('card-pending')).toHaveCount(count, { timeout: 1 });
    }).toPass();
  await kioskShowsPending(1);

  // The pickup moves to Seef Mall (Arabic page): said done, shown, and axe-clean with the form open.
  await page.getByTestId('renew-change').click();
  await expect(page.getByTestId('renew-change-form')).toBeVisible();
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
  await fitsPhone(page);
  await page.getByTestId('renew-change-branch').selectOption('seef-mall');
  await page.getByTestId('renew-change-save').click();
  await expect(page.getByTestId('renew-changed')).toHaveText(trenew('ar', 'renew.changed'));
  await expect(page.getByTestId('renew-pickup')).toContainText('السيف');
  // Isa Town is told it no longer comes there.
  await kioskShowsPending(0);

  // Cancelled (English page), after being asked; the form to apply again is back.
  await renew.open('en');
  await expect(page.getByTestId('renew-pickup')).toContainText('Seef');
  await page.getByTestId('renew-cancel').click();
  await expect(page.getByTestId('renew-cancel-ask')).toContainText(`${first.reference.slice(0, 3)}-`);
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
  await fitsPhone(page);
  await page.getByTestId('renew-cancel-yes').click();
  await expect(page.getByTestId('renew-status')).toHaveText('Cancelled');
  await expect(page.getByTestId('renew-cancelled')).toBeVisible();
  await expect(page.getByTestId('renew-changes')).toHaveCount(0);
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
  const second = await renew.applyAt('seef-mall');
  expect(second.id).not.toBe(first.id);
  await expect(page.getByTestId('renew-status')).toHaveText('Submitted');

  // Central staff start making it while the page still offers the cancel: the hub refuses, in English, and the
  // page now shows the card in production with no cancel offered.
  const staff = await hubSession(hub.url, 'central', 'dawr-central');
  const moved = await fetch(`${hub.url}/api/v1/applications/${second.id}/status`, {
    method: 'POST', headers: { cookie: staff.cookie, 'x-csrf-token': staff.csrf, 'content-type': 'application/json' }, body: JSON.stringify({ to: 'in_production' }),
  });
  expect(moved.status).toBe(200);
  await page.getByTestId('renew-cancel').click();
  await page.getByTestId('renew-cancel-yes').click();
  await expect(page.getByTestId('renew-change-notice')).toHaveText(RENEWAL_MESSAGES.TOO_LATE_TO_CANCEL.en);
  await expect(page.getByTestId('renew-status')).toHaveText('In production');
  await expect(page.getByTestId('renew-cancel')).toHaveCount(0);
  await expect(page.getByTestId('renew-change')).toBeVisible();
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
});
