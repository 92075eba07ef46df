import type { ReprintJob } from '@dawr/core';
import { branchState, CounterPage, deviceSocket, drainCounter, issueTickets } from './pages/counter-page';
import { expect, test } from './fixtures';

test('the manager sees every counter, closes and reopens one live, and edits a work profile', async ({ browser, branch }) => {
  await drainCounter(branch.serverUrl, 5);
  const [ticket] = await issueTickets(branch.serverUrl);
  const [ctxClerk, ctxManager] = await Promise.all([browser.newContext(), browser.newContext()]);
  const clerk = new CounterPage(await ctxClerk.newPage(), branch.serverUrl);
  const manager = new CounterPage(await ctxManager.newPage(), branch.serverUrl);
  await Promise.all([clerk.sitAt('clerk', 'dawr-clerk', 5), manager.signIn('manager', 'dawr-manager')]);
  await manager.openManager();
  const m = manager.page;

  await expect(m.getByTestId('manager-counter-status-5')).toHaveText('Open');
  await expect(m.getByTestId('manager-waiting-new-card')).not.toHaveText('0');
  await expect(m.getByTestId('manager-longest-new-card')).toHaveText(/\d+ min/);
  await m.getByTestId('manager-toggle-5').click();
  await expect(m.getByTestId('manager-counter-status-5')).toHaveText('Closed');
  await expect(clerk.page.getByTestId('counter-closed')).toBeVisible();
  await expect(clerk.page.getByTestId('call-next')).toBeDisabled();
  await m.getByTestId('manager-toggle-5').click();
  await expect(m.getByTestId('manager-counter-status-5')).toHaveText('Open');

  expect(await clerk.callNext()).toBe(ticket!.number);
  await expect(m.getByTestId('manager-counter-5')).toContainText(ticket!.number);

  // Counter 5 starts with birth certificates first; put new cards first, at weight 3.
  await m.getByTestId('manager-profile-5').click();
  const editor = m.getByTestId('profile-editor');
  await editor.getByTestId('profile-up-new-card').click();
  await editor.getByTestId('profile-weight-new-card').fill('3');
  await editor.getByTestId('profile-save').click();
  await expect(m.getByTestId('counter-notice')).toHaveText('Work profile of counter 5 saved.');
  await expect(editor).toBeHidden();
  const c5 = (await branchState(branch.serverUrl)).snapshot.counters.find((c) => c.number === 5)!;
  expect(c5.profile.slice(0, 2).map((p) => [p.serviceId, p.weight])).toEqual([
    ['seef-mall.new-card', 3],
    ['seef-mall.birth-certificate', 1],
  ]);

  await Promise.all([ctxClerk.close(), ctxManager.close()]);
});

test('the manager reprints a ticket at the kiosk and cancels another from the live queue', async ({ browser, branch }) => {
  const kiosk = await deviceSocket(branch.serverUrl, 'demo-kiosk-token');
  const reprinted = new Promise<ReprintJob>((resolve) => kiosk.once('kiosk:reprint:v1', resolve));
  const [keep, drop] = await issueTickets(branch.serverUrl, 2);
  const context = await browser.newContext();
  const manager = new CounterPage(await context.newPage(), branch.serverUrl);
  await manager.signIn('manager', 'dawr-manager');
  await manager.openManager();
  const m = manager.page;

  await m.getByTestId(`reprint-${keep!.number}`).click();
  await expect(m.getByTestId('counter-notice')).toHaveText(`Ticket ${keep!.number} sent to a kiosk to print.`);
  expect((await reprinted).ticket.number).toBe(keep!.number);

  await m.getByTestId(`cancel-${drop!.number}`).click();
  await m.getByTestId(`confirm-cancel-${drop!.number}`).click();
  await expect(m.getByTestId('counter-notice')).toHaveText(`Ticket ${drop!.number} cancelled.`);
  await expect(m.getByTestId(`manager-ticket-${drop!.number}`)).toHaveCount(0);
  await expect(m.getByTestId(`manager-ticket-${keep!.number}`)).toBeVisible();
  kiosk.close();
  await context.close();
});

test('a display token on the counter app is refused: calling and closing the counter', async ({ browser, branch }) => {
  const context = await browser.newContext();
  const display = new CounterPage(await context.newPage(), branch.serverUrl);
  await display.open('demo-display-token', 'en');
  await display.chooseCounter(3);
  await display.page.getByTestId('call-next').click();
  await expect(display.page.getByTestId('counter-error')).toHaveAttribute('data-code', 'FORBIDDEN');
  await display.page.getByTestId('toggle-open').click();
  await expect(display.page.getByTestId('counter-error')).toHaveText('This device is not allowed to do that.');
  await expect(display.page.getByTestId('tab-manager')).toHaveCount(0);
  await context.close();
});
