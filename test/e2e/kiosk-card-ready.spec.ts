/**
 * "Your new card is ready" at the kiosk (issue 10, online renewal), in Chromium over a real branch: the centre's
 * card ready here (stored as the branch's sync stores it) for a CPR makes the services screen say so first and
 * offer the collection ticket, the other services still there; the ticket names the card and the clerk sees it.
 * A CPR with no card here gets "no new card is waiting for you here" (what the centre's message tells) instead of a
 * ticket, and may still take one. A CPR whose card the centre is still making for collection here (card.pending)
 * is told "your new card is still being made" on the services screen and instead of a ticket, and may still take
 * one. axe finds nothing; every new screen fits 1080×1920 with large text in all eight languages.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test as base, expect } from '@playwright/test';
import { VISITOR_LANGS, loadLanguage, t, type VisitorLang } from '@dawr/core';
import { openDatabase, PickupRepo } from '@dawr/db';
import type { Launched } from '../../scripts/launch';
import { OPEN_TIME, startBranch } from './fixtures';
import { KioskPage, Staff, WALK_IN_CPR } from './pages/kiosk-page';

const BRANCH = 'seef-mall';
const CPR = '850505005';
const PENDING_CPR = '880808008';
const PORTRAIT = { width: 1080, height: 1920 };

/** A branch whose data folder the test knows, with a card the centre made ready here for CPR. */
const test = base.extend<{ branch: Launched }>({
  branch: async ({}, use) => {
    const launched = await startBranch({ DAWR_BRANCH_ID: BRANCH });
    // What the branch's sync stores for the centre's card.ready change (server/src/sync/apply-down.ts).
    const db = openDatabase(`${launched.dataDir}/branch.sqlite`);
    new PickupRepo(db).upsert({
      id: '019b2000-0000-7000-8000-0000000e2e01', reference: 'K7M2QXD4R', branchId: BRANCH, cpr: CPR, name: 'Fatima Ali Hasan',
      status: 'ready', readyAt: Date.parse(OPEN_TIME) - 86_400_000,
    });
    // And what it stores for card.pending: an application for collection here still in production.
    new PickupRepo(db).upsertPending({
      id: '019b2000-0000-7000-8000-0000000e2e02', reference: 'P4N8DNG3Q', branchId: BRANCH, cpr: PENDING_CPR, status: 'in_production',
      at: Date.parse(OPEN_TIME) - 86_400_000,
    });
    db.close();
    await use(launched);
    await launched.stop();
  },
});

test.beforeAll(async () => {
  for (const l of VISITOR_LANGS) await loadLanguage(l);
});

