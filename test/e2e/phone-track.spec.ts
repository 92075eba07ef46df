/** The visitor's phone page follows its ticket live: place in the queue, the call, the end. */
import { KioskPage } from './pages/kiosk-page';
import { PhonePage } from './pages/phone-page';
import { expect, test } from './phone-fixtures';

test.use({ viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true });

test('shows the ticket and its place, follows the queue live and alerts on the call', async ({ page, branch, queue }) => {
  const other = await queue.issue();
  const mine = await queue.issue();
  const phone = new PhonePage(page, branch.serverUrl);
  await phone.open(mine.trackToken);

  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(phone.number()).toHaveText(mine.number);
  expect(mine.number).toMatch(/^A-\d{3}$/);
  await expect(phone.branchName()).toHaveText('فرع السيف مول');
  await expect(phone.ahead()).toHaveText('1');
  await expect(phone.status()).toContainText('عدد المنتظرين قبلك');
  await expect(phone.estimatedWait()).not.toBeEmpty();
  await expect(phone.hotline()).toContainText('80008001');
  expect(await phone.scrollsSideways()).toBe(false);

  // The visitor turns the sound on: the tap that lets the browser play the chime later.
  await phone.soundButton().click();
  await expect(phone.soundButton()).toHaveText(/إيقاف/);

  expect(await queue.callNext()).toBe(other.number);
  await expect(phone.ahead()).toHaveText('0');
  await expect(phone.status()).toContainText('أنت التالي');
  expect(await phone.alerts()).toEqual([]);

  expect(await queue.callNext()).toBe(mine.number);
  await expect(phone.goToCounter()).toHaveText(/يرجى التوجه إلى الكاونتر\s*3/);
  await expect(phone.goToCounter().locator('bdi')).toHaveText('3');
  await expect.poll(() => phone.alerts()).toEqual([expect.objectContaining({ counter: 3, sound: 'played' })]);
  await expect(page).toHaveTitle(/3/);

  await queue.start(mine.id);
  await expect(phone.status()).toHaveAttribute('data-state', 'serving');
  await expect(phone.status()).toContainText('تتم خدمتك الآن في الكاونتر');

  await queue.finish(mine.id);
  await expect(phone.status()).toHaveAttribute('data-state', 'done');
  await expect(phone.status()).toContainText('اكتملت زيارتك');
  await expect(phone.soundButton()).toHaveCount(0);
  expect(await phone.alerts()).toHaveLength(1); // serving and done do not alert again
});

test('a ticket opened after it was called still shows the counter, without a sound button press', async ({ page, branch, queue }) => {
  const mine = await queue.issue();
  await queue.call(mine.id);
  const phone = new PhonePage(page, branch.serverUrl);
  await phone.open(mine.trackToken);
  await expect(phone.goToCounter()).toContainText('3');
  // Sound was never turned on: the call is shown all the same, and the record says it was silent.
  await expect.poll(() => phone.alerts()).toEqual([expect.objectContaining({ counter: 3, sound: 'off' })]);
});

test('a dropped connection shows a reconnecting mark, then catches up with what happened meanwhile', async ({ page, branch, queue }) => {
  const mine = await queue.issue();
  const phone = new PhonePage(page, branch.serverUrl);
  await phone.open(mine.trackToken);
  await expect(phone.status()).toHaveAttribute('data-state', 'waiting');

  await page.context().setOffline(true); // Chromium closes the page's WebSocket
  await expect(phone.reconnecting()).toBeVisible();
  await expect(phone.number()).toHaveText(mine.number); // the last status stays on screen
  await queue.call(mine.id);

  await page.context().setOffline(false);
  await expect(phone.reconnecting()).toHaveCount(0);
  await expect(phone.goToCounter()).toContainText('3'); // the server re-sends the status on connect
});

test('the language switch changes lang and dir and is remembered', async ({ page, branch, queue }) => {
  const mine = await queue.issue();
  const phone = new PhonePage(page, branch.serverUrl);
  await phone.open(mine.trackToken);
  await expect(phone.number()).toHaveText(mine.number);
  await phone.langSwitch().selectOption('en');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  await expect(phone.branchName()).toHaveText('Seef Mall');
  await expect(phone.status()).toContainText('People ahead of you');
  await expect(phone.hotline()).toContainText('Hotline');

  await page.reload();
  await expect(phone.number()).toHaveText(mine.number);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await phone.langSwitch().selectOption('ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(phone.branchName()).toHaveText('فرع السيف مول');
});

test('an unknown or expired link says so in both languages', async ({ page, branch, queue }) => {
  const phone = new PhonePage(page, branch.serverUrl);
  await phone.open('AAAAAAAAAAAAAAAAAAAAAA');
  await expect(phone.unknownTicket()).toContainText('رابط التذكرة هذا غير صالح أو انتهت صلاحيته');
  await expect(phone.unknownTicket()).toContainText('This ticket link is not valid or has expired');
  await expect(phone.hotline()).toContainText('80008001');
  await expect(phone.number()).toHaveCount(0);

  await page.goto(`${branch.serverUrl}/t/`); // no token at all
  await expect(phone.unknownTicket()).toBeVisible();
});

test('the phone page opens in the language the ticket was taken in, whatever this phone chose before', async ({ browser, branch }) => {
  const kioskContext = await browser.newContext({ viewport: { width: 1080, height: 1920 } });
  const kiosk = new KioskPage(await kioskContext.newPage(), branch.kioskUrl);
  const phone = await browser.newContext({ viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true });
  const page = await phone.newPage();
  for (const lang of ['en', 'ar', 'en'] as const) {
    await kiosk.open(lang);
    await kiosk.takeTicket('collection');
    const qr = await kiosk.screenQr();
    expect(qr).toMatch(new RegExp(`^${branch.serverUrl}/t/[\\w-]+\\?lang=${lang}$`));
    await page.goto(qr!);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await expect(page.getByTestId('ticket-number')).toBeVisible();
    await kiosk.page.getByTestId('done').click();
  }
  await kioskContext.close();
  await phone.close();
});
