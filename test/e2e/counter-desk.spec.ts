import { branchState, CounterPage, drainCounter, issueTickets, MARIAM } from './pages/counter-page';
import { expect, test } from './fixtures';

test('a full visit: call, recall, start, finish with an outcome; the clerk sees the visitor, never the full CPR', async ({ browser, branch }) => {
  await drainCounter(branch.serverUrl, 3);
  const [ticket] = await issueTickets(branch.serverUrl);
  const context = await browser.newContext();
  const clerk = new CounterPage(await context.newPage(), branch.serverUrl);
  const { page } = clerk;
  await clerk.sitAt('clerk', 'dawr-clerk', 3);

  expect(await clerk.callNext()).toBe(ticket!.number);
  await expect(clerk.state()).toHaveAttribute('data-state', 'called');
  await expect(page.getByTestId('visitor-name')).toHaveText(MARIAM.nameEn);
  await expect(page.getByTestId('visitor-cpr')).toHaveText('•••••2345');
  await expect(page.getByTestId('visitor-appointment')).toHaveText('Walk-in');
  await expect(page.locator('body')).not.toContainText(MARIAM.cpr);
  // Only what the state machine allows: a called ticket can be recalled or started, not finished.
  await expect(clerk.actionButton('finish')).toBeDisabled();
  await expect(clerk.actionButton('recall')).toBeEnabled();

  // Keyboard shortcuts, by key position: R recalls; S on an Arabic layout (it types "س") starts.
  await clerk.press('recall');
  await expect(page.getByTestId('counter-error')).toHaveCount(0);
  await expect(clerk.state()).toHaveAttribute('data-state', 'called');
  await clerk.press('start', { key: 'س', code: 'KeyS' });
  await expect(clerk.state()).toHaveAttribute('data-state', 'serving');
  await expect(page.getByTestId('service-timer')).toHaveText(/^\d+:\d\d$/);
  await expect(clerk.actionButton('recall')).toBeDisabled();

  await page.getByTestId('lang-toggle').click(); // the visitor panel in Arabic: the Arabic name
  await expect(page.getByTestId('visitor-name')).toHaveText(MARIAM.nameAr);
  await page.getByTestId('lang-toggle').click();

  await clerk.finish('incomplete_documents');
  await expect(clerk.current()).toHaveText('No ticket');
  await expect(page.getByTestId('visitor-panel')).toHaveCount(0);
  const after = await branchState(branch.serverUrl);
  expect(after.tickets.some((t) => t.id === ticket!.id)).toBe(false); // done: no longer active
  await context.close();
});

test('transfer to another service and counter keeps the arrival time when asked, and not otherwise', async ({ browser, branch }) => {
  await drainCounter(branch.serverUrl, 4);
  const [ticket] = await issueTickets(branch.serverUrl);
  const context = await browser.newContext();
  const clerk = new CounterPage(await context.newPage(), branch.serverUrl);
  await clerk.sitAt('clerk', 'dawr-clerk', 4);
  expect(await clerk.callNext()).toBe(ticket!.number);

  await clerk.transfer({ serviceId: 'seef-mall.renewal', counterNumber: 4, keepArrival: true });
  await expect(clerk.current()).toHaveText('No ticket');
  const queued = clerk.page.getByTestId(`queue-ticket-${ticket!.number}`);
  await expect(queued).toContainText('For counter 4');
  let t = (await branchState(branch.serverUrl)).tickets.find((x) => x.id === ticket!.id)!;
  expect(t).toMatchObject({ state: 'waiting', serviceId: 'seef-mall.renewal', counterNumber: 4, arrivedAt: ticket!.arrivedAt });

  // Reserved for this counter, so "Call next" takes it first; then back to the queue from the back.
  expect(await clerk.callNext()).toBe(ticket!.number);
  await clerk.transfer({ keepArrival: false });
  t = (await branchState(branch.serverUrl)).tickets.find((x) => x.id === ticket!.id)!;
  expect(t.state).toBe('waiting');
  expect(t.counterNumber).toBeNull();
  expect(t.arrivedAt).toBeGreaterThan(ticket!.arrivedAt);
  await context.close();
});

