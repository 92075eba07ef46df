import { expect, type Page } from '@playwright/test';

/** The citizen on the online renewal page at the hub: the e-key login, the application, its changes. */
export class RenewPage {
  constructor(
    readonly page: Page,
    readonly hubUrl: string,
    readonly issuer: string,
  ) {}

  /** Opens the page in `lang` and waits until it has rendered (logged in or not). */
  async open(lang: 'ar' | 'en' = 'ar'): Promise<void> {
    await this.page.goto(`${this.hubUrl}/portal/renew/${lang === 'en' ? '?lang=en' : ''}`);
    await expect(this.page.getByTestId('renew-login').or(this.page.getByTestId('renew-logout'))).toBeVisible();
  }

  /** Logs in at the e-key from the page (opened first) and comes back to it. */
  async logIn(cpr: string, password = 'dawr-ekey'): Promise<void> {
    const p = this.page;
    await p.getByTestId('renew-login').click();
    await expect(p).toHaveURL(new RegExp(`^${this.issuer}/interaction/`));
    await p.getByLabel('CPR').fill(cpr);
    await p.getByLabel('Password').fill(password);
    await p.getByRole('button', { name: 'Log in' }).click();
    await p.waitForURL(new RegExp(`^${this.hubUrl}/portal/renew/`));
    await expect(p.getByTestId('renew-logout')).toBeVisible();
  }

  /** Confirms the details and applies for pickup at `branchId`; the application's id and reference. */
  async applyAt(branchId: string): Promise<{ id: string; reference: string }> {
    const p = this.page;
    await p.getByTestId('renew-confirm').check();
    await p.getByTestId('renew-pickup-branch').check();
    await p.getByTestId('renew-branch').selectOption(branchId);
    await p.getByTestId('renew-submit').click();
    await expect(p.getByTestId('renew-application')).toBeVisible();
    const session = await (await p.request.get(`${this.hubUrl}/api/portal/v1/renewal/session`)).json();
    return session.applications[0] as { id: string; reference: string };
  }
}
