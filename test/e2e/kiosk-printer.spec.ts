/**
 * Printer trouble at the kiosk, on the TCP test printer: the ticket is issued exactly once and shown with its
 * QR code, the visitor is told what to do, and staff see the alert (and see it go once the printer is fine).
 * Near the end of the roll the ticket prints and staff are warned; a manager's reprint prints again.
 */
import { test as base, expect } from './fixtures';
import { KioskPage, managerReprint, readJob, Staff } from './pages/kiosk-page';
import { TestPrinter } from '../emulators/test-printer';

const test = base.extend<{ printer: TestPrinter }>({
  printer: async ({}, use) => {
    const printer = await TestPrinter.start();
    await use(printer);
    await printer.close();
  },
  // A status check every 300 ms, so the alert clears soon after the printer is fixed.
  kioskEnv: async ({ printer }, use) => {
    await use({ DAWR_PRINTER: `tcp://127.0.0.1:${printer.port}`, DAWR_PRINTER_STATUS_MS: '300' });
  },
});

test('paper out: the ticket is issued once and shown, staff are alerted until the paper is back', async ({ page, branch, printer }) => {
  printer.state = 'paper_out';
  const staff = await Staff.connect(branch.serverUrl);
  const kiosk = new KioskPage(page, branch.kioskUrl);
  await kiosk.open('en');
  // The status checks find the empty roll before any visitor does.
  await expect.poll(() => staff.alertsOf('printer')).toEqual(['printer:error:paper_out']);

  const number = await kiosk.takeTicket('renewal');
  await expect(kiosk.printStatus()).toHaveAttribute('data-state', 'failed');
  const error = kiosk.printStatus().getByTestId('error');
  await expect(error).toContainText('could not be printed');
  await expect(error).toContainText('photo');
  await expect(error).toContainText('80008001');
  expect(await kiosk.screenQr()).toMatch(new RegExp(`^${branch.serverUrl}/t/[\\w-]+\\?lang=(ar|en)$`));
  expect(printer.jobs).toHaveLength(0); // nothing was sent to a printer without paper

  // A reload shows the same ticket again and issues nothing new.
  await page.reload();
  expect(await kiosk.ticketNumber()).toBe(number);
  expect((await staff.tickets()).map((t) => t.number)).toEqual([number]);

  printer.state = 'ok';
  await expect.poll(() => staff.alertsOf('printer')).toEqual([]);
  staff.close();
});

test('near the end of the roll: printed, staff warned; a manager reprint prints the same ticket', async ({ page, branch, printer }) => {
  printer.state = 'near_end';
  const staff = await Staff.connect(branch.serverUrl);
  const kiosk = new KioskPage(page, branch.kioskUrl);
  await kiosk.open();
  const number = await kiosk.takeTicket('collection');
  await expect(kiosk.printStatus()).toHaveAttribute('data-state', 'printed');
  await expect.poll(() => staff.alertsOf('printer')).toEqual(['printer:warning:paper_near_end']);
  const [first] = await printer.waitForJobs(1);
  const qr = readJob(first!).qr;
  expect(qr).toEqual([await kiosk.screenQr()]);

  const ticket = (await staff.tickets()).find((t) => t.number === number)!;
  await managerReprint(branch.serverUrl, ticket.id);
  const jobs = await printer.waitForJobs(2, 5000);
  expect(readJob(jobs[1]!).qr).toEqual(qr);
  expect((await staff.tickets()).filter((t) => t.number === number)).toHaveLength(1);
  staff.close();
});
