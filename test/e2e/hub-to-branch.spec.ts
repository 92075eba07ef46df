/**
 * Centre to branch and back, end to end in Chromium with real processes (hub on PGlite, branch server + kiosk on
 * SQLite, syncing over HTTP): an admin books an appointment for today at Seef Mall on the hub's admin page; it
 * reaches the branch through sync; the visitor checks in at the kiosk by typed CPR; a clerk calls and serves it at
 * the counter; the hub's admin page shows the appointment served, and the national page's Seef Mall figures change
 * as it happens (pushed, no reload).
 */
import { DEMO_HUB_STAFF } from '@dawr/hub';
import { localDay } from '@dawr/core';
import { expect, SYNCED_BRANCH, test } from './hub-fixtures';
import { OPEN_TIME } from './fixtures';
import { CentralPage } from './pages/central-admin-page';
import { CounterPage } from './pages/counter-page';
import { KioskPage } from './pages/kiosk-page';

// Three real processes per test (hub, branch server, kiosk) on a shared two-core machine: more room than the default.
test.describe.configure({ timeout: 120_000 });

const central = DEMO_HUB_STAFF.find((s) => s.role === 'central')!;
const admin = DEMO_HUB_STAFF.find((s) => s.role === 'admin')!;
/** A CPR with no demo appointment: only the one booked here can match it. */
const CPR = '870303001';
/** The branch's today (its clock starts at 09:00 Bahrain on this day) and a slot 10 minutes on: on time. */
const BRANCH_DAY = localDay(Date.parse(OPEN_TIME), 'Asia/Bahrain');

/** Today's appointments the branch holds for a CPR (the kiosk's own lookup). */
async function branchAppointments(serverUrl: string, cpr: string): Promise<{ id: string; window: string }[]> {
  const res = await fetch(`${serverUrl}/api/v1/appointments/find`, {
    method: 'POST',
    headers: { authorization: 'Bearer demo-kiosk-token', 'content-type': 'application/json' },
    body: JSON.stringify({ cpr }),
  });
  const body = (await res.json()) as { ok: boolean; appointments?: { id: string; window: string }[] };
  return body.appointments ?? [];
}

test('an appointment booked at the hub is checked in at the kiosk, served at the counter, and the hub sees it', async ({ browser, hub, branch }) => {
  // Each signed-in person in their own browser context (the hub's session is a cookie).
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const adminContext = await browser.newContext({ viewport: { width: 1366, height: 900 } });

  // The national page, open throughout: Seef Mall starts with nothing today.
  const national = new CentralPage(await context.newPage(), hub.url);
  await national.open('en', '/');
  await national.signIn(central.username, central.password, 'en');
  const seef = national.page.getByTestId(`branch-${SYNCED_BRANCH}`);
  await expect(seef.getByTestId('today')).toHaveText('0');

  // The admin books a renewal at 09:10, branch time, on the branch's today.
  const hubAdmin = new CentralPage(await adminContext.newPage(), hub.url);
  await hubAdmin.open('en');
  await hubAdmin.signIn(admin.username, admin.password, 'en');
  await hubAdmin.chooseBranch(SYNCED_BRANCH);
  await hubAdmin.book({ day: BRANCH_DAY, serviceId: `${SYNCED_BRANCH}.renewal`, cpr: CPR, time: '09:10' });
  await expect(hubAdmin.feedback('appts').getByRole('status')).toContainText('Booked: Card renewal at 09:10.');
  const row = hubAdmin.appointments().filter({ hasText: '•••••3001' });
  await expect(row).toHaveAttribute('data-status', 'booked');
  await expect(row.getByTestId('appt-outcome')).toHaveText('Not checked in yet');

  // It reaches the branch through sync.
  await expect.poll(() => branchAppointments(branch.serverUrl, CPR)).toEqual([expect.objectContaining({ window: 'on_time' })]);

  // The visitor types the CPR at the kiosk and checks in: a ticket of the appointment's service.
  const kiosk = new KioskPage(await context.newPage(), branch.kioskUrl);
  await kiosk.open('ar');
  await kiosk.typeCpr(CPR);
  await expect(kiosk.page.getByTestId('appointment')).toHaveAttribute('data-window', 'on_time');
  await kiosk.page.getByTestId('check-in').click();
  const number = await kiosk.ticketNumber();
  expect(number).toMatch(/^B-\d{3}$/);

  // The check-in goes up: the hub marks the appointment, the national page counts one waiting.
  await expect(seef.getByTestId('today')).toHaveText('1');
  await expect(seef.getByTestId('waiting')).toHaveText('1');
  await expect(row).toHaveAttribute('data-status', 'checked_in');
  await expect(row.getByTestId('appt-outcome')).toContainText(`${number} Waiting`);

  // A clerk calls it at counter 1, starts and serves it.
  const clerk = new CounterPage(await context.newPage(), branch.serverUrl);
  await clerk.sitAt('clerk', 'dawr-clerk', 1);
  expect(await clerk.callNext()).toBe(number);
  await expect(seef.getByTestId('waiting')).toHaveText('0');
  await clerk.act('start');
  await expect(clerk.state()).toHaveAttribute('data-state', 'serving');
  await clerk.finish('served');

  // The hub shows the outcome; the national page counts one served, nobody waiting, one ticket today.
  await expect(row).toHaveAttribute('data-outcome', 'served');
  await expect(row.getByTestId('appt-outcome')).toHaveText(`${number} Done — Served`);
  await expect(seef.getByTestId('served')).toHaveText('1');
  await expect(seef.getByTestId('waiting')).toHaveText('0');
  await expect(seef.getByTestId('today')).toHaveText('1');
  await Promise.all([context.close(), adminContext.close()]);
});
