/**
 * The visitor's phone page in the visitor languages (issue 12): opened from the ticket's QR it speaks the
 * language the ticket was taken in (Urdu right to left), axe finds nothing, nothing scrolls sideways on a
 * small phone, and its language switch offers every language, each named in itself, loaded on demand.
 */
import { CARD_SERVICES, VISITOR_LANGUAGES, loadLanguage, pick, t } from '@dawr/core';
import { axeViolations } from './axe';
import { expect, test } from './fixtures';
import { KioskPage } from './pages/kiosk-page';
import { PhonePage } from './pages/phone-page';

const collection = CARD_SERVICES.find((s) => s.code === 'collection')!;

test.beforeAll(async () => {
  for (const l of VISITOR_LANGUAGES) await loadLanguage(l.code);
});

test('the phone page opens in the ticket language, passes axe, and switches to any language', async ({ browser, branch }) => {
  test.setTimeout(90_000);
  const kioskContext = await browser.newContext({ viewport: { width: 1080, height: 1920 } });
  const kiosk = new KioskPage(await kioskContext.newPage(), branch.kioskUrl);
  const phoneContext = await browser.newContext({ viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true });
  const page = await phoneContext.newPage();
  const phone = new PhonePage(page, branch.serverUrl);

  for (const lang of ['ur', 'ml', 'tl'] as const) {
    await kiosk.open(lang);
    await kiosk.takeTicket('collection');
    const qr = await kiosk.screenQr();
    expect(qr).toMatch(new RegExp(`/t/[\\w-]+\\?lang=${lang}$`));
    await page.goto(qr!);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await expect(page.locator('html')).toHaveAttribute('dir', lang === 'ur' ? 'rtl' : 'ltr');
    await expect(phone.number()).toBeVisible();
    await expect(page.getByTestId('service')).toHaveText(pick(collection.name, lang));
    await expect(phone.status()).toContainText(t(lang, 'phone.waiting'));
    await page.evaluate(() => document.fonts.ready);
    expect(await axeViolations(page, { prefix: `${lang} ` })).toEqual([]);
    expect(await phone.scrollsSideways()).toBe(false);
    await kiosk.page.getByTestId('done').click();
  }

  // The switch lists every language in itself; choosing one loads it and is remembered on this phone.
  const options = phone.langSwitch().locator('option');
  await expect(options).toHaveText(VISITOR_LANGUAGES.map((l) => l.name));
  await phone.langSwitch().selectOption('hi');
  await expect(page.locator('html')).toHaveAttribute('lang', 'hi');
  await expect(phone.status()).toContainText(t('hi', 'phone.waiting'));
  // The same ticket's page without the QR's ?lang: this phone's own choice.
  await page.goto(page.url().replace(/\?lang=\w+$/, ''));
  await expect(page.locator('html')).toHaveAttribute('lang', 'hi');
  await expect(phone.status()).toContainText(t('hi', 'phone.waiting'));

  await kioskContext.close();
  await phoneContext.close();
});
