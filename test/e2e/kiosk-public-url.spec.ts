/**
 * Defect 17: a kiosk whose tickets' QR link (DAWR_PUBLIC_URL, else the branch URL) names its own machine
 * warns staff, since no visitor's phone can open it; with an address phones reach it does not.
 */
import { CounterPage } from './pages/counter-page';
import { Staff } from './pages/kiosk-page';
import { expect, test } from './fixtures';

/** The kiosk's own view of its alerts (GET /health). */
async function kioskAlerts(kioskUrl: string): Promise<Record<string, { level: string; code: string }>> {
  const r = await fetch(`${kioskUrl}/health`);
  return ((await r.json()) as { alerts: Record<string, { level: string; code: string }> }).alerts;
}

test('on 127.0.0.1 the kiosk warns staff that its ticket QR link is loopback, in both languages', async ({ browser, branch }) => {
  // The test branch runs without DAWR_PUBLIC_URL: the QR link is the branch server's 127.0.0.1 address.
  const staff = await Staff.connect(branch.serverUrl);
  await expect.poll(() => staff.alertsOf('ticket_qr')).toEqual(['ticket_qr:warning:loopback']);
  expect((await kioskAlerts(branch.kioskUrl)).ticket_qr).toEqual({ level: 'warning', code: 'loopback' });
  staff.close();

  const context = await browser.newContext();
  const clerk = new CounterPage(await context.newPage(), branch.serverUrl);
  await clerk.signIn('clerk', 'dawr-clerk', 'en');
  const alert = clerk.page.getByTestId('alert-ticket_qr');
  await expect(alert).toContainText("Ticket QR code: its link points to the kiosk's own machine");
  await expect(alert).toContainText('DAWR_PUBLIC_URL');
  await expect(alert.getByRole('img', { name: 'Ticket QR code' })).toBeVisible();
  await clerk.page.getByTestId('lang-toggle').click();
  await expect(alert).toContainText('رمز QR على التذكرة');
  await context.close();
});

test.describe('with a public URL phones can reach', () => {
  test.use({ kioskEnv: { DAWR_PUBLIC_URL: 'http://192.0.2.10:3000' } });

  test('the kiosk finds its QR link fine and staff see no warning about it', async ({ branch }) => {
    expect((await kioskAlerts(branch.kioskUrl)).ticket_qr).toEqual({ level: 'ok', code: 'public' });
    const staff = await Staff.connect(branch.serverUrl);
    // The kiosk judged its link once at start-up (above) and only ever reports it fine: the alert list
    // the server sent on connection has nothing about it.
    expect(staff.alertsOf('ticket_qr')).toEqual([]);
    staff.close();
  });
});
