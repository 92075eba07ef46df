/**
 * The idle guard. With the real timings (60 s, then a 30 s countdown) on the page's fake clock: the warning,
 * its countdown of at least 20 s, "more time" again and again, and touches not reaching what is underneath.
 * With shortened timings (DAWR_KIOSK_IDLE_MS / DAWR_KIOSK_WARN_MS) in real time: the reset clears the page,
 * the browser's storage and display modes, and the server's copy of the visit.
 */
import { expect, test } from './fixtures';
import { KioskPage } from './pages/kiosk-page';

test('after 60 s idle: a warning with a ≥ 20 s countdown, "more time" 11 times, nothing underneath reachable', async ({ page, branch }) => {
  await page.clock.install();
  const kiosk = new KioskPage(page, branch.kioskUrl);
  await kiosk.open('en');
  await kiosk.typeCpr('870203045');
  await expect(page).toHaveURL(/\/services/);
  const warning = page.getByTestId('idle-warning');
  const startOver = page.getByTestId('start-over');
  const box = (await startOver.boundingBox())!;

  await page.clock.fastForward(59_000);
  await expect(warning).toBeHidden();
  for (let i = 0; i < 11; i++) {
    await page.clock.fastForward(60_000);
    await expect(warning).toBeVisible();
    const seconds = Number(await page.getByTestId('idle-seconds').getAttribute('data-seconds'));
    expect(seconds).toBeGreaterThanOrEqual(20);
    if (i === 0) {
      // A touch on "start over" underneath the warning does nothing: the page behind the dialog is inert.
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      await expect(warning).toBeVisible();
      await expect(page).toHaveURL(/\/services/);
    }
    await page.getByTestId('more-time').click();
    await expect(warning).toBeHidden();
  }
  await expect(page).toHaveURL(/\/services/);
  expect(await (await page.request.get(`${branch.kioskUrl}/health`)).json()).toMatchObject({ visit: { identified: true } });
});

test.describe('with shortened timings', () => {
  test.use({ kioskEnv: { DAWR_KIOSK_IDLE_MS: '1500', DAWR_KIOSK_WARN_MS: '1500' } });

  test('the reset clears inputs, card data, storage and the server-side visit', async ({ page, branch }) => {
    const kiosk = new KioskPage(page, branch.kioskUrl);
    await kiosk.open('en');
    await page.getByTestId('large-text').click();
    await expect(page.locator('html')).toHaveClass(/large/);
    // CPR 850101004 has an appointment: the visit screen shows the masked CPR.
    await kiosk.typeCpr('850101004');
    await expect(page.getByTestId('person-cpr')).toHaveText('•••••1004');

    await expect(page.getByTestId('idle-warning')).toBeVisible({ timeout: 5_000 });
    await expect(page).toHaveURL(new RegExp(`^${branch.kioskUrl}/$`), { timeout: 5_000 });
    await expect(page.getByTestId('scan-input')).toHaveValue('');
    await expect(page.locator('html')).toHaveAttribute('lang', 'ar'); // the next visitor starts in Arabic
    await expect(page.locator('html')).not.toHaveClass(/large/);
    expect(await page.evaluate(() => sessionStorage.length + localStorage.length)).toBe(0);
    const html = await page.content();
    expect(html).not.toContain('1004');
    expect(html).not.toContain('850101004');

    // The server kept nothing: no visit, and the visit screen sends anyone back to the start.
    expect(await (await page.request.get(`${branch.kioskUrl}/health`)).json()).toMatchObject({ visit: null });
    await page.goto(`${branch.kioskUrl}/visit`);
    await expect(page).toHaveURL(new RegExp(`^${branch.kioskUrl}/$`));
  });
});
