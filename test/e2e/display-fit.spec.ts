/**
 * The wall display at 1920×1080, read from across the room: no text is cut (every element's content fits
 * its box: scrollWidth ≤ clientWidth, and scrollHeight ≤ clientHeight where the box clips), nothing
 * scrolls, and no label is smaller than 2.5 % of the screen height (27 px).
 */
import type { Page } from '@playwright/test';
import { Clerk, DisplayPage } from './pages/display-page';
import { expect, test } from './fixtures';

const MIN_TEXT_PX = 27;

/** Elements whose text is cut or too small, and whether the page scrolls. */
function readability(minPx: number): { cut: string[]; small: string[]; scrolls: boolean } {
  const cut: string[] = [];
  const small: string[] = [];
  const name = (el: Element) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} "${el.textContent?.trim().slice(0, 40)}"`;
  for (const el of document.querySelectorAll<HTMLElement>('main *')) {
    if (el.closest('.visually-hidden, svg') || el.getBoundingClientRect().width === 0) continue;
    const s = getComputedStyle(el);
    const clips = s.overflowX !== 'visible' || s.overflowY !== 'visible' || s.textOverflow === 'ellipsis' || s.webkitLineClamp !== 'none';
    if (el.scrollWidth > el.clientWidth + 1 && (clips || s.whiteSpace === 'nowrap')) cut.push(`wide ${el.scrollWidth}>${el.clientWidth}: ${name(el)}`);
    if (clips && el.scrollHeight > el.clientHeight + 1) cut.push(`tall ${el.scrollHeight}>${el.clientHeight}: ${name(el)}`);
    const ownText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== '');
    if (ownText && parseFloat(s.fontSize) < minPx) small.push(`${s.fontSize}: ${name(el)}`);
  }
  // A panel or row whose content spills over its edge (onto its neighbour) even when nothing clips it.
  for (const box of document.querySelectorAll('main section, main li, main header, main footer')) {
    const r = box.getBoundingClientRect();
    for (const c of box.querySelectorAll('*')) {
      const cr = c.getBoundingClientRect();
      // Inline boxes report the font's whole ascent and descent (the Arabic fonts' are tall): boxes only.
      if (cr.width === 0 || c.closest('.visually-hidden') || getComputedStyle(c).display === 'inline') continue;
      if (cr.top < r.top - 1 || cr.bottom > r.bottom + 1 || cr.left < r.left - 1 || cr.right > r.right + 1) {
        cut.push(`spills out of ${name(box)}: ${name(c)}`);
        break;
      }
    }
  }
  const html = document.documentElement;
  return { cut, small, scrolls: html.scrollHeight > innerHeight || html.scrollWidth > innerWidth };
}

async function check(page: Page): Promise<void> {
  const r = await page.evaluate(readability, MIN_TEXT_PX);
  expect(r.cut, 'text cut').toEqual([]);
  expect(r.small, 'text too small to read across a room').toEqual([]);
  expect(r.scrolls, 'the display scrolls').toBe(false);
}

test('at 1920×1080 no service name or label is cut or too small, in Arabic or English', async ({ browser, branch }) => {
  const clerk = await Clerk.connect(branch.serverUrl);
  // A call for every counter the demo has, so the recent calls fill up too.
  for (const [i, service] of ['new-card', 'renewal', 'replacement', 'collection', 'birth-certificate', 'new-card', 'renewal', 'collection'].entries()) {
    const ticket = await clerk.issue(service);
    await clerk.call(ticket, (i % 5) + 1);
  }
  for (const service of ['new-card', 'renewal', 'replacement', 'collection', 'birth-certificate']) await clerk.issue(service);
  clerk.close();

  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  for (const lang of ['en', 'ar'] as const) {
    const display = new DisplayPage(await context.newPage(), branch.serverUrl);
    await display.open('demo-display-token', lang, { sound: false });
    await expect(display.page.getByTestId('waiting-birth-certificate')).toHaveText('1');
    await check(display.page);
  }
  await context.close();
});
