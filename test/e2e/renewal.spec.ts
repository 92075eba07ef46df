/**
 * Online renewal with branch pickup, end to end in Chromium: the citizen logs in at the local e-key (a real OpenID
 * Connect provider), applies for pickup at Isa Town; central staff mark the card ready on the applications page
 * (axe: no violations, Arabic and English); the SMTP sink holds the notice; Isa Town's branch (its own server and
 * kiosk, syncing with the hub) hears the card is being made (card.pending) and, while it is in production, the kiosk
 * there says so for the citizen's typed CPR (services screen and collection step, no ticket unless asked) instead of
 * "no card is waiting"; once the card is ready it says so and issues the collection ticket;
 * the clerk sees the card on the visitor panel and serves the ticket; the hub marks the application collected.
 */
import AxeBuilder from '@axe-core/playwright';
import { tapps } from '@dawr/core';
import { readSunkMail } from '../emulators/smtp-sink';
import { branchSync, hubSession } from './hub-fixtures';
import { CentralPage } from './pages/central-admin-page';
import { CounterPage } from './pages/counter-page';
import { KioskPage } from './pages/kiosk-page';
import { expect, test } from './renewal-fixtures';

const BRANCH = 'isa-town';
const CITIZEN = { cpr: '850505005', password: 'dawr-ekey', email: 'fatima@citizens.example' };

test.use({ branchId: BRANCH });

/** The last change from the centre the branch has applied (its /healthz). */
const downCursor = async (serverUrl: string): Promise<number> => (await branchSync(serverUrl)).downCursor;

