/**
 * Checklist item 18 taken at its word: on the kiosk's portrait 1080×1920 screen every screen fits without
 * scrolling, in Arabic and English with large text off and on, and in every other visitor language (issue
 * 12) with large text on, the harder case (the hotline footer included). Each screen's
 * document height is measured against the viewport; the failures list names the screen and its height.
 */
import type { Page } from '@playwright/test';
import { VISITOR_LANGS } from '@dawr/core';
import { expect, test } from './fixtures';
import { KioskPage, td1Mrz } from './pages/kiosk-page';

const PORTRAIT = { width: 1080, height: 1920 };

// A kiosk has a card reader: its way in is on the start screen (here without pcscd it says the reader is
// unavailable, which takes as much room as "insert your card").
test.use({ kioskEnv: { DAWR_CARD_READER: 'No Such Reader' } });

/** The document's height where it exceeds the viewport, else null. */
async function overflow(page: Page): Promise<number | null> {
  return page.evaluate(() => {
    const h = document.documentElement.scrollHeight;
    return h > window.innerHeight ? h : null;
  });
}

for (const lang of VISITOR_LANGS) {
  for (const large of lang === 'ar' || lang === 'en' ? [false, true] : [true]) {
    test(`every kiosk screen fits 1080×1920 without scrolling (${lang}, large text ${large ? 'on' : 'off'})`, async ({ page, branch }) => {
      test.setTimeout(90_000);
      await page.setViewportSize(PORTRAIT);
      const kiosk = new KioskPage(page, branch.kioskUrl);
      const tooTall: string[] = [];
      const measure = async (screen: string) => {
        const h = await overflow(page);
        if (h !== null) tooTall.push(`${screen}: ${h} px`);
      };
      /** The start screen of a new visit, in the test's language and text size. */
      const start = async () => {
        await kiosk.open(lang);
        if (large && !(await page.locator('html.large').count())) await page.getByTestId('large-text').click();
        await expect(page.locator('html')).toHaveClass(large ? /large/ : /^(?!.*large)/);
      };

      await start();
      await measure('start');
      await page.getByTestId('type-cpr').click();
      await expect(page.getByTestId('cpr-input')).toBeVisible();
      await measure('CPR keypad');
      await page.getByTestId('cpr-input').fill('870203045');
      await page.getByTestId('cpr-submit').click();
      await expect(page.getByTestId('no-appointment')).toBeVisible();
      await measure('services');
      await page.getByTestId('service-new-card').click();
      await expect(page.getByTestId('priority-none')).toBeVisible();
      await measure('priority');
      await page.getByTestId('priority-none').click();
      await expect(page.getByTestId('ticket-number')).toBeVisible();
      await measure('ticket');
      await page.getByTestId('done').click();

      await start();
      await page.getByTestId('no-id').click();
      await expect(page.getByTestId('no-id-note')).toBeVisible();
      await measure('services without an ID');
      await page.getByTestId('start-over').click();

      await start();
      await kiosk.scan(td1Mrz({ docNumber: 'A1234567', cpr: '850101001', birth: '850101', sex: 'F', expiry: '300101', surname: 'AL SAYED', given: 'FATIMA' }));
      await expect(page.getByTestId('appointment')).toBeVisible();
      await measure('appointment');
      await page.getByTestId('start-over').click();

      await start();
      await kiosk.scan(td1Mrz({ docNumber: 'B7654321', cpr: '790501234', birth: '790501', sex: 'F', expiry: '300501', surname: 'AL SAYED', given: 'MARYAM' }));
      await page.getByTestId('service-renewal').click();
      await expect(page.getByTestId('advice-valid')).toBeVisible();
      await measure('valid-card advice');

      expect(tooTall).toEqual([]);
    });
  }
}
