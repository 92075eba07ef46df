import { CounterPage } from './pages/counter-page';
import { expect, test } from './fixtures';

test('staff sign-in: a wrong password is refused in the chosen language, the right one opens the counters', async ({ browser, branch }) => {
  const context = await browser.newContext();
  const counter = new CounterPage(await context.newPage(), branch.serverUrl);
  const { page } = counter;

  await counter.openStaff('ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await counter.login('clerk', 'wrong-password');
  await expect(page.getByTestId('login-error')).toHaveText('اسم المستخدم أو كلمة المرور غير صحيحة.');
  await expect(page.getByTestId('login-error').getByRole('img')).toBeVisible();

  await page.getByTestId('lang-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await counter.login('clerk', 'wrong-again');
  await expect(page.getByTestId('login-error')).toHaveText('Wrong username or password.');

  await counter.login('clerk', 'dawr-clerk');
  await expect(page.getByTestId('signed-in')).toContainText('Signed in');
  await expect(page.getByTestId('counter-choice-1')).toBeVisible();
  await expect(page.getByTestId('tab-manager')).toHaveCount(0); // clerks have no branch overview

  // A reload (or a second tab) keeps the session: no second sign-in.
  await page.reload();
  await expect(page.getByTestId('signed-in')).toBeVisible();

  await page.getByTestId('logout').click();
  await expect(page.getByTestId('login-submit')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('login-submit')).toBeVisible(); // the server ended the session too
  await context.close();
});

test('too many failed sign-ins are rate limited, with the message on the form', async ({ page, branch }) => {
  // Five failures for one made-up username (the limit counts per address and username, so other tests are unaffected).
  for (let i = 0; i < 5; i++) {
    const r = await page.request.post(`${branch.serverUrl}/api/v1/login`, { data: { username: 'nobody', password: 'x' } });
    expect(r.status()).toBe(401);
  }
  const counter = new CounterPage(page, branch.serverUrl);
  await counter.openStaff('en');
  await counter.login('nobody', 'x');
  await expect(page.getByTestId('login-error')).toHaveText('Too many requests. Please wait a moment.');
});
