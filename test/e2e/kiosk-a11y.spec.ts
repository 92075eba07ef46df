/**
 * Every kiosk screen in both languages against the checklist items a test can check
 * (shared/docs/kiosk-and-display.md): lang/dir, English fragments tagged on Arabic pages, every number in
 * <bdi> or dir=ltr, touch targets (44×44, primary 64 px tall), keyboard reachability with a visible focus,
 * no horizontal scroll at 200 % text in portrait 1080×1920 and landscape 1920×1080, and axe with no
 * violations. axe skips contrast on Arabic text; the English screens use the same colours, so their
 * contrast check covers both. The high-contrast mode is checked against AAA contrast (7:1).
 */
import type { Page } from '@playwright/test';
import { axeViolations } from './axe';
import { expect, test } from './fixtures';
import { KioskPage, td1Mrz } from './pages/kiosk-page';

const PORTRAIT = { width: 1080, height: 1920 };
const LANDSCAPE = { width: 1920, height: 1080 };

const axe = (page: Page, rules?: string[]): Promise<string[]> => axeViolations(page, { rules });

/** Problems the page itself can report: sizes, numbers outside <bdi>, untagged English, overflow. */
function pageProblems(lang: 'ar' | 'en'): string[] {
  const out: string[] = [];
  const visible = (el: Element) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
  };
  for (const el of document.querySelectorAll('a[href], button, input:not([type=hidden]), textarea, select')) {
    if (!visible(el)) continue;
    const r = el.getBoundingClientRect();
    const name = (el as HTMLElement).dataset.testid ?? el.textContent?.trim().slice(0, 30);
    if (r.width < 44 || r.height < 44) out.push(`target ${Math.round(r.width)}×${Math.round(r.height)}: ${name}`);
    if (el.matches('.primary, .choose') && r.height < 64) out.push(`primary ${Math.round(r.height)} px tall: ${name}`);
  }
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const text = walker.currentNode.nodeValue ?? '';
    const el = walker.currentNode.parentElement;
    if (!el || el.closest('script, style, textarea, svg, .visually-hidden, dialog:not([open])') || !visible(el)) continue;
    if (/\d/.test(text) && !el.closest('bdi, [dir="ltr"]')) out.push(`number outside <bdi>: "${text.trim()}"`);
    // Latin letters on an Arabic page: English (or Tagalog, the language chooser's one Latin name) tagged so.
    if (lang === 'ar' && /[A-Za-z]{2,}/.test(text) && !el.closest('[lang^="en"], [lang="tl"]')) out.push(`English without lang=en: "${text.trim()}"`);
  }
  return out;
}

/** Whether the page scrolls sideways with the root font size doubled (200 % text). */
async function overflowsAt200(page: Page): Promise<boolean> {
  return page.evaluate(async () => {
    const html = document.documentElement;
    const before = html.style.fontSize;
    html.style.fontSize = `${parseFloat(getComputedStyle(html).fontSize) * 2}px`;
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const over = html.scrollWidth > html.clientWidth + 1;
    html.style.fontSize = before;
    return over;
  });
}

/** Tabs through the page: every visible control must get the focus, each with a visible focus indicator. */
async function keyboardProblems(page: Page): Promise<string[]> {
  const total = await page.evaluate(() => {
    const els = [...document.querySelectorAll<HTMLElement>('a[href], button:not(:disabled), input:not([type=hidden]), textarea')].filter(
      (el) => el.getBoundingClientRect().width > 0 && !el.closest('dialog:not([open])'),
    );
    els.forEach((el, i) => (el.dataset.tabkey = String(i)));
    (document.activeElement as HTMLElement | null)?.blur();
    return els.length;
  });
  const reached = new Set<string>();
  const problems: string[] = [];
  for (let i = 0; i < total * 2 + 4 && reached.size < total; i++) {
    await page.keyboard.press('Tab');
    const f = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el?.dataset.tabkey) return null;
      const s = getComputedStyle(el);
      return { key: el.dataset.tabkey, shown: (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none', id: el.dataset.testid ?? el.textContent?.trim().slice(0, 30) };
    });
    if (!f) continue;
    if (!f.shown && !reached.has(f.key)) problems.push(`no visible focus: ${f.id}`);
    reached.add(f.key);
  }
  if (reached.size < total) problems.push(`only ${reached.size} of ${total} controls reachable by Tab`);
  return problems;
}

/** The whole checklist on the current screen, in portrait and landscape. */
async function check(page: Page, lang: 'ar' | 'en', screen: string): Promise<void> {
  await expect(page.locator('html'), screen).toHaveAttribute('lang', lang);
  await expect(page.locator('html'), screen).toHaveAttribute('dir', lang === 'ar' ? 'rtl' : 'ltr');
  expect(await axe(page), `axe on ${screen}`).toEqual([]);
  expect(await page.evaluate(pageProblems, lang), screen).toEqual([]);
  expect(await keyboardProblems(page), `keyboard on ${screen}`).toEqual([]);
  for (const size of [PORTRAIT, LANDSCAPE]) {
    await page.setViewportSize(size);
    expect(await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth), `${screen} ${size.width}×${size.height}`).toBe(false);
    expect(await overflowsAt200(page), `${screen} at 200 % text, ${size.width}×${size.height}`).toBe(false);
  }
  await page.setViewportSize(PORTRAIT);
}

