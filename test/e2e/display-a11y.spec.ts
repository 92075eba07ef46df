/**
 * axe on the wall display in both languages, with a call and a recall on screen and the "tap to enable
 * sound" button showing. axe skips colour contrast on Arabic text (it mistakes joined letters for icon
 * ligatures); the English page uses the same colours, so its contrast check covers both.
 */
import { axeViolations } from './axe';
import { Clerk, DisplayPage, emulateBlockedAutoplay } from './pages/display-page';
import { expect, test } from './fixtures';

test('the display has no axe violations, in Arabic or in English', async ({ browser, branch }) => {
  const clerk = await Clerk.connect(branch.serverUrl);
  const ticket = await clerk.issue('replacement');
  await clerk.call(ticket, 5);
  await clerk.recall(ticket, 5); // shows the "called again" label too
  clerk.close();

  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  await emulateBlockedAutoplay(context);
  // Both pages load side by side (each waits out the autoplay grace before its sound button shows).
  const displays = await Promise.all(
    (['ar', 'en'] as const).map(async (lang) => {
      const display = new DisplayPage(await context.newPage(), branch.serverUrl);
      // Opened after the calls: they come from the snapshot, so nothing flashes while axe reads colours.
      await display.open('demo-display-token', lang);
      await expect(display.nowServingNumber()).toHaveText(ticket.number);
      await expect(display.enableSound()).toBeVisible();
      await expect(display.page.locator('html')).toHaveAttribute('lang', lang);
      return { lang, display };
    }),
  );
  for (const { lang, display } of displays) {
    expect(await axeViolations(display.page), `axe violations (${lang})`).toEqual([]);
  }
  await context.close();
});
