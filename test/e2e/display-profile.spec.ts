/** Display profiles: `?services=…` shows and announces only those services (e.g. one floor's). */
import { Clerk, DisplayPage } from './pages/display-page';
import { expect, test } from './fixtures';

test('a profile display shows and announces only its own services', async ({ browser, branch }) => {
  const clerk = await Clerk.connect(branch.serverUrl);
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const display = new DisplayPage(await context.newPage(), branch.serverUrl);
    await display.open('demo-display-token', 'en', { services: ['new-card', 'renewal'] });
    await display.ready();
    await expect(display.waiting('new-card')).toBeVisible();
    await expect(display.waiting('renewal')).toBeVisible();
    for (const other of ['replacement', 'collection', 'birth-certificate']) await expect(display.waiting(other)).toHaveCount(0);

    // Another floor's call first, then one of ours: only ours is shown and announced.
    const theirs = await clerk.issue('collection');
    await clerk.call(theirs, 3);
    const ours = await clerk.issue('new-card');
    await clerk.call(ours, 4);
    await expect(display.nowServingNumber()).toHaveText(ours.number);
    await expect(display.recentCalls()).not.toContainText(theirs.number);
    const all = await display.waitForAnnouncements(1);
    expect(all.map((a) => a.ticket)).toEqual([ours.number]);

    // Waiting counts follow live changes for the services shown.
    const before = Number(await display.waiting('renewal').innerText());
    const waiting = await clerk.issue('renewal');
    await expect(display.waiting('renewal')).toHaveText(String(before + 1));
    await clerk.call(waiting, 3); // leave no ticket waiting: later tests share this branch
    await expect(display.waiting('renewal')).toHaveText(String(before));
  } finally {
    await context.close();
    clerk.close();
  }
});