for (const lang of ['ar', 'en'] as const) {
  test(`every screen meets the checklist (${lang})`, async ({ page, branch }) => {
    test.setTimeout(120_000);
    await page.setViewportSize(PORTRAIT);
    const kiosk = new KioskPage(page, branch.kioskUrl);
    await kiosk.open(lang);
    await check(page, lang, 'start');

    const mrz = td1Mrz({ docNumber: 'A1234567', cpr: '850101001', birth: '850101', sex: 'F', expiry: '300101', surname: 'AL SAYED', given: 'FATIMA' });
    await kiosk.scan([mrz[0]!, mrz[1]!.replace(/\d$/, (d) => String((Number(d) + 1) % 10)), mrz[2]!]);
    await expect(page.getByTestId('error')).toBeVisible();
    await check(page, lang, 'start with a scan error');

    await page.getByTestId('type-cpr').first().click();
    await page.getByTestId('cpr-input').fill('123');
    await page.getByTestId('cpr-submit').click();
    await expect(page.getByTestId('error')).toBeVisible();
    await check(page, lang, 'CPR keypad with an error');

    await page.getByTestId('cpr-input').fill('870203045');
    await page.getByTestId('cpr-submit').click();
    await expect(page.getByTestId('no-appointment')).toBeVisible();
    await check(page, lang, 'services');

    await page.getByTestId('service-renewal').click();
    await expect(page.getByTestId('priority-none')).toBeVisible();
    await check(page, lang, 'priority');

    await page.getByTestId('priority-none').click();
    await expect(kiosk.printStatus()).toHaveAttribute('data-state', 'printed');
    await check(page, lang, 'ticket');
    await expect(page.getByTestId('ticket-number').locator('xpath=ancestor-or-self::bdi')).toHaveCount(1);
    await page.getByTestId('done').click();
    if (lang === 'en') await kiosk.open('en');

    // The MRZ of the on-time appointment: the one screen with the visitor's (English) name.
    await kiosk.scan(mrz);
    await expect(page.getByTestId('person-name')).toBeVisible();
    await check(page, lang, 'appointment');
    await page.getByTestId('start-over').click();
    if (lang === 'en') await kiosk.open('en');

    // A child's card valid for years: the online notice, then (another card) the valid-card advice.
    await kiosk.scan(td1Mrz({ docNumber: 'C7654321', cpr: '240301234', birth: '240301', sex: 'M', expiry: '290301', surname: 'AL SAYED', given: 'ALI' }));
    await page.getByTestId('service-new-card').click();
    await expect(page.getByTestId('advice-online')).toBeVisible();
    await check(page, lang, 'online-issue advice');
    await page.getByTestId('start-over').click();
    if (lang === 'en') await kiosk.open('en');
    await kiosk.scan(td1Mrz({ docNumber: 'B7654321', cpr: '790501234', birth: '790501', sex: 'F', expiry: '300501', surname: 'AL SAYED', given: 'MARYAM' }));
    await page.getByTestId('service-replacement').click();
    await expect(page.getByTestId('advice-valid')).toBeVisible();
    await check(page, lang, 'valid-card advice');

    // The idle warning (opened at once with a fake clock).
    await page.clock.install();
    await page.reload();
    await kiosk.hydrated(); // the idle timer starts with the page's scripts
    await page.clock.fastForward(61_000);
    await expect(page.getByTestId('idle-warning')).toBeVisible();
    expect(await axe(page), 'axe on the idle warning').toEqual([]);
    expect(await page.evaluate(pageProblems, lang)).toEqual([]);
    await page.getByTestId('more-time').click();

    await page.getByTestId('start-over').click();
    if (lang === 'en') await kiosk.open('en');
    await page.getByTestId('no-id').click();
    await expect(page.getByTestId('no-id-note')).toBeVisible();
    await check(page, lang, 'services without an ID');
  });
}

test('high contrast and large text: AAA contrast, and nothing scrolls sideways', async ({ page, branch }) => {
  await page.setViewportSize(PORTRAIT);
  const kiosk = new KioskPage(page, branch.kioskUrl);
  await kiosk.open('en');
  await page.getByTestId('high-contrast').click();
  await page.getByTestId('large-text').click();
  await expect(page.getByTestId('high-contrast')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('html')).toHaveClass(/contrast/);
  await expect(page.locator('html')).toHaveClass(/large/);
  expect(await axe(page, ['color-contrast-enhanced'])).toEqual([]);
  await kiosk.takeTicket('collection');
  // Both modes last for this visitor's session (new page loads included)…
  await expect(page.locator('html')).toHaveClass(/contrast/);
  expect(await axe(page, ['color-contrast-enhanced'])).toEqual([]);
  expect(await axe(page)).toEqual([]);
  for (const size of [PORTRAIT, LANDSCAPE]) {
    await page.setViewportSize(size);
    expect(await overflowsAt200(page)).toBe(false);
  }
  // …and end with it.
  await page.getByTestId('done').click();
  await expect(page.locator('html')).not.toHaveClass(/contrast|large/);
});
