/**
 * The kiosk in every visitor language (issue 12): chosen on the start screen (each language named in
 * itself), the whole visitor path (typed CPR → service → ticket) in it with axe finding nothing on every
 * screen, Urdu laid out right to left, every screen inside 1080×1920 with large text and no text running out
 * of its box, the ticket's phone link in the language, the language forgotten by the idle reset, speech
 * where a voice exists (none offered in Tagalog), and a first load that fetches only the chosen language.
 */
import { gzipSync } from 'node:zlib';
import type { Page } from '@playwright/test';
import { CARD_SERVICES, VISITOR_LANGUAGES, loadLanguage, pick, t, type VisitorLang } from '@dawr/core';
import { axeViolations } from './axe';
import { expect, test } from './fixtures';
import { KioskPage, WALK_IN_CPR } from './pages/kiosk-page';

const PORTRAIT = { width: 1080, height: 1920 };
const renewal = CARD_SERVICES.find((s) => s.code === 'renewal')!;

test.beforeAll(async () => {
  for (const l of VISITOR_LANGUAGES) await loadLanguage(l.code);
});

/** axe's violations on the page, as `rule: targets`. */
const axe = (page: Page): Promise<string[]> => axeViolations(page);

/**
 * What does not fit at the current size: the document taller or wider than the screen, any text element
 * wider than its own box (clipped or spilling) or reaching past the screen's sides, a target under 44 px.
 */
function misfits(): string[] {
  const out: string[] = [];
  const html = document.documentElement;
  if (html.scrollHeight > window.innerHeight) out.push(`page ${html.scrollHeight} px tall`);
  if (html.scrollWidth > html.clientWidth + 1) out.push(`page ${html.scrollWidth} px wide`);
  for (const el of document.querySelectorAll<HTMLElement>('main *, header *, footer *, .lang-band *')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || el.closest('.visually-hidden, dialog:not([open])')) continue;
    const name = `${el.tagName.toLowerCase()}[${el.dataset.testid ?? (el.textContent ?? '').trim().slice(0, 24)}]`;
    if (el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0 && getComputedStyle(el).overflowX !== 'auto') out.push(`text wider than its box: ${name}`);
    if (r.left < -1 || r.right > window.innerWidth + 1) out.push(`past the screen's side: ${name}`);
    if (el.matches('a[href], button, input, select, summary') && (r.width < 44 || r.height < 44)) out.push(`target ${Math.round(r.width)}×${Math.round(r.height)}: ${name}`);
  }
  return out;
}

/** lang/dir, axe and the fit of the screen on show, with large text on. */
async function check(page: Page, lang: VisitorLang, screen: string, problems: string[]): Promise<void> {
  const rtl = lang === 'ar' || lang === 'ur';
  await expect(page.locator('html'), screen).toHaveAttribute('lang', lang);
  await expect(page.locator('html'), screen).toHaveAttribute('dir', rtl ? 'rtl' : 'ltr');
  await page.evaluate(() => document.fonts.ready);
  for (const v of await axe(page)) problems.push(`${screen}: axe ${v}`);
  for (const m of await page.evaluate(misfits)) problems.push(`${screen}: ${m}`);
}

for (const { code: lang, name } of VISITOR_LANGUAGES) {
  test(`the visitor path in ${lang} (${name}): typed CPR → service → ticket, axe clean, fits 1080×1920 with large text`, async ({ page, branch }) => {
    test.setTimeout(120_000);
    await page.setViewportSize(PORTRAIT);
    const kiosk = new KioskPage(page, branch.kioskUrl);
    await kiosk.open('ar');
    // The start screen offers every language, each named in itself and tagged with its own lang.
    for (const l of VISITOR_LANGUAGES) {
      await expect(page.getByTestId(`lang-${l.code}`)).toHaveText(l.name);
      await expect(page.getByTestId(`lang-${l.code}`)).toHaveAttribute('lang', l.code);
    }
    if (lang !== 'ar') {
      await kiosk.switchLanguage(lang);
      await expect(page).toHaveURL(new RegExp(`[?&]lang=${lang}`));
      await kiosk.hydrated();
    }
    await expect(page.getByTestId(`lang-${lang}`)).toHaveAttribute('aria-current', 'true');
    await page.getByTestId('large-text').click();
    await expect(page.locator('html')).toHaveClass(/large/);
    const problems: string[] = [];

    await expect(page.getByRole('heading', { level: 2 }).first()).toHaveText(t(lang, 'kiosk.start.title'));
    await check(page, lang, 'start', problems);
    if (lang === 'ur') {
      // Right to left: the branch's name at the right of the header, the help line's text before its number.
      const box = (await page.getByTestId('branch-name').boundingBox())!;
      expect(box.x + box.width).toBeGreaterThan(PORTRAIT.width * 0.8);
      expect(await page.getByTestId('branch-name').evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
    }

    await page.getByTestId('type-cpr').click();
    await expect(page.getByTestId('cpr-input')).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t(lang, 'kiosk.cpr.title'));
    await check(page, lang, 'CPR keypad', problems);
    for (const d of WALK_IN_CPR) await page.getByTestId(`key-${d}`).click();
    await page.getByTestId('cpr-submit').click();

    await expect(page.getByTestId('no-appointment')).toHaveText(t(lang, 'kiosk.services.noAppointment'));
    await expect(page.getByTestId('service-renewal')).toContainText(pick(renewal.name, lang));
    await check(page, lang, 'services', problems);
    await page.getByTestId('service-renewal').click();

    await expect(page.getByTestId('priority-none')).toHaveText(t(lang, 'kiosk.priority.none'));
    await check(page, lang, 'priority', problems);
    await page.getByTestId('priority-none').click();

    await expect(page.getByTestId('ticket-service')).toHaveText(pick(renewal.name, lang));
    await expect(kiosk.printStatus()).toHaveAttribute('data-state', 'printed');
    await check(page, lang, 'ticket', problems);
    // The phone page opens in the ticket's language.
    expect(await kiosk.screenQr()).toMatch(lang === 'ar' ? /\/t\/[\w-]+\?lang=ar$/ : new RegExp(`/t/[\\w-]+\\?lang=${lang}$`));
    expect(problems).toEqual([]);

    // The language lasts for the visit only: "Done" starts the next visitor in Arabic.
    await page.getByTestId('done').click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
    await expect(page).not.toHaveURL(/lang=/);
  });
}

