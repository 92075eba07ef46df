/**
 * The booking portal on a 360 px phone, in Arabic and English: every page and step passes axe (WCAG 2.2 AA, best
 * practice) with no violations, fits the width without sideways scrolling, and shows the hotline and branch hours;
 * the whole booking can be made by keyboard; the seed's rules are explained before anything is sent (a valid card,
 * a child under four, the conditions for non-Bahrainis) and nothing typed is lost; and the times update by
 * themselves when the last place of the chosen one goes.
 */
import type { Page } from '@playwright/test';
import { axeViolations } from './axe';
import { expect, PORTAL_BRANCH, test } from './portal-fixtures';
import { OPEN_TIME } from './fixtures';
import { PortalPage, type Citizen } from './pages/portal-page';

const PHONE = { width: 360, height: 740 };
const person: Citizen = { cpr: '900707001', name: 'Ali Yusuf', mobile: '39001122', email: 'ali@example.bh', birthDate: '1979-09-30' };

/** axe's violations, the width overflow and whether the hotline and hours show: nothing, on a good page. */
async function problems(page: Page, where: string): Promise<string[]> {
  const out = await axeViolations(page, { prefix: `${where}: ` });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (overflow > 0) out.push(`${where}: ${overflow} px wider than the screen`);
  if (!(await page.getByTestId('hotline').textContent())?.includes('80008001')) out.push(`${where}: no hotline`);
  if (!(await page.getByTestId('hours').textContent())?.includes('08:00')) out.push(`${where}: no hours`);
  return out;
}

for (const lang of ['ar', 'en'] as const) {
  test(`every page and step passes axe, fits 360 px and shows the hotline and hours (${lang})`, async ({ browser, hub }) => {
    const context = await browser.newContext({ viewport: PHONE });
    const portal = new PortalPage(await context.newPage(), hub.url);
    const p = portal.page;
    const found: string[] = [];
    await portal.open(lang);
    await expect(p.locator('html')).toHaveAttribute('dir', lang === 'ar' ? 'rtl' : 'ltr');
    await expect(p.locator('html')).toHaveAttribute('lang', lang);
    found.push(...(await problems(p, 'start')));
    await p.getByTestId('start-book').click();
    await expect(p.getByTestId('service-new-card')).toBeVisible();
    found.push(...(await problems(p, 'service')));
    await p.getByTestId('service-new-card').click();
    // Errors shown, conditions for non-Bahrainis open.
    await p.getByTestId('nationality-other').check();
    await p.getByTestId('details-next').click();
    await expect(p.getByTestId('error-cpr')).toBeVisible();
    await expect(p.getByTestId('conditions')).toBeVisible();
    found.push(...(await problems(p, 'details with errors')));
    await portal.fillDetails({ ...person, nationality: 'other' });
    await expect(p.getByTestId('error-conditions')).toBeVisible();
    await p.getByTestId('conditions-accept').check();
    await p.getByTestId('details-next').click();
    await expect(p.getByTestId(`branch-${PORTAL_BRANCH}`)).toBeVisible();
    found.push(...(await problems(p, 'branch')));
    await p.getByTestId(`branch-${PORTAL_BRANCH}`).click();
    await expect(p.getByTestId('slot-09:30')).toBeVisible();
    found.push(...(await problems(p, 'slot')));
    await p.getByTestId('slot-09:30').click();
    await p.getByTestId('slot-next').click();
    found.push(...(await problems(p, 'confirm')));
    await p.getByTestId('confirm').click();
    await expect(p.getByTestId('qr')).toBeVisible();
    found.push(...(await problems(p, 'done')));
    const reference = (await p.getByTestId('reference').textContent())!;
    await portal.open(lang, '/manage');
    found.push(...(await problems(p, 'manage')));
    await portal.lookUp(reference, person.cpr, lang);
    found.push(...(await problems(p, 'manage: booking')));
    await p.getByTestId('reschedule').click();
    await expect(p.getByTestId('slot-10:00')).toBeVisible();
    found.push(...(await problems(p, 'manage: move')));
    await p.getByTestId('slot-10:00').click();
    await p.getByTestId('move').click();
    await expect(p.getByTestId('manage-done')).toBeVisible();
    await p.getByTestId('cancel').click();
    found.push(...(await problems(p, 'manage: cancel?')));
    await p.getByTestId('cancel-yes').click();
    await expect(p.getByTestId('booking')).toHaveAttribute('data-status', 'cancelled');
    expect(found).toEqual([]);
    await context.close();
  });
}