test('renew online with pickup at Isa Town, get the notice, collect the card at the kiosk', async ({ page, browser, outside, hub, branch }) => {
  // 1. The citizen opens the renewal page (Arabic first) and logs in at the e-key.
  await page.goto(`${hub.url}/portal/renew/`);
  // The page is an SPA: check it once it has rendered, not the bare shell the load event can still show.
  await expect(page.getByTestId('renew-login')).toBeVisible();
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
  await page.getByTestId('renew-login').click();
  await expect(page).toHaveURL(new RegExp(`^${outside.issuer}/interaction/`));
  await page.getByLabel('CPR').fill(CITIZEN.cpr);
  await page.getByLabel('Password').fill(CITIZEN.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL(`${hub.url}/portal/renew/`);

  // 2. Confirms the details the e-key vouches for and chooses pickup at Isa Town (in English this time).
  await expect(page.getByTestId('renew-name')).toHaveText('Fatima Ali Hasan');
  await page.goto(`${hub.url}/portal/renew/?lang=en`);
  await expect(page.getByTestId('field-email')).toHaveValue(CITIZEN.email);
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
  await page.getByTestId('renew-confirm').check();
  await page.getByTestId('renew-pickup-branch').check();
  await page.getByTestId('renew-branch').selectOption(BRANCH);
  await page.getByTestId('renew-submit').click();
  await expect(page.getByTestId('renew-status')).toHaveText('Submitted');
  const session = await (await page.request.get(`${hub.url}/api/portal/v1/renewal/session`)).json();
  const application = session.applications[0] as { id: string; reference: string };
  expect(session.applications[0]).toMatchObject({ status: 'submitted', pickup: { kind: 'branch', branchId: BRANCH } });

  // 3. Central staff move it along; the branch already has the catalogue before the card is made ready.
  await expect.poll(() => downCursor(branch.serverUrl)).toBeGreaterThan(0);
  const before = await downCursor(branch.serverUrl);
  const staffPage = await (await browser.newContext()).newPage();
  const central = new CentralPage(staffPage, hub.url);
  await central.open('ar', '/applications');
  await central.signIn('central', 'dawr-central', 'ar');
  const row = staffPage.getByTestId(`app-${application.reference}`);
  await expect(row.getByTestId('app-status')).toHaveText(tapps('ar', 'apps.status.submitted'));
  expect((await new AxeBuilder({ page: staffPage }).analyze()).violations).toEqual([]);
  await row.getByTestId('move-in_production').click();
  await expect(row.getByTestId('app-status')).toHaveText(tapps('ar', 'apps.status.in_production'));

  // In production: once the branch has heard of it, the kiosk at Isa Town says the card is being made for the CPR
  // (each try is a new visit, so a new look-up), first on the services screen, then instead of a collection ticket.
  const kioskPage = await browser.newPage();
  const kiosk = new KioskPage(kioskPage, branch.kioskUrl);
  await expect(async () => {
    await kiosk.open('en');
    await kiosk.typeCpr(CITIZEN.cpr);
    await expect(kioskPage.getByTestId('service-collection')).toBeVisible();
    await expect(kioskPage.getByTestId('card-pending')).toBeVisible({ timeout: 1 });
  }).toPass();
  await expect(kioskPage.getByTestId('card-pending').getByRole('heading')).toHaveText('Your new ID card is still being made');
  await expect(kioskPage.getByTestId('card-ready')).toHaveCount(0);
  await kioskPage.getByTestId('service-collection').click();
  const pending = kioskPage.getByTestId('card-pending');
  await expect(pending.getByRole('heading')).toHaveText('Your new ID card is still being made');
  await expect(pending).toContainText('We will send you a message when it is ready here');
  await expect(kioskPage.getByTestId('pending-reference')).toContainText(`${application.reference.slice(0, 3)}-${application.reference.slice(3, 6)}-`);
  await expect(kioskPage.getByTestId('no-card')).toHaveCount(0);
  await expect(kioskPage.getByTestId('requirements')).toHaveCount(0);
  await kioskPage.getByTestId('done').click();
  await expect(kioskPage.getByTestId('type-cpr')).toBeVisible();

  await central.open('en', '/applications');
  await expect(row.getByTestId('move-ready')).toBeVisible();
  expect((await new AxeBuilder({ page: staffPage }).analyze()).violations).toEqual([]);
  await row.getByTestId('move-ready').click();
  await expect(row.getByTestId('app-status')).toHaveText('Ready at the branch');
  const staff = await hubSession(hub.url, 'central', 'dawr-central');

  // 4. The notice reaches the SMTP sink, kept as a file.
  await expect.poll(() => readSunkMail(outside.mailDir).length).toBe(1);
  const [mail] = readSunkMail(outside.mailDir);
  expect(mail).toMatchObject({ to: [CITIZEN.email], subject: expect.stringContaining('Your card is ready') });
  expect(mail!.text).toContain('Isa Town');

  // 5. The card reaches Isa Town (after the pending changes); the kiosk says so for the typed CPR and issues its
  // collection ticket.
  await expect.poll(() => downCursor(branch.serverUrl)).toBeGreaterThan(before);
  await expect(async () => {
    await kiosk.open('en');
    await kiosk.typeCpr(CITIZEN.cpr);
    await expect(kioskPage.getByTestId('service-collection')).toBeVisible();
    await expect(kioskPage.getByTestId('card-ready')).toBeVisible({ timeout: 1 });
  }).toPass();
  await expect(kioskPage.getByTestId('card-pending')).toHaveCount(0);
  await expect(kioskPage.getByTestId('card-ready').getByRole('heading')).toHaveText('Your new ID card is ready');
  await expect(kioskPage.getByTestId('card-reference')).toContainText(`${application.reference.slice(0, 3)}-${application.reference.slice(3, 6)}-`);
  await kioskPage.getByTestId('collect-card').click();
  await kioskPage.getByTestId('priority-none').click();
  const number = await kiosk.ticketNumber();
  expect(number).toMatch(/^D-\d{3}$/);

  // 6. The clerk sees the card to hand over, and serves the ticket.
  const counterPage = await browser.newPage();
  const counter = new CounterPage(counterPage, branch.serverUrl);
  await counter.sitAt('clerk', 'dawr-clerk', 1);
  expect(await counter.callNext()).toContain(number);
  const ref = `${application.reference.slice(0, 3)}-${application.reference.slice(3, 6)}-${application.reference.slice(6)}`;
  await expect(counterPage.getByTestId('visitor-card')).toContainText(ref);
  await counter.act('start');
  await counter.finish('served');

  // 7. The hub hears of it: collected.
  await expect
    .poll(async () => {
      const r = await fetch(`${hub.url}/api/v1/applications/${application.id}`, { headers: { cookie: staff.cookie } });
      return ((await r.json()) as { application: { status: string } }).application.status;
    }, { timeout: 20_000 })
    .toBe('collected');
  await page.reload();
  await expect(page.getByTestId('renew-status')).toHaveText('Collected');
});
