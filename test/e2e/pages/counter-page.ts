import { expect, type Page } from '@playwright/test';

/** The counter clerk's screen. */
export class CounterPage {
  constructor(
    readonly page: Page,
    readonly serverUrl: string,
  ) {}

  async open(token: string, lang: 'ar' | 'en' = 'ar'): Promise<void> {
    await this.page.goto(`${this.serverUrl}/counter/?token=${token}${lang === 'en' ? '&lang=en' : ''}`);
  }

  async chooseCounter(n: number): Promise<void> {
    await this.page.getByTestId(`counter-choice-${n}`).click();
  }

  /** Presses "Call next" once it is enabled and returns the ticket it called. */
  async callNext(): Promise<string> {
    const button = this.page.getByTestId('call-next');
    await expect(button).toBeEnabled();
    const current = this.page.getByTestId('current-ticket');
    const before = (await current.count()) ? await current.innerText() : '';
    await button.click();
    await expect(current).not.toHaveText(before);
    return (await current.innerText()).trim();
  }
}
