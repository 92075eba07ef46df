import { expect, type Locator, type Page } from '@playwright/test';
import { tc, type Lang } from '@dawr/core';

/** The centre's pages: sign-in, the admin page (catalogue and appointments) and the national picture. */
export class CentralPage {
  constructor(
    readonly page: Page,
    readonly hubUrl: string,
  ) {}

  /** Opens the admin page (`/central/admin`), or the national picture with `path` '/'. */
  async open(lang: Lang = 'ar', path = '/admin'): Promise<void> {
    await this.page.goto(`${this.hubUrl}/central${path}${lang === 'en' ? '?lang=en' : ''}`);
  }

  async signIn(username: string, password: string, lang: Lang = 'ar'): Promise<void> {
    await this.page.getByTestId('central-username').fill(username);
    await this.page.getByTestId('central-password').fill(password);
    await this.page.getByRole('button', { name: tc(lang, 'central.login.submit') }).click();
  }

  /** Picks the branch to edit and waits for its catalogue. */
  async chooseBranch(id: string): Promise<void> {
    await this.page.getByTestId('admin-branch').selectOption(id);
    await expect(this.page.getByTestId('hours-opens')).toBeVisible();
  }

  async setHours(opensAt: string, closesAt: string): Promise<void> {
    await this.page.getByTestId('hours-opens').fill(opensAt);
    await this.page.getByTestId('hours-closes').fill(closesAt);
    await this.page.getByTestId('hours-save').click();
  }

  async addHoliday(day: string): Promise<void> {
    await this.page.getByTestId('holiday-day').fill(day);
    await this.page.getByTestId('holiday-add').click();
  }

  async removeHoliday(day: string): Promise<void> {
    await this.page.getByTestId(`holiday-remove-${day}`).click();
  }

  /** A service's row in the settings table (by service code). */
  service(code: string): Locator {
    return this.page.getByTestId('services').getByTestId(`service-${code}`);
  }

  /** Books an appointment through the page; returns nothing (the list shows it). */
  async book(o: { day?: string; serviceId: string; cpr: string; time: string }): Promise<void> {
    if (o.day) await this.page.getByTestId('appt-day').fill(o.day);
    await this.page.getByTestId('appt-service').selectOption(o.serviceId);
    await this.page.getByTestId('appt-cpr').fill(o.cpr);
    await this.page.getByTestId('appt-time').fill(o.time);
    await this.page.getByTestId('appt-book').click();
  }

  /** The rows of the appointments list. */
  appointments(): Locator {
    return this.page.getByTestId('appts').locator('tbody tr');
  }

  feedback(section: 'hours' | 'holidays' | 'services' | 'appts'): Locator {
    return this.page.getByTestId(`${section}-feedback`);
  }
}
