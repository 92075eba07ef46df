/**
 * Spoken announcements on the wall display, checked through its test hook (`window.__dawrAnnouncements`):
 * which clips were scheduled, in which order, and when each announcement started and ended. Timing is
 * only compared between announcements (one must not start before the other ended), never absolute.
 */
import type { BrowserContext } from '@playwright/test';
import { Clerk, DisplayPage, emulateBlockedAutoplay, expectedClips } from './pages/display-page';
import { expect, test as base } from './fixtures';

/** Each test: a clerk (kiosk + counter sockets) on the test's branch and a browser context for the display. */
const test = base.extend<{ clerk: Clerk; wall: BrowserContext }>({
  clerk: async ({ branch }, use) => {
    const clerk = await Clerk.connect(branch.serverUrl);
    await use(clerk);
    clerk.close();
  },
  wall: async ({ browser }, use) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await use(context);
    await context.close();
  },
});

async function openDisplay(wall: BrowserContext, serverUrl: string): Promise<DisplayPage> {
  const display = new DisplayPage(await wall.newPage(), serverUrl);
  await display.open('demo-display-token');
  await display.ready();
  return display;
}

test('a call is shown and announced (chime, Arabic, English); its recall is announced again', async ({ branch, clerk, wall }) => {
  const display = await openDisplay(wall, branch.serverUrl);
  const ticket = await clerk.issue('new-card');
  await clerk.call(ticket, 5);

  await expect(display.nowServingNumber()).toHaveText(ticket.number);
  await expect(display.nowServingCounter()).toHaveText('5');
  const [first] = await display.waitForAnnouncements(1);
  expect(first).toMatchObject({ ticket: ticket.number, counter: 5, recall: false });
  expect(first!.clips).toEqual(expectedClips(ticket.number, 5));

  await clerk.recall(ticket, 5); // while the first announcement plays: it waits for it
  const [done, again] = await display.waitForAnnouncements(2);
  expect(again).toMatchObject({ ticket: ticket.number, counter: 5, recall: true });
  expect(again!.clips).toEqual(expectedClips(ticket.number, 5));
  expect(again!.startedAt).toBeGreaterThanOrEqual(done!.endedAt!);
});

test('two rapid calls are announced one after the other, in call order, both complete', async ({ branch, clerk, wall }) => {
  const display = await openDisplay(wall, branch.serverUrl);
  const [t1, t2] = [await clerk.issue('replacement'), await clerk.issue('collection')];
  await clerk.call(t1, 2);
  await clerk.call(t2, 3); // while the first is being announced

  await expect(display.nowServingNumber()).toHaveText(t2.number);
  const all = await display.waitForAnnouncements(2, { ended: true, timeout: 40_000 });
  expect(all.map((a) => a.ticket)).toEqual([t1.number, t2.number]);
  expect(all[0]!.clips).toEqual(expectedClips(t1.number, 2));
  expect(all[1]!.clips).toEqual(expectedClips(t2.number, 3));
  expect(all[1]!.startedAt).toBeGreaterThanOrEqual(all[0]!.endedAt!);
});

test('after losing the connection, the display catches up silently: no old call is announced', async ({ branch, clerk, wall }) => {
  // A call made before the page opened comes with its first snapshot: shown, not announced.
  const before = await clerk.issue('collection');
  await clerk.call(before, 1);
  const display = await openDisplay(wall, branch.serverUrl);
  await expect(display.nowServingNumber()).toHaveText(before.number);

  await wall.setOffline(true);
  await expect(display.connectionLost()).toBeVisible({ timeout: 20_000 });
  const missed = await clerk.issue('birth-certificate');
  await clerk.call(missed, 1);

  await wall.setOffline(false);
  await expect(display.connectionLost()).toBeHidden({ timeout: 20_000 });
  await expect(display.nowServingNumber()).toHaveText(missed.number);

  // A live call after the reconnection is announced, and it is the only announcement of this page.
  const live = await clerk.issue('new-card');
  await clerk.call(live, 1);
  const all = await display.waitForAnnouncements(1);
  expect(all.map((a) => a.ticket)).toEqual([live.number]);
});

test('with autoplay blocked, the display offers "tap to enable sound" and keeps the calls for it', async ({ branch, clerk, wall }) => {
  await emulateBlockedAutoplay(wall);
  const display = await openDisplay(wall, branch.serverUrl);
  await expect(display.enableSound()).toBeVisible();
  const ticket = await clerk.issue('renewal');
  await clerk.call(ticket, 2);
  await expect(display.nowServingNumber()).toHaveText(ticket.number);
  await display.page.waitForTimeout(1000); // time enough to have (wrongly) started playing
  expect(await display.announcements()).toEqual([]);

  await display.enableSound().click();
  await expect(display.enableSound()).toBeHidden();
  const [a] = await display.waitForAnnouncements(1);
  expect(a!.clips).toEqual(expectedClips(ticket.number, 2));
});