test('a whole booking by keyboard alone', async ({ browser, hub }) => {
  const context = await browser.newContext({ viewport: PHONE });
  const portal = new PortalPage(await context.newPage(), hub.url);
  const p = portal.page;
  await portal.open('en');
  /** Tabs until the element with this test id has the focus, then presses `key` on it. */
  const reach = async (testid: string, key = 'Enter') => {
    for (let i = 0; i < 60; i++) {
      if (await p.evaluate((id) => document.activeElement?.getAttribute('data-testid') === id, testid)) return p.keyboard.press(key);
      await p.keyboard.press('Tab');
    }
    throw new Error(`${testid} is not reachable by Tab`);
  };
  await reach('start-book');
  await reach('service-renewal');
  for (const [field, value] of Object.entries({ cpr: '900707002', name: 'Huda Ahmed', mobile: '36112233', email: 'huda@example.bh', birthDate: '1990-02-02', cardExpiry: '2027-01-15' })) {
    await reach(`field-${field}`, 'End');
    await p.keyboard.type(value);
  }
  await reach('nationality-BH', 'Space');
  await reach('details-next');
  await reach(`branch-${PORTAL_BRANCH}`);
  await reach('slot-09:20');
  await reach('slot-next');
  await reach('confirm');
  await expect(p.getByTestId('done-heading')).toBeFocused();
  await expect(p.getByTestId('booking')).toHaveAttribute('data-status', 'booked');
  await context.close();
});

test('the seed’s rules are explained before booking, and nothing typed is lost', async ({ browser, hub }) => {
  const context = await browser.newContext({ viewport: PHONE });
  const portal = new PortalPage(await context.newPage(), hub.url);
  const p = portal.page;
  await portal.open('en');
  await expect(p.getByTestId('rule-valid-card')).toContainText('still valid need not be replaced');
  await expect(p.getByTestId('rule-under-four')).toContainText('under four');
  await p.getByTestId('start-book').click();
  // Collections need no appointment: said so, not offered as a booking.
  await expect(p.getByTestId('service-collection')).toContainText('No appointment needed');
  await p.getByTestId('service-renewal').click();
  // A card valid for years: why no renewal is needed, when it can be booked, and the damaged-card way on.
  await portal.fillDetails({ ...person, cardExpiry: '2029-06-01' });
  await expect(p.getByTestId('rule')).toHaveAttribute('data-code', 'CARD_STILL_VALID');
  await expect(p.getByTestId('rule')).toContainText('2029-03-03');
  await expect(p.getByTestId('field-name')).toHaveValue(person.name);
  // A reload keeps what was typed.
  await p.reload();
  await expect(p.getByTestId('field-cpr')).toHaveValue(person.cpr);
  await expect(p.getByTestId('field-cardExpiry')).toHaveValue('2029-06-01');
  await p.getByTestId('details-next').click();
  await p.getByTestId('choose-replacement').click();
  await expect(p.getByTestId('field-cardExpiry')).toHaveCount(0);
  await expect(p.getByTestId('field-email')).toHaveValue(person.email);
  // A child under four: issued online.
  await p.getByTestId('field-birthDate').fill('2024-01-01');
  await p.getByTestId('details-next').click();
  await expect(p.getByTestId('rule')).toHaveAttribute('data-code', 'UNDER_FOUR');
  await context.close();
});

test('the chosen time turns full by itself when its last place goes, and can no longer be chosen', async ({ browser, hub }) => {
  const context = await browser.newContext({ viewport: PHONE });
  const portal = new PortalPage(await context.newPage(), hub.url);
  const p = portal.page;
  await portal.open('en');
  await p.getByTestId('start-book').click();
  await p.getByTestId('service-new-card').click();
  await portal.fillDetails(person);
  await p.getByTestId(`branch-${PORTAL_BRANCH}`).click();
  const slot = p.getByTestId('slot-10:30');
  await expect(slot).toHaveAttribute('data-free', '2');
  await slot.click();
  // Two others take both places of 10:30 meanwhile.
  const slotAt = Date.parse(OPEN_TIME.replace('09:00', '10:30'));
  for (const cpr of ['900808001', '900808002']) {
    const res = await fetch(`${hub.url}/api/portal/v1/bookings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ branchId: PORTAL_BRANCH, serviceId: `${PORTAL_BRANCH}.new-card`, slotAt, applicant: { ...person, cpr, nationality: 'BH' } }),
    });
    expect(res.status).toBe(200);
  }
  await expect(slot).toBeDisabled({ timeout: 15_000 });
  await expect(slot).toContainText('Full');
  await expect(p.getByTestId('slot-gone')).toBeVisible();
  await expect(p.getByTestId('slot-next')).toBeDisabled();
  await context.close();
});