async function axe(page: Page): Promise<string[]> {
  const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('a card ready here: the kiosk says so first, offers its collection ticket, and the clerk sees the card', async ({ page, branch }) => {
  const kiosk = new KioskPage(page, branch.kioskUrl);
  await kiosk.open('en');
  await kiosk.typeCpr(CPR);
  const ready = page.getByTestId('card-ready');
  await expect(ready.getByRole('heading', { level: 2 })).toHaveText('Your new ID card is ready');
  await expect(ready).toContainText(t('en', 'kiosk.card.ready'));
  await expect(page.getByTestId('card-reference')).toHaveText('Application K7M-2QX-D4R');
  await expect(page.getByTestId('card-ready').getByTestId('collect-card')).toBeVisible();
  await expect(page.getByTestId('card-reference').locator('bdi')).toHaveText('K7M-2QX-D4R');
  // The other services are still there, below.
  await expect(page.getByTestId('service-new-card')).toBeVisible();
  await expect(page.getByTestId('no-appointment')).toHaveCount(0);
  expect(await axe(page)).toEqual([]);
  await page.goto(`${branch.kioskUrl}/services`);
  await expect(page.getByTestId('card-ready').getByRole('heading', { level: 2 })).toHaveText(t('ar', 'kiosk.card.readyTitle'));
  expect(await axe(page)).toEqual([]);

  await page.getByTestId('collect-card').click();
  await expect(page.getByTestId('card-ticket')).toContainText(t('ar', 'kiosk.card.forCollection'));
  await page.getByTestId('priority-none').click();
  const number = await kiosk.ticketNumber();
  expect(number).toMatch(/^D-\d{3}$/);

  const staff = await Staff.connect(branch.serverUrl);
  try {
    const ticket = (await staff.tickets()).find((x) => x.number === number);
    expect(ticket?.card).toMatchObject({ reference: 'K7M2QXD4R', status: 'ready' });
  } finally {
    staff.close();
  }
});

test('no card ready here: the kiosk says so instead of issuing a ticket, and a ticket can still be taken', async ({ page, branch }) => {
  const kiosk = new KioskPage(page, branch.kioskUrl);
  await kiosk.open('en');
  await kiosk.typeCpr(WALK_IN_CPR);
  await expect(page.getByTestId('no-appointment')).toBeVisible();
  await expect(page.getByTestId('card-ready')).toHaveCount(0);
  await page.getByTestId('service-collection').click();
  const none = page.getByTestId('no-card');
  await expect(none.getByRole('heading', { level: 2 })).toHaveText('No new card is waiting for you here');
  await expect(none).toContainText(t('en', 'kiosk.card.none'));
  await expect(page.getByTestId('priority-none')).toHaveCount(0);
  expect(await axe(page)).toEqual([]);
  const staff = await Staff.connect(branch.serverUrl);
  try {
    expect(await staff.tickets()).toEqual([]);
    // Someone collecting a card applied for at a counter still gets their ticket.
    await page.getByTestId('collect-anyway').click();
    await expect(page.getByTestId('card-ticket')).toHaveCount(0);
    await page.getByTestId('priority-none').click();
    const number = await kiosk.ticketNumber();
    const ticket = (await staff.tickets()).find((x) => x.number === number);
    expect(ticket?.card).toBeUndefined();
  } finally {
    staff.close();
  }

  // "Done" on the no-card screen ends the visit.
  await page.getByTestId('done').click();
  await kiosk.open('en');
  await kiosk.typeCpr(WALK_IN_CPR);
  await page.getByTestId('service-collection').click();
  await page.getByTestId('done').click();
  await expect(page.getByTestId('type-cpr')).toBeVisible();
});

test('a card still being made here: the kiosk says so on the services screen and instead of a ticket, which can still be taken', async ({ page, branch }) => {
  const kiosk = new KioskPage(page, branch.kioskUrl);
  await kiosk.open('en');
  await kiosk.typeCpr(PENDING_CPR);
  const notice = page.getByTestId('card-pending');
  await expect(notice.getByRole('heading', { level: 2 })).toHaveText('Your new ID card is still being made');
  await expect(notice).toContainText(t('en', 'kiosk.card.pending'));
  await expect(page.getByTestId('pending-reference').locator('bdi')).toHaveText('P4N-8DN-G3Q');
  await expect(page.getByTestId('card-ready')).toHaveCount(0);
  await expect(page.getByTestId('service-new-card')).toBeVisible();
  expect(await axe(page)).toEqual([]);
  await page.getByTestId('service-collection').click();
  const step = page.getByTestId('card-pending');
  await expect(step.getByRole('heading', { level: 2 })).toHaveText('Your new ID card is still being made');
  await expect(page.getByTestId('no-card')).toHaveCount(0);
  await expect(page.getByTestId('priority-none')).toHaveCount(0);
  expect(await axe(page)).toEqual([]);
  await page.goto(`${branch.kioskUrl}/service/collection`);
  await expect(page.getByTestId('card-pending').getByRole('heading', { level: 2 })).toHaveText(t('ar', 'kiosk.card.pendingTitle'));
  expect(await axe(page)).toEqual([]);
  const staff = await Staff.connect(branch.serverUrl);
  try {
    expect(await staff.tickets()).toEqual([]);
    // Asked for anyway: a collection ticket, with no card to hand over yet.
    await page.getByTestId('collect-anyway').click();
    await page.getByTestId('priority-none').click();
    const number = await kiosk.ticketNumber();
    expect((await staff.tickets()).find((x) => x.number === number)?.card).toBeUndefined();
  } finally {
    staff.close();
  }
});

test('no answer from the branch server is not "no card": the kiosk never says none is waiting when it could not ask', async ({ page, branch }) => {
  const kiosk = new KioskPage(page, branch.kioskUrl);
  await kiosk.open('en');
  const pid = branch.serverPid;
  if (!pid) throw new Error('the branch server has no process id');
  // The server hangs (paused) before the visitor identifies: every question the kiosk asks it times out.
  process.kill(pid, 'SIGSTOP');
  try {
    await kiosk.typeCpr(CPR);
    // The appointment look-up gets no answer: the kiosk says it cannot reach the server and offers the services.
    await page.getByRole('link', { name: t('en', 'kiosk.chooseService') }).click({ timeout: 30_000 });
    const collection = page.getByTestId('service-collection');
    await expect(collection).toBeVisible({ timeout: 30_000 });
    await collection.click();
    await page.waitForURL(/\/service\/collection/, { timeout: 30_000 });
    await expect(page.getByTestId('priority-none')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('no-card')).toHaveCount(0);
  } finally {
    process.kill(pid, 'SIGCONT');
  }
});

test('the card screens fit 1080×1920 with large text in every visitor language', async ({ page, branch }) => {
  test.setTimeout(120_000);
  await page.setViewportSize(PORTRAIT);
  const kiosk = new KioskPage(page, branch.kioskUrl);
  const tooTall: string[] = [];
  const measure = async (lang: VisitorLang, screen: string) => {
    await page.evaluate(() => document.fonts.ready);
    const h = await page.evaluate(() => document.documentElement.scrollHeight);
    if (h > PORTRAIT.height) tooTall.push(`${lang} ${screen}: ${h} px`);
  };
  for (const [cpr, screens] of [
    [CPR, ['services', 'service/collection']],
    [WALK_IN_CPR, ['service/collection']],
    [PENDING_CPR, ['services', 'service/collection']],
  ] as const) {
    await kiosk.open('en');
    await page.getByTestId('large-text').click();
    await expect(page.locator('html')).toHaveClass(/large/);
    await kiosk.typeCpr(cpr);
    await expect(page.getByTestId(cpr === CPR ? 'card-ready' : cpr === PENDING_CPR ? 'card-pending' : 'no-appointment')).toBeVisible();
    for (const lang of VISITOR_LANGS) {
      for (const screen of screens) {
        await page.goto(`${branch.kioskUrl}/${screen}?lang=${lang}`);
        await expect(page.locator('html')).toHaveAttribute('lang', lang);
        await expect(page.locator('html')).toHaveClass(/large/);
        const marker = cpr === PENDING_CPR ? 'card-pending' : screen === 'services' ? 'card-ready' : cpr === CPR ? 'card-ticket' : 'no-card';
        await expect(page.getByTestId(marker)).toBeVisible();
        await measure(lang, `${cpr === CPR ? 'card ready' : cpr === PENDING_CPR ? 'card pending' : 'no card'} ${screen}`);
      }
    }
    await page.getByTestId('start-over').click();
  }
  expect(tooTall).toEqual([]);
});
