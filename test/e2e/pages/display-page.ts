import { expect, type BrowserContext, type Page } from '@playwright/test';
import type { PublicTicket } from '@dawr/core';
import { connect, type Client } from '../../helpers/branch';

/** One announcement as the display's test hook (`window.__dawrAnnouncements`) records it. */
export interface Announcement {
  ticket: string;
  counter: number;
  recall: boolean;
  clips: string[];
  startedAt: number;
  endedAt: number | null;
}

export interface DisplayOptions {
  /** Profile: service codes to show (`?services=`). */
  services?: string[];
  /** `false` → `?sound=0`. */
  sound?: boolean;
}

/** The waiting-room wall display. */
export class DisplayPage {
  constructor(
    readonly page: Page,
    readonly serverUrl: string,
  ) {}

  async open(token: string, lang: 'ar' | 'en' = 'ar', options: DisplayOptions = {}): Promise<void> {
    const q = new URLSearchParams({ token });
    if (lang === 'en') q.set('lang', 'en');
    if (options.services) q.set('services', options.services.join(','));
    if (options.sound === false) q.set('sound', '0');
    await this.page.goto(`${this.serverUrl}/display/?${q}`);
  }

  /** Resolves once the display has drawn the branch from its first snapshot. */
  async ready(): Promise<void> {
    await expect(this.page.getByTestId('recent-calls')).toBeAttached();
  }

  nowServingNumber() {
    return this.page.getByTestId('now-serving-number');
  }

  nowServingCounter() {
    return this.page.getByTestId('now-serving-counter');
  }

  recentCalls() {
    return this.page.getByTestId('recent-calls');
  }

  waiting(serviceCode: string) {
    return this.page.getByTestId(`waiting-${serviceCode}`);
  }

  connectionLost() {
    return this.page.getByTestId('connection-lost');
  }

  enableSound() {
    return this.page.getByTestId('enable-sound');
  }

  /** Every announcement the page has scheduled so far, oldest first. */
  announcements(): Promise<Announcement[]> {
    return this.page.evaluate(() => (window as { __dawrAnnouncements?: Announcement[] }).__dawrAnnouncements ?? []);
  }

  /** Waits until at least `n` announcements are scheduled (and, with `ended`, all of them finished). */
  async waitForAnnouncements(n: number, { ended = false, timeout = 30_000 } = {}): Promise<Announcement[]> {
    await this.page.waitForFunction(
      ([n, ended]) => {
        const a = (window as { __dawrAnnouncements?: Announcement[] }).__dawrAnnouncements ?? [];
        return a.length >= n && (!ended || a.every((x) => x.endedAt !== null));
      },
      [n, ended] as const,
      { timeout, polling: 100 },
    );
    return this.announcements();
  }
}

/**
 * Makes the context's pages behave like a plain browser without autoplay permission (headless Chromium
 * always lets audio start): an AudioContext starts suspended and resume() works only during a user
 * gesture (navigator.userActivation), as Chromium's autoplay policy does.
 */
export async function emulateBlockedAutoplay(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const Real = window.AudioContext;
    window.AudioContext = class extends Real {
      #unlocked = false;
      constructor(options?: AudioContextOptions) {
        super(options);
        // A new context may start running on its own a moment later: hold it suspended until unlocked.
        const hold = () => {
          if (!this.#unlocked && this.state === 'running') void super.suspend();
        };
        this.addEventListener('statechange', hold);
        void super.suspend();
      }
      override resume(): Promise<void> {
        if (!navigator.userActivation.isActive) return new Promise<void>(() => {});
        this.#unlocked = true;
        return super.resume();
      }
    };
  });
}

/**
 * What an announcement must say, restated from the spec (not imported from the app): chime, then Arabic,
 * then English; each "ticket number <letter> <number>, counter <number>", numbers said whole (A-042 → 42,
 * B-142 → 100, and, 42).
 */
export function expectedClips(ticket: string, counter: number): string[] {
  const [, letter, digits] = /^([A-Z])-(\d{3})$/.exec(ticket) ?? [];
  if (!letter || !digits) throw new Error(`unexpected ticket number ${ticket}`);
  const say = (lang: string, n: number): string[] =>
    n < 100 || n % 100 === 0
      ? [`${lang}/${n}`]
      : [`${lang}/${Math.floor(n / 100) * 100}`, `${lang}/and`, `${lang}/${n % 100}`];
  const part = (lang: string) => [
    `${lang}/ticket`,
    `${lang}/letter-${letter.toLowerCase()}`,
    ...say(lang, Number(digits)),
    `${lang}/counter`,
    ...say(lang, counter),
  ];
  return ['chime', ...part('ar'), ...part('en')];
}

/**
 * A kiosk and a clerk, driven through their sockets (the display is what is under test): issues
 * tickets for demo Seef Mall services and calls them at a given counter.
 */
export class Clerk {
  private constructor(
    private readonly kiosk: Client,
    private readonly counter: Client,
  ) {}

  static async connect(serverUrl: string): Promise<Clerk> {
    const [kiosk, counter] = await Promise.all([
      connect(serverUrl, 'demo-kiosk-token'),
      connect(serverUrl, 'demo-counter-token'),
    ]);
    return new Clerk(kiosk, counter);
  }

  /** Issues a walk-in ticket for a service code (`new-card`, `renewal`, …). */
  async issue(serviceCode: string): Promise<PublicTicket> {
    const r = await this.kiosk.emitWithAck('ticket:issue:v1', { serviceId: `seef-mall.${serviceCode}` });
    if (!r.ok) throw new Error(`issue ${serviceCode}: ${r.code} ${r.msg}`);
    return r.ticket;
  }

  /** Calls this ticket at counter `n` (1–5). */
  async call(ticket: PublicTicket, n: number): Promise<PublicTicket> {
    const r = await this.counter.emitWithAck('counter:callTicket:v1', { ticketId: ticket.id, counterId: `seef-mall.counter-${n}` });
    if (!r.ok) throw new Error(`call ${ticket.number}: ${r.code} ${r.msg}`);
    return r.ticket;
  }

  /** Calls the ticket held at counter `n` again. */
  async recall(ticket: PublicTicket, n: number): Promise<PublicTicket> {
    const r = await this.counter.emitWithAck('ticket:recall:v1', { ticketId: ticket.id, counterId: `seef-mall.counter-${n}` });
    if (!r.ok) throw new Error(`recall ${ticket.number}: ${r.code} ${r.msg}`);
    return r.ticket;
  }

  close(): void {
    this.kiosk.close();
    this.counter.close();
  }
}
