/**
 * The ID card in the reader, end to end on the real PC/SC stack: pcscd with a vpcd virtual reader, a virtual
 * legacy card, the kiosk's reader service, the page following it over /events; the ticket printed on the TCP
 * test printer and read back from its ESC/POS bytes.
 */
import { test as base, expect } from './fixtures';
import { dotsDiffering, KioskPage, printoutFromScreen, readJob, Staff } from './pages/kiosk-page';
import { insertCard, type VirtualCard } from '../emulators/virtual-card';
import { sampleHolder } from '../emulators/iga-card-files';
import { TestPrinter } from '../emulators/test-printer';
import { startPcscd, VIRTUAL_READERS, waitForCardState, type Pcscd } from '../helpers/pcscd';

const test = base.extend<{ printer: TestPrinter }, { pcscd: Pcscd }>({
  pcscd: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const daemon = await startPcscd();
      await use(daemon);
      await daemon.stop();
    },
    { scope: 'worker' },
  ],
  printer: async ({}, use) => {
    const printer = await TestPrinter.start();
    await use(printer);
    await printer.close();
  },
  // Depends on pcscd so the daemon is up before the kiosk starts (the kiosk recovers either way, slower).
  // The second virtual reader: a kiosk that picks a reader by itself takes the first.
  kioskEnv: async ({ printer, pcscd }, use) => {
    void pcscd;
    await use({ DAWR_PRINTER: `tcp://127.0.0.1:${printer.port}`, DAWR_CARD_READER: VIRTUAL_READERS[1] });
  },
});

const cards: VirtualCard[] = [];
test.afterEach(async ({ pcscd }) => {
  for (const c of cards.splice(0)) await c.remove();
  if (pcscd.owned) await waitForCardState(VIRTUAL_READERS[1], false).catch(() => undefined);
});

async function insert(pcscd: Pcscd, holder: Parameters<typeof sampleHolder>[0]): Promise<VirtualCard> {
  const card = await insertCard({ kind: 'legacy', holder: sampleHolder(holder) }, { port: pcscd.ports[1] });
  cards.push(card);
  return card;
}

test('a card with an appointment today: its holder checks in, the printed ticket matches the screen', async ({ page, branch, printer, pcscd }) => {
  const staff = await Staff.connect(branch.serverUrl);
  const kiosk = new KioskPage(page, branch.kioskUrl);
  await kiosk.open();
  await expect(page.getByTestId('card-way')).toHaveAttribute('data-state', 'ready');

  // CPR 850101001: the demo's on-time appointment (new card).
  await insert(pcscd, { cpr: '850101001' });
  await expect(page).toHaveURL(/\/visit/);
  await expect(page.getByTestId('person-name')).toHaveText('فاطمة علي حسن السيد');
  await expect(page.getByTestId('person-cpr')).toHaveText('•••••1001');
  expect(await page.content()).not.toContain('850101001');
  await expect(page.getByTestId('appointment')).toHaveAttribute('data-window', 'on_time');
  await page.getByTestId('check-in').click();

  const number = await kiosk.ticketNumber();
  expect(number).toMatch(/^A-\d{3}$/);
  await expect(kiosk.printStatus()).toHaveAttribute('data-state', 'printed');
  // The ticket screen is the visitor's own, but still public: no name there.
  expect(await page.content()).not.toContain('فاطمة');

  const [job] = await printer.waitForJobs(1);
  const printed = readJob(job!);
  const screenQr = await kiosk.screenQr();
  expect(screenQr).toMatch(new RegExp(`^${branch.serverUrl}/t/[\\w-]+\\?lang=(ar|en)$`));
  expect(printed.qr).toEqual([screenQr]);
  const printout = await printoutFromScreen(kiosk, staff, screenQr!);
  expect(printout.number).toBe(number);
  expect(dotsDiffering(printed.image, printout)).toBe(0);
  // Checked in once, printed once.
  expect((await staff.tickets()).filter((t) => t.number === number)).toHaveLength(1);
  expect(printer.jobs).toHaveLength(1);
  staff.close();
});

