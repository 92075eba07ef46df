import { axeViolations, noViolationsInBothLanguages } from './axe';
import { CounterPage, drainCounter, issueTickets } from './pages/counter-page';
import { expect, test } from './fixtures';

test('the sign-in, clerk and manager screens have no axe violations in English or Arabic', async ({ browser, branch }) => {
  await drainCounter(branch.serverUrl, 1);
  await issueTickets(branch.serverUrl, 2);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const counter = new CounterPage(await context.newPage(), branch.serverUrl);
  const { page } = counter;

  await counter.openStaff('en');
  await expect(page.getByTestId('login-submit')).toBeVisible();
  await noViolationsInBothLanguages(page);
  await counter.login('manager', 'wrong');
  await expect(page.getByTestId('login-error')).toBeVisible();
  await noViolationsInBothLanguages(page);

  await counter.login('manager', 'dawr-manager');
  await expect(page.getByTestId('counter-choice-1')).toBeVisible();
  await noViolationsInBothLanguages(page);
  await counter.chooseCounter(1);
  await counter.callNext();
  await expect(page.getByTestId('visitor-cpr')).toBeVisible();
  await noViolationsInBothLanguages(page);
  await counter.act('start');
  // The dialogs, in each language (a modal dialog makes the language switch behind it inert).
  for (const dir of ['ltr', 'rtl']) {
    await expect(page.locator('html')).toHaveAttribute('dir', dir);
    for (const dialog of ['finish', 'transfer'] as const) {
      await counter.act(dialog);
      await expect(page.getByTestId(`${dialog}-dialog`)).toBeVisible();
      expect(await axeViolations(page)).toEqual([]);
      await page.keyboard.press('Escape');
      await expect(page.getByTestId(`${dialog}-dialog`)).toBeHidden();
    }
    await page.getByTestId('lang-toggle').click();
  }

  await counter.openManager();
  await page.getByTestId('manager-profile-2').click();
  await expect(page.getByTestId('profile-editor')).toBeVisible();
  await noViolationsInBothLanguages(page);
  await context.close();
});
