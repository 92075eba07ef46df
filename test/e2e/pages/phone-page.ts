import type { Page } from '@playwright/test';
import type { VisitorInput } from '@dawr/core';
import { connect, type Client } from '../../helpers/branch';

/** What the phone page records for each turn alert (phone/src/lib/alert.svelte.ts). */
export interface PhoneAlert {
  counter: number | null;
  sound: 'played' | 'off' | 'blocked';
  vibrated: boolean;
}

/** The visitor's phone page, opened from the ticket's QR: /t/<track token>. */
export class PhonePage {
  constructor(
    readonly page: Page,
    readonly serverUrl: string,
  ) {}

  async open(trackToken: string): Promise<void> {
    await this.page.goto(`${this.serverUrl}/t/${trackToken}`);
  }

  number() {
    return this.page.getByTestId('ticket-number');
  }

  branchName() {
    return this.page.getByTestId('branch');
  }

  service() {
    return this.page.getByTestId('service');
  }

  status() {
    return this.page.getByTestId('status');
  }

  ahead() {
    return this.page.getByTestId('ahead');
  }

  estimatedWait() {
    return this.page.getByTestId('wait');
  }

  goToCounter() {
    return this.page.getByTestId('go-to-counter');
  }

  unknownTicket() {
    return this.page.getByTestId('unknown-ticket');
  }

  hotline() {
    return this.page.getByTestId('hotline');
  }

  reconnecting() {
    return this.page.getByTestId('reconnecting');
  }

  langSwitch() {
    return this.page.getByTestId('lang-switch');
  }

  soundButton() {
    return this.page.getByTestId('sound');
  }

  /** The turn alerts the page raised so far. */
  alerts(): Promise<PhoneAlert[]> {
    return this.page.evaluate(() => (window as { __dawrPhoneAlerts?: PhoneAlert[] }).__dawrPhoneAlerts ?? []);
  }

  /** Whether the page is wider than the screen (it must never scroll sideways). */
  scrollsSideways(): Promise<boolean> {
    return this.page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
  }
}

/** A ticket as the kiosk gave it, with the token its QR carries. */
export interface IssuedTicket {
  id: string;
  number: string;
  trackToken: string;
}

/**
 * The branch side of a phone test: a kiosk issues new-card tickets and counter 3 (which serves every
 * service at Seef Mall) calls them, both over real sockets.
 */
export class PhoneQueue {
  static readonly SERVICE = 'seef-mall.new-card';
  static readonly COUNTER = 'seef-mall.counter-3';

  private constructor(
    readonly kiosk: Client,
    readonly counter: Client,
  ) {}

  static async open(serverUrl: string): Promise<PhoneQueue> {
    return new PhoneQueue(await connect(serverUrl, 'demo-kiosk-token'), await connect(serverUrl, 'demo-counter-token'));
  }

  async issue(visitor?: VisitorInput): Promise<IssuedTicket> {
    const r = await this.kiosk.emitWithAck('ticket:issue:v1', { serviceId: PhoneQueue.SERVICE, ...(visitor ? { visitor } : {}) });
    if (!r.ok) throw new Error(`issue failed: ${r.code}`);
    return { id: r.ticket.id, number: r.ticket.number, trackToken: r.trackToken };
  }

  /** Calls the next ticket at counter 3; its number, or null when nobody waits. */
  async callNext(): Promise<string | null> {
    const r = await this.counter.emitWithAck('counter:callNext:v1', { counterId: PhoneQueue.COUNTER });
    if (!r.ok) throw new Error(`callNext failed: ${r.code}`);
    return r.ticket?.number ?? null;
  }

  /** Calls one ticket out of order at counter 3. */
  async call(ticketId: string): Promise<void> {
    const r = await this.counter.emitWithAck('counter:callTicket:v1', { ticketId, counterId: PhoneQueue.COUNTER });
    if (!r.ok) throw new Error(`callTicket failed: ${r.code}`);
  }

  async start(ticketId: string): Promise<void> {
    const r = await this.counter.emitWithAck('ticket:start:v1', { ticketId, counterId: PhoneQueue.COUNTER });
    if (!r.ok) throw new Error(`start failed: ${r.code}`);
  }

  async finish(ticketId: string): Promise<void> {
    const r = await this.counter.emitWithAck('ticket:finish:v1', { ticketId, counterId: PhoneQueue.COUNTER, outcome: 'served' });
    if (!r.ok) throw new Error(`finish failed: ${r.code}`);
  }

  close(): void {
    this.kiosk.close();
    this.counter.close();
  }
}
