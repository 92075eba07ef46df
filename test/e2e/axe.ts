/** Axe in the browser tests: the rules every app is held to, and the violations listed so that a failure reads well. */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** WCAG 2.0–2.2 A and AA, and axe's best practices. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/**
 * The page's violations as it is now, each `<prefix><rule>: <the elements it found>`: of AXE_TAGS, or of only the
 * named `rules` (a check of its own, such as AAA contrast).
 */
export async function axeViolations(page: Page, o: { prefix?: string; rules?: string[] } = {}): Promise<string[]> {
  const prefix = o.prefix ?? '';
  const builder = new AxeBuilder({ page });
  const r = await (o.rules ? builder.withRules(o.rules) : builder.withTags(AXE_TAGS)).analyze();
  return r.violations.map((v) => `${prefix}${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/**
 * No violations in English, then in Arabic (the page's language toggle; both, since axe skips contrast on Arabic
 * text), then back to English.
 */
export async function noViolationsInBothLanguages(page: Page): Promise<void> {
  expect(await axeViolations(page)).toEqual([]);
  await page.getByTestId('lang-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  expect(await axeViolations(page)).toEqual([]);
  await page.getByTestId('lang-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
}
