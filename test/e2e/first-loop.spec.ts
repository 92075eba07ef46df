import { CounterPage } from './pages/counter-page';
import { DisplayPage } from './pages/display-page';
import { KioskPage } from './pages/kiosk-page';
import { expect, test } from './fixtures';

test('a ticket taken at the kiosk, called at a counter, appears on the wall display', async ({ browser, branch }) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const display = new DisplayPage(await context.newPage(), branch.serverUrl);
  await display.open('demo-display-token');
  const kiosk = new KioskPage(await context.newPage(), branch.kioskUrl);
  await kiosk.open();
  await expect(kiosk.page.locator('html')).toHaveAttribute('dir', 'rtl');

  const number = await kiosk.takeTicket('renewal');
  expect(number).toMatch(/^B-\d{3}$/);

  const counter = new CounterPage(await context.newPage(), branch.serverUrl);
  await counter.open('demo-counter-token');
  await counter.chooseCounter(1);
  expect(await counter.callNext()).toContain(number);

  await expect(display.nowServingNumber()).toHaveText(number);
  await expect(display.nowServingCounter()).toContainText('1');
  await context.close();
});

test('the loop works in English too', async ({ browser, branch }) => {
  const context = await browser.newContext();
  const display = new DisplayPage(await context.newPage(), branch.serverUrl);
  await display.open('demo-display-token', 'en');
  await expect(display.page.locator('html')).toHaveAttribute('lang', 'en');
  const kiosk = new KioskPage(await context.newPage(), branch.kioskUrl);
  await kiosk.open('en');
  await expect(kiosk.page.locator('html')).toHaveAttribute('dir', 'ltr');
  await expect(kiosk.page.getByText('Choose a service')).toBeVisible();
  const number = await kiosk.takeTicket('collection');

  const counter = new CounterPage(await context.newPage(), branch.serverUrl);
  await counter.open('demo-counter-token', 'en');
  await counter.chooseCounter(2);
  expect(await counter.callNext()).toContain(number);
  await expect(display.nowServingNumber()).toHaveText(number);
  await context.close();
});

test('a display token cannot use the counter app', async ({ page, branch }) => {
  const counter = new CounterPage(page, branch.serverUrl);
  await counter.open('demo-display-token');
  await counter.chooseCounter(1);
  await counter.page.getByTestId('call-next').click();
  await expect(counter.page.getByTestId('counter-error')).toBeVisible();
});
