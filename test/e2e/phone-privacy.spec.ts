/** The phone page shows no personal data and passes axe in both languages on a small phone. */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { PhonePage } from './pages/phone-page';
import { expect, test } from './phone-fixtures';

test.use({ viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true });

const VISITOR = { nameEn: 'Ali Hasan', nameAr: 'علي حسن', cpr: '900101234' };

async function expectNoViolations(page: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** Every touch target is at least 44×44 CSS px. */
async function expectBigTargets(page: Page): Promise<void> {
  for (const target of await page.locator('button, a').all()) {
    const box = await target.boundingBox();
    expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);
    expect(box?.width ?? 0).toBeGreaterThanOrEqual(44);
  }
}

test('no name or CPR reaches the page, nor its connection', async ({ page, branch, queue }) => {
  // socket.io starts with HTTP long-polling and then upgrades to a WebSocket: watch both.
  const received: string[] = [];
  page.on('websocket', (ws) => ws.on('framereceived', (f) => received.push(String(f.payload))));
  page.on('response', async (r) => {
    if (r.url().includes('/socket.io/')) received.push(await r.text().catch(() => ''));
  });
  const ticket = await queue.issue(VISITOR);
  const phone = new PhonePage(page, branch.serverUrl);
  await phone.open(ticket.trackToken);
  await expect(phone.number()).toHaveText(ticket.number);
  for (const lang of ['ar', 'en']) {
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    const shown = `${await page.title()}\n${await page.locator('body').innerText()}`;
    for (const word of ['Ali', 'Hasan', 'علي', 'حسن', '900101234', '1234']) expect(shown, `${lang}: ${word}`).not.toContain(word);
    if (lang === 'ar') await phone.langSwitch().selectOption('en');
  }
  await expect.poll(() => received.some((f) => f.includes('ticket:status:v1'))).toBe(true);
  // Random ids could hold a short word by chance: look for the long ones only.
  for (const word of ['Ali Hasan', 'علي حسن', '900101234']) expect(received.join('\n')).not.toContain(word);
});

test('axe finds no violations in Arabic and English, waiting and called; targets are big enough', async ({ page, branch, queue }) => {
  const ticket = await queue.issue();
  const phone = new PhonePage(page, branch.serverUrl);
  await phone.open(ticket.trackToken);
  await expect(phone.number()).toHaveText(ticket.number);
  await expect(phone.number()).toHaveJSProperty('tagName', 'BDI');
  await expectNoViolations(page);
  await expectBigTargets(page);

  await phone.langSwitch().selectOption('en');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expectNoViolations(page);

  await queue.call(ticket.id);
  await expect(phone.goToCounter()).toContainText('Please go to counter');
  await page.evaluate(() => document.getAnimations().forEach((a) => a.finish())); // settle the pulse before colours are read
  await expectNoViolations(page);
  expect(await phone.scrollsSideways()).toBe(false);
});

test('the unknown-ticket message passes axe', async ({ page, branch, queue }) => {
  const phone = new PhonePage(page, branch.serverUrl);
  await phone.open('no-such-ticket');
  await expect(phone.unknownTicket()).toBeVisible();
  await expectNoViolations(page);
  await expectBigTargets(page);
});
