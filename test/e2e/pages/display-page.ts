import type { Page } from '@playwright/test';

/** The waiting-room wall display. */
export class DisplayPage {
  constructor(
    readonly page: Page,
    readonly serverUrl: string,
  ) {}

  async open(token: string, lang: 'ar' | 'en' = 'ar'): Promise<void> {
    await this.page.goto(`${this.serverUrl}/display/?token=${token}${lang === 'en' ? '&lang=en' : ''}`);
  }

  nowServingNumber() {
    return this.page.getByTestId('now-serving-number');
  }

  nowServingCounter() {
    return this.page.getByTestId('now-serving-counter');
  }
}
