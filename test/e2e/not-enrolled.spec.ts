/**
 * A device the branch does not know (@dawr/ui's NotEnrolled and the link's refused state): the wall
 * display and the counter app say so in both languages, whatever the URL's language.
 */
import { CounterPage } from './pages/counter-page';
import { expect, test } from './fixtures';

const BOTH = { ar: 'هذه الشاشة غير مسجلة.', en: 'This display is not enrolled.' };

test('a display without a token, or with one the server refuses, says it is not enrolled in both languages', async ({ page, branch }) => {
  await page.goto(`${branch.serverUrl}/display/?lang=en`);
  const screen = page.getByTestId('not-enrolled');
  await expect(screen.locator('section[lang="en"] h1')).toHaveText(BOTH.en);
  await expect(screen.locator('section[lang="ar"][dir="rtl"] h1')).toHaveText(BOTH.ar);

  await page.goto(`${branch.serverUrl}/display/?token=no-such-token`);
  await expect(screen.locator('section[lang="en"] h1')).toHaveText(BOTH.en);
  await expect(page.getByTestId('recent-calls')).toHaveCount(0);
});

test('a counter PC with a refused token says so and lets staff sign in instead, forgetting the token', async ({ page, branch }) => {
  const counter = new CounterPage(page, branch.serverUrl);
  await counter.open('no-such-token', 'en');
  const screen = page.getByTestId('not-enrolled');
  await expect(screen.locator('section[lang="en"] h1')).toHaveText('This device is not enrolled.');
  await expect(screen.locator('section[lang="ar"] h1')).not.toBeEmpty();

  await page.getByTestId('staff-instead').click();
  await expect(page.getByTestId('login-submit')).toBeVisible();
  // The refused token was forgotten: without it in the URL the app asks for a sign-in, not for enrolment.
  await page.goto(`${branch.serverUrl}/counter/?lang=en`);
  await expect(page.getByTestId('login-submit')).toBeVisible();
  await expect(page.getByTestId('not-enrolled')).toHaveCount(0);
});
