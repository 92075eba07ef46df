import { CounterPage, deviceSocket } from './pages/counter-page';
import { expect, test } from './fixtures';

// This test plays the kiosk itself: the real kiosk process must add no alert of its own, so its tickets' QR
// link is a LAN address here (on 127.0.0.1 it would warn staff; see kiosk-public-url.spec.ts).
test.use({ kioskEnv: { DAWR_PUBLIC_URL: 'http://192.0.2.10:3000' } });

test('kiosk alerts reach the staff screens, in both languages, and clear when the kiosk says so', async ({ browser, branch }) => {
  const context = await browser.newContext();
  const clerk = new CounterPage(await context.newPage(), branch.serverUrl);
  await clerk.signIn('clerk', 'dawr-clerk', 'en');
  const page = clerk.page;
  const kiosk = await deviceSocket(branch.serverUrl, 'demo-kiosk-token');

  expect(await kiosk.emitWithAck('kiosk:alert:v1', { kind: 'printer', level: 'error', code: 'paper_out' })).toEqual({ ok: true });
  const printer = page.getByTestId('alert-printer');
  await expect(printer).toContainText('Printer: out of paper');
  await expect(printer).toContainText('Error');
  await expect(printer.getByRole('img', { name: 'Printer' })).toBeVisible();

  await kiosk.emitWithAck('kiosk:alert:v1', { kind: 'card_reader', level: 'warning', code: 'pcsc_down' });
  await expect(page.getByTestId('alert-card_reader')).toContainText('Card reader: card reader service is down');
  await page.getByTestId('lang-toggle').click();
  await expect(printer).toContainText('نفد الورق');

  await kiosk.emitWithAck('kiosk:alert:v1', { kind: 'printer', level: 'ok', code: 'ready' });
  await expect(printer).toHaveCount(0);
  await kiosk.emitWithAck('kiosk:alert:v1', { kind: 'card_reader', level: 'ok', code: 'ready' });
  await expect(page.getByTestId('alerts-banner')).toHaveCount(0);
  kiosk.close();
  await context.close();
});
