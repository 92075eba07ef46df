import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { CounterPage, drainCounter, issueTickets } from './pages/counter-page';
import { expect, test } from './fixtures';

/** Axe's WCAG A/AA rules; a failure lists each rule with the elements it found. */
async function violations(page: Page): Promise<string[]> {
  const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
  return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Checks the page in English, then switches to Arabic and checks again (axe skips contrast on Arabic text). */
async function bothLanguages(page: Page): Promise<void> {
  expect(await violations(page)).toEqual([]);
  await page.getByTestId('lang-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  expect(await violations(page)).toEqual([]);
  await page.getByTestId('lang-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
}

test('the sign-in, clerk and manager screens have no axe violations in English or Arabic', async ({ browser, branch }) => {
  await drainCounter(branch.serverUrl, 1);
  await issueTickets(branch.serverUrl, 2);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const counter = new CounterPage(await context.newPage(), branch.serverUrl);
  const { page } = counter;

  await counter.openStaff('en');
  await expect(page.getByTestId('login-submit')).toBeVisible();
  await bothLanguages(page);
  await counter.login('manager', 'wrong');
  await expect(page.getByTestId('login-error')).toBeVisible();
  await bothLanguages(page);

  await counter.login('manager', 'dawr-manager');
  await expect(page.getByTestId('counter-choice-1')).toBeVisible();
  await bothLanguages(page);
  await counter.chooseCounter(1);
  await counter.callNext();
  await expect(page.getByTestId('visitor-cpr')).toBeVisible();
  await bothLanguages(page);
  await counter.act('start');
  // The dialogs, in each language (a modal dialog makes the language switch behind it inert).
  for (const dir of ['ltr', 'rtl']) {
    await expect(page.locator('html')).toHaveAttribute('dir', dir);
    for (const dialog of ['finish', 'transfer'] as const) {
      await counter.act(dialog);
      await expect(page.getByTestId(`${dialog}-dialog`)).toBeVisible();
      expect(await violations(page)).toEqual([]);
      await page.keyboard.press('Escape');
      await expect(page.getByTestId(`${dialog}-dialog`)).toBeHidden();
    }
    await page.getByTestId('lang-toggle').click();
  }

  await counter.openManager();
  await page.getByTestId('manager-profile-2').click();
  await expect(page.getByTestId('profile-editor')).toBeVisible();
  await bothLanguages(page);
  await context.close();
});