test('the header menu changes the language mid-visit, errors come in it, the idle reset forgets it', async ({ page, branch }) => {
  const kiosk = new KioskPage(page, branch.kioskUrl);
  await page.clock.install();
  await kiosk.open('hi');
  await expect(page.locator('html')).toHaveAttribute('lang', 'hi');
  await page.getByTestId('type-cpr').click();
  await expect(page.getByTestId('cpr-input')).toBeVisible();
  // Later screens have the menu instead of the start screen's band: same screen, another language.
  await expect(page.getByTestId('lang-choice')).toHaveCount(0);
  await kiosk.switchLanguage('bn');
  await expect(page).toHaveURL(/\/cpr\?lang=bn$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('bn', 'kiosk.cpr.title'));
  await kiosk.hydrated();
  // A refusal in the chosen language too (core's message, translated by its English text).
  await page.getByTestId('cpr-input').fill('123');
  await page.getByTestId('cpr-submit').click();
  await expect(page.getByTestId('error')).toContainText(t('bn', 'err.CPR_FORMAT'));
  await page.clock.fastForward(61_000);
  await expect(page.getByTestId('idle-warning')).toContainText(t('bn', 'kiosk.idle.title'));
  await page.clock.fastForward(31_000);
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  await expect(page.getByTestId('lang-ar')).toHaveAttribute('aria-current', 'true');
});

test('speech in every language with a voice, none offered in Tagalog', async ({ page, branch }) => {
  const kiosk = new KioskPage(page, branch.kioskUrl);
  for (const lang of ['ur', 'hi', 'ml', 'bn', 'ta'] as const) {
    await kiosk.open(lang);
    await page.getByTestId('speech-speak').click();
    await expect
      .poll(() => page.evaluate(() => (window as { __dawrKioskSpeech?: { lang: string; clips: string[] }[] }).__dawrKioskSpeech?.at(-1)))
      .toMatchObject({ lang, clips: expect.arrayContaining([`${lang}/kiosk.welcome`, `${lang}/kiosk.start.title`]) });
    const clip = await page.request.get(`${branch.kioskUrl}/audio/${lang}/kiosk.start.title.ogg`);
    expect(clip.status(), lang).toBe(200);
    expect((await clip.body()).subarray(0, 4).toString()).toBe('OggS');
  }
  await kiosk.open('tl');
  await expect(page.getByTestId('lang-tl')).toHaveAttribute('aria-current', 'true');
  await expect(page.getByTestId('speech')).toHaveCount(0);
});

test('the first load fetches only the chosen language, and at most 120 KB of JavaScript (gzip)', async ({ page, branch }) => {
  const kiosk = new KioskPage(page, branch.kioskUrl);
  const marks = Object.fromEntries(VISITOR_LANGUAGES.filter((l) => l.code !== 'ar' && l.code !== 'en').map((l) => [l.code, t(l.code, 'kiosk.start.intro')]));
  for (const lang of ['ar', 'ur', 'tl'] as const) {
    const scripts: { url: string; body: Buffer }[] = [];
    const onResponse = async (r: import('@playwright/test').Response) => {
      if (r.request().resourceType() === 'script' || r.url().endsWith('.js')) scripts.push({ url: r.url(), body: await r.body() });
    };
    page.on('response', onResponse);
    await page.context().clearCookies();
    await kiosk.open(lang);
    await page.waitForLoadState('networkidle');
    page.off('response', onResponse);
    const gz = scripts.reduce((sum, s) => sum + gzipSync(s.body).length, 0);
    expect(gz, `${lang}: ${scripts.length} scripts, ${gz} bytes gzip`).toBeLessThanOrEqual(120 * 1024);
    const all = scripts.map((s) => s.body.toString()).join('\n');
    for (const [code, mark] of Object.entries(marks)) expect(all.includes(mark), `${lang} page has the ${code} dictionary`).toBe(code === lang);
    console.log(`kiosk first load (${lang}): ${scripts.length} scripts, ${(gz / 1024).toFixed(1)} KB gzip`);
  }
});
