/**
 * Online booking end to end in Chromium with real processes (hub, branch server + kiosk syncing through a link the
 * test can cut): a citizen books on the portal on a 360 px phone; the appointment reaches the branch; the kiosk
 * checks the visitor in with the booking QR's signed token; a clerk serves them; the portal's look-up shows
 * "served". Then with the branch's WAN cut before the booking syncs: the signed QR is honoured at the kiosk once (a
 * second scan is refused), and the check-in reaches the centre when the link comes back.
 */
import { branchAppointments, branchSync, expect, PORTAL_BRANCH, test } from './portal-fixtures';
import { CounterPage } from './pages/counter-page';
import { KioskPage } from './pages/kiosk-page';
import { PortalPage, type Citizen } from './pages/portal-page';

const PHONE = { width: 360, height: 740 };
const citizen = (cpr: string): Citizen => ({ cpr, name: 'Maryam Hasan', mobile: '3600 1122', email: 'maryam@example.bh', birthDate: '1988-04-12' });

test('book online, check in at the kiosk with the QR, be served, and see it served on the portal', async ({ browser, hub, branch }) => {
  const phone = await browser.newContext({ viewport: PHONE });
  const portal = new PortalPage(await phone.newPage(), hub.url);
  await portal.open('en');
  const cpr = '900606001';
  // New smart card at Seef Mall, 09:15 on the branch's day (the portal's and the branch's clocks start at 09:00).
  const { reference, token } = await portal.book({ service: 'new-card', branch: PORTAL_BRANCH, time: '09:15', citizen: citizen(cpr) });
  expect(reference).toMatch(/^[0-9A-Z]{3}-[0-9A-Z]{3}-[0-9A-Z]{3}$/);
  await expect(portal.page.getByTestId('done-message')).toContainText('Seef Mall');
  await expect(portal.page.getByTestId('booking')).toHaveAttribute('data-status', 'booked');
  const download = portal.page.waitForEvent('download');
  await portal.page.getByTestId('ics').click();
  expect((await download).suggestedFilename()).toBe(`dawr-${reference.replace(/-/g, '')}.ics`);

  // It reaches the branch through sync.
  await expect.poll(() => branchAppointments(branch.serverUrl, cpr)).toEqual([expect.objectContaining({ window: 'on_time', status: 'booked' })]);

  // The visitor holds the QR to the kiosk's scanner (it types the token) and checks in.
  const desk = await browser.newContext({ viewport: { width: 1080, height: 1920 } });
  const kiosk = new KioskPage(await desk.newPage(), branch.kioskUrl);
  await kiosk.open('en');
  await kiosk.scan([token]);
  await expect(kiosk.page).toHaveURL(/\/visit/);
  await expect(kiosk.page.getByTestId('appointment')).toHaveAttribute('data-window', 'on_time');
  await kiosk.page.getByTestId('check-in').click();
  const number = await kiosk.ticketNumber();
  expect(number).toMatch(/^A-\d{3}$/);

  // Called, started and served at counter 1.
  const clerk = new CounterPage(await desk.newPage(), branch.serverUrl);
  await clerk.sitAt('clerk', 'dawr-clerk', 1);
  expect(await clerk.callNext()).toBe(number);
  await clerk.act('start');
  await clerk.finish('served');

  // The visit goes up to the centre; the citizen's look-up shows it served, with the ticket's number.
  await expect.poll(() => portal.lookUp(reference, cpr), { timeout: 20_000 }).toBe('served');
  await expect(portal.page.getByTestId('status')).toContainText(`Served — Ticket ${number}`);
  await expect(portal.page.getByTestId('qr')).toHaveCount(0);
  await Promise.all([phone.close(), desk.close()]);
});

test('with the branch’s WAN cut before the booking syncs, the signed QR checks in once', async ({ browser, hub, branch, wan }) => {
  // The branch has the centre's catalogue (and with it the key that signs booking QRs); then its link goes down.
  await expect.poll(async () => (await branchSync(branch.serverUrl)).downCursor).toBeGreaterThanOrEqual(1);
  wan.setOffline(true);

  const phone = await browser.newContext({ viewport: PHONE });
  const portal = new PortalPage(await phone.newPage(), hub.url);
  await portal.open('ar');
  const cpr = '900606002';
  const { reference, token } = await portal.book({ service: 'new-card', branch: PORTAL_BRANCH, time: '09:15', citizen: citizen(cpr) });
  expect(await branchAppointments(branch.serverUrl, cpr)).toEqual([]); // it cannot have synced

  const desk = await browser.newContext({ viewport: { width: 1080, height: 1920 } });
  const kiosk = new KioskPage(await desk.newPage(), branch.kioskUrl);
  await kiosk.open('en');
  await kiosk.scan([token]);
  await expect(kiosk.page.getByTestId('appointment')).toHaveAttribute('data-window', 'on_time');
  await kiosk.page.getByTestId('check-in').click();
  expect(await kiosk.ticketNumber()).toMatch(/^A-\d{3}$/);

  // The same QR again: refused, clearly.
  await kiosk.open('en');
  await kiosk.scan([token]);
  const again = kiosk.page.getByTestId('appointment');
  await expect(again).toHaveAttribute('data-status', 'checked_in');
  await expect(again).toContainText('already');
  await expect(kiosk.page.getByTestId('check-in')).toHaveCount(0);

  // The link comes back: the booking arrives (the visit stands) and the check-in reaches the centre.
  wan.setOffline(false);
  await expect.poll(async () => (await branchSync(branch.serverUrl)).depth, { timeout: 20_000 }).toBe(0);
  await expect.poll(() => portal.lookUp(reference, cpr, 'ar'), { timeout: 20_000 }).toBe('checked_in');
  await expect(portal.page.getByTestId('status')).toContainText('تم تسجيل الحضور');
  // The booking that synced meanwhile did not undo the visit: the QR still finds it checked in.
  await kiosk.open('en');
  await kiosk.scan([token]);
  await expect(kiosk.page.getByTestId('appointment')).toHaveAttribute('data-status', 'checked_in');
  await Promise.all([phone.close(), desk.close()]);
});