test('park and return: a parked ticket waits aside while the counter serves others', async ({ browser, branch }) => {
  await drainCounter(branch.serverUrl, 5);
  const [first, second] = await issueTickets(branch.serverUrl, 2);
  const context = await browser.newContext();
  const clerk = new CounterPage(await context.newPage(), branch.serverUrl);
  const { page } = clerk;
  await clerk.sitAt('clerk', 'dawr-clerk', 5);

  expect(await clerk.callNext()).toBe(first!.number);
  await clerk.act('start');
  await clerk.press('park');
  await expect(clerk.current()).toHaveText('No ticket');
  await expect(page.getByTestId(`parked-${first!.number}`)).toBeVisible();

  expect(await clerk.callNext()).toBe(second!.number);
  await clerk.act('start');
  await clerk.finish('served');
  await expect(page.getByTestId(`return-${first!.number}`)).toBeEnabled();
  await page.keyboard.press('b'); // B brings back the oldest parked ticket
  await expect(clerk.current()).toHaveText(first!.number);
  await expect(clerk.state()).toHaveAttribute('data-state', 'called');
  await expect(page.getByTestId(`parked-${first!.number}`)).toHaveCount(0);

  await clerk.press('noShow');
  await expect(clerk.current()).toHaveText('No ticket');
  await context.close();
});

test('calling a specific ticket out of order, all from the keyboard', async ({ browser, branch }) => {
  await drainCounter(branch.serverUrl, 2);
  const [first, second] = await issueTickets(branch.serverUrl, 2);
  const context = await browser.newContext();
  const clerk = new CounterPage(await context.newPage(), branch.serverUrl);
  const { page } = clerk;
  await clerk.sitAt('clerk', 'dawr-clerk', 2);
  await expect(page.getByTestId(`call-${second!.number}`)).toBeEnabled();

  // Q jumps to the live queue's first ticket, Tab moves to the second, Enter calls it.
  await page.keyboard.press('q');
  await expect(page.getByTestId(`call-${first!.number}`)).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByTestId(`call-${second!.number}`)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(clerk.current()).toHaveText(second!.number);

  await clerk.press('start');
  await clerk.press('finish');
  await expect(page.getByTestId('outcome-served')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('finish-dialog')).toBeHidden();
  await expect(clerk.current()).toHaveText('No ticket');
  await page.keyboard.press('n');
  await expect(clerk.current()).toHaveText(first!.number);
  await context.close();
});

test('a second tab of the same counter shows the same ticket after every action in the first', async ({ browser, branch }) => {
  await drainCounter(branch.serverUrl, 3);
  const [ticket] = await issueTickets(branch.serverUrl);
  const context = await browser.newContext();
  const tab1 = new CounterPage(await context.newPage(), branch.serverUrl);
  await tab1.sitAt('clerk', 'dawr-clerk', 3);
  const tab2 = new CounterPage(await context.newPage(), branch.serverUrl);
  await tab2.openStaff('en'); // same session, same remembered counter
  await expect(tab2.page.getByTestId('call-next')).toBeEnabled();

  expect(await tab1.callNext()).toBe(ticket!.number);
  await expect(tab2.current()).toHaveText(ticket!.number);
  await tab1.act('start');
  await expect(tab2.state()).toHaveAttribute('data-state', 'serving');
  await expect(tab2.actionButton('finish')).toBeEnabled();

  await tab2.finish('served');
  await expect(tab1.current()).toHaveText('No ticket');
  await tab2.page.reload();
  await expect(tab2.current()).toHaveText('No ticket');
  await context.close();
});

test('a ticket the kiosk marked for the clerk\'s decision (a valid card asked to be replaced) shows the mark in the queue and the visitor panel', async ({ browser, branch }) => {
  await drainCounter(branch.serverUrl, 3);
  const [ticket] = await issueTickets(branch.serverUrl, 1, 'seef-mall.new-card', { ...MARIAM, note: 'clerk-decision' });
  const context = await browser.newContext();
  const clerk = new CounterPage(await context.newPage(), branch.serverUrl);
  const { page } = clerk;
  await clerk.sitAt('clerk', 'dawr-clerk', 3);
  await expect(page.getByTestId(`queue-ticket-${ticket!.number}`).getByTestId('note-clerk-decision')).toBeVisible();
  expect(await clerk.callNext()).toBe(ticket!.number);
  await expect(page.getByTestId('visitor-note')).toContainText('card is still valid');
  await context.close();
});
