import { expect, type Page } from '@playwright/test';

/** The kiosk's start and ticket screens. */
export class KioskPage {
  constructor(
    readonly page: Page,
    readonly url: string,
  ) {}

  async open(lang: 'ar' | 'en' = 'ar'): Promise<void> {
    await this.page.goto(lang === 'en' ? `${this.url}/?lang=en` : `${this.url}/`);
  }

  /** Takes a ticket for the service with this code and returns the number shown. */
  async takeTicket(serviceCode: string): Promise<string> {
    await this.page.getByTestId(`service-${serviceCode}`).click();
    const number = this.page.getByTestId('ticket-number');
    await expect(number).toBeVisible();
    return (await number.innerText()).trim();
  }

  async switchLanguage(): Promise<void> {
    await this.page.getByTestId('lang-toggle').click();
  }
}
