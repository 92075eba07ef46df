import { expect, type Page } from '@playwright/test';

/** Someone booking on the portal: what they type and choose. */
export interface Citizen {
  cpr: string;
  name: string;
  mobile: string;
  email: string;
  birthDate: string;
  nationality?: 'BH' | 'other';
  cardExpiry?: string;
}

/** The booking portal's pages (start, booking steps, manage) at the hub. */
export class PortalPage {
  constructor(
    readonly page: Page,
    readonly hubUrl: string,
  ) {}

  /** Opens a portal page and waits for its scripts (the language link is rendered by them). */
  async open(lang: 'ar' | 'en' = 'ar', path = '/'): Promise<void> {
    await this.page.goto(`${this.hubUrl}/portal${path}${lang === 'en' ? '?lang=en' : ''}`);
    await expect(this.page.getByTestId('lang-toggle')).toBeVisible();
  }

  /** Fills the details step (the chosen service's fields) and goes on. */
  async fillDetails(c: Citizen): Promise<void> {
    const p = this.page;
    await p.getByTestId('field-cpr').fill(c.cpr);
    await p.getByTestId('field-name').fill(c.name);
    await p.getByTestId('field-mobile').fill(c.mobile);
    await p.getByTestId('field-email').fill(c.email);
    await p.getByTestId('field-birthDate').fill(c.birthDate);
    if (c.cardExpiry !== undefined) await p.getByTestId('field-cardExpiry').fill(c.cardExpiry);
    await p.getByTestId(`nationality-${c.nationality ?? 'BH'}`).check();
    await p.getByTestId('details-next').click();
  }

  /** Books `service` at `branch` at the slot shown as `time` (HH:MM, Bahrain) on the first day offered; the reference and QR token. */
  async book(o: { service: string; branch: string; time: string; citizen: Citizen }): Promise<{ reference: string; token: string }> {
    const p = this.page;
    await p.getByTestId('start-book').click();
    await p.getByTestId(`service-${o.service}`).click();
    await this.fillDetails(o.citizen);
    await p.getByTestId(`branch-${o.branch}`).click();
    await p.getByTestId(`slot-${o.time}`).click();
    await p.getByTestId('slot-next').click();
    await p.getByTestId('confirm').click();
    await expect(p.getByTestId('done-heading')).toBeFocused();
    const reference = (await p.getByTestId('reference').textContent())!.trim();
    const token = (await p.getByTestId('qr').getAttribute('data-token'))!;
    return { reference, token };
  }

  /** Looks a booking up on the manage page (opened in `lang`); the booking card's status. */
  async lookUp(reference: string, cpr: string, lang: 'ar' | 'en' = 'en'): Promise<string> {
    await this.open(lang, '/manage');
    await this.page.getByTestId('field-reference').fill(reference);
    await this.page.getByTestId('field-cpr').fill(cpr);
    await this.page.getByTestId('find').click();
    await expect(this.page.getByTestId('booking')).toBeVisible();
    return (await this.page.getByTestId('booking').getAttribute('data-status'))!;
  }
}