test('the card rules: under four → online; a valid card → no renewal unless damaged', async ({ page, branch, pcscd }) => {
  const kiosk = new KioskPage(page, branch.kioskUrl);
  await kiosk.open('en');
  await expect(page.getByTestId('card-way')).toHaveAttribute('data-state', 'ready');

  // A child born in 2024 (two years old on the branch's day, 2026-11-24), no appointment.
  const child = await insert(pcscd, { cpr: '240301234', birthDate: '2024-03-01', expiryDate: '2029-03-01' });
  await expect(page).toHaveURL(/\/services/);
  await expect(page.getByTestId('no-appointment')).toBeVisible();
  await page.getByTestId('service-new-card').click();
  await expect(page.getByTestId('advice-online')).toBeVisible();
  await expect(page.getByTestId('advice-online')).toContainText('issued online');
  await child.remove();
  // pcscd notices a removal within about a second; a card swapped faster would look like the same card.
  await waitForCardState(VIRTUAL_READERS[1], false);
  await page.getByTestId('done').click();
  await expect(page).toHaveURL(/\/(\?|$)/);

  // An adult whose card is valid until 2030: renewal is not needed; a damaged card goes to replacement.
  await insert(pcscd, { cpr: '790501234', expiryDate: '2030-05-01' });
  await expect(page).toHaveURL(/\/services/);
  await page.getByTestId('service-renewal').click();
  await expect(page.getByTestId('advice-valid')).toContainText('2030-05-01');
  await expect(page.getByTestId('advice-valid').locator('bdi', { hasText: '2030-05-01' })).toHaveCount(1);
  await page.getByTestId('damaged-yes').click();
  await expect(page).toHaveURL(/\/service\/replacement/);
  await page.getByTestId('priority-none').click();
  expect(await kiosk.ticketNumber()).toMatch(/^C-\d{3}$/);
});

test('without pcscd the kiosk goes on by typed CPR, staff are alerted, and it recovers by itself', async ({ page, branch, pcscd }) => {
  // Stopping a pcscd we did not start would break whatever else uses it: fail and say so instead.
  if (!pcscd.owned) throw new Error('a pcscd was already running before the tests: stop it (it is not ours to stop) and run again');
  const staff = await Staff.connect(branch.serverUrl);
  const kiosk = new KioskPage(page, branch.kioskUrl);
  await kiosk.open('en');
  await expect(page.getByTestId('card-way')).toHaveAttribute('data-state', 'ready');

  await pcscd.down();
  await expect(page.getByTestId('card-unavailable')).toBeVisible();
  await expect.poll(() => staff.alertsOf('card_reader')).toEqual(['card_reader:error:pcsc_down']);
  await kiosk.typeCpr('850101004');
  await expect(page.getByTestId('appointment')).toBeVisible();
  await page.getByTestId('start-over').click();

  await pcscd.up();
  await expect(page.getByTestId('card-way')).toHaveAttribute('data-state', 'ready', { timeout: 15_000 });
  await expect.poll(() => staff.alertsOf('card_reader')).toEqual([]);
  staff.close();
});

test.describe('with shortened idle timings', () => {
  test.use({
    kioskEnv: async ({ printer, pcscd }, use) => {
      void pcscd;
      await use({
        DAWR_PRINTER: `tcp://127.0.0.1:${printer.port}`,
        DAWR_CARD_READER: VIRTUAL_READERS[1],
        DAWR_KIOSK_IDLE_MS: '1500',
        DAWR_KIOSK_WARN_MS: '1500',
      });
    },
  });

  test('an unreadable card pulled: the idle reset clears its error, the next visitor never sees it', async ({ page, branch, pcscd }) => {
    const kiosk = new KioskPage(page, branch.kioskUrl);
    await kiosk.open();
    const way = page.getByTestId('card-way');
    await expect(way).toHaveAttribute('data-state', 'ready');

    const card = await insertCard({ kind: 'unknown' }, { port: pcscd.ports[1] });
    cards.push(card);
    await expect(way).toHaveAttribute('data-state', 'error');
    await expect(way.getByTestId('error')).toBeVisible();
    await card.remove();
    await waitForCardState(VIRTUAL_READERS[1], false);

    // The start screen with an error on it is not "nothing to clear": the warning comes, then the reset.
    await expect(page.getByTestId('idle-warning')).toBeVisible({ timeout: 5_000 });
    await expect(way).toHaveAttribute('data-state', 'ready', { timeout: 5_000 });
    await expect(way.getByTestId('error')).toHaveCount(0);
    await page.reload();
    await kiosk.hydrated();
    await expect(way).toHaveAttribute('data-state', 'ready');
    await expect(way.getByTestId('error')).toHaveCount(0);
  });
});
