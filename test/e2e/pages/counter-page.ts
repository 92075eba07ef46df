import { expect, type Locator, type Page } from '@playwright/test';
import { io, type Socket } from 'socket.io-client';
import type { BranchSnapshot, ClientToServerEvents, PublicTicket, ServerToClientEvents, StaffTicket, VisitorInput } from '@dawr/core';

export type Action = 'recall' | 'start' | 'finish' | 'noShow' | 'park' | 'transfer';
const SHORTCUT_KEYS: Record<Action, string> = { recall: 'r', start: 's', finish: 'f', noShow: 'x', park: 'p', transfer: 't' };
export type Outcome = 'served' | 'incomplete_documents' | 'referred' | 'other';

/** The counter clerk's screen (device-token or staff mode) and the manager's overview. */
export class CounterPage {
  constructor(
    readonly page: Page,
    readonly serverUrl: string,
  ) {}

  async open(token: string, lang: 'ar' | 'en' = 'ar'): Promise<void> {
    await this.page.goto(`${this.serverUrl}/counter/?token=${token}${lang === 'en' ? '&lang=en' : ''}`);
  }

  /** Opens the app without a device token: the staff sign-in form (or the desk, with a live session). */
  async openStaff(lang: 'ar' | 'en' = 'ar'): Promise<void> {
    await this.page.goto(`${this.serverUrl}/counter/?lang=${lang}`);
  }

  /** Fills and sends the sign-in form. */
  async login(username: string, password: string): Promise<void> {
    await this.page.getByTestId('login-username').fill(username);
    await this.page.getByTestId('login-password').fill(password);
    await this.page.getByTestId('login-submit').click();
  }

  /** Opens the app, signs in, and waits until the branch has loaded. */
  async signIn(username: string, password: string, lang: 'ar' | 'en' = 'en'): Promise<void> {
    await this.openStaff(lang);
    await this.login(username, password);
    await expect(this.page.getByTestId('signed-in')).toBeVisible();
  }

  async chooseCounter(n: number): Promise<void> {
    await this.page.getByTestId(`counter-choice-${n}`).click();
  }

  /** Signs in and sits at counter `n`, ready to call. */
  async sitAt(username: string, password: string, n: number, lang: 'ar' | 'en' = 'en'): Promise<void> {
    await this.signIn(username, password, lang);
    await this.chooseCounter(n);
    await expect(this.page.getByTestId('call-next')).toBeEnabled();
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

  current(): Locator {
    return this.page.getByTestId('current-ticket');
  }

  /** The current ticket's state (called, serving), from the desk. */
  state(): Locator {
    return this.page.getByTestId('ticket-state');
  }

  actionButton(action: Action): Locator {
    return this.page.getByTestId(`action-${action}`);
  }

  /** Clicks an action button once the current state allows it. */
  async act(action: Action): Promise<void> {
    await expect(this.actionButton(action)).toBeEnabled();
    await this.actionButton(action).click();
  }

  /**
   * Presses an action's keyboard shortcut once the action is allowed (a key pressed while the previous
   * command is still in flight is ignored by design). `code` simulates another keyboard layout: the
   * app goes by key position, so `{key: 'س', code: 'KeyS'}` is the S key on an Arabic layout.
   */
  async press(action: Action, layout?: { key: string; code: string }): Promise<void> {
    await expect(this.actionButton(action)).toBeEnabled();
    if (!layout) return this.page.keyboard.press(SHORTCUT_KEYS[action]);
    await this.page.evaluate(({ key, code }) => {
      document.body.dispatchEvent(new KeyboardEvent('keydown', { key, code, bubbles: true }));
    }, layout);
  }

  /** Finishes the current ticket with an outcome, through the dialog. */
  async finish(outcome: Outcome): Promise<void> {
    await this.act('finish');
    await this.page.getByTestId(`outcome-${outcome}`).check();
    await this.page.getByTestId('finish-confirm').click();
    await expect(this.page.getByTestId('finish-dialog')).toBeHidden();
  }

  /** Transfers the current ticket through the dialog. */
  async transfer(o: { serviceId?: string; counterNumber?: number; keepArrival: boolean }): Promise<void> {
    await this.act('transfer');
    const dialog = this.page.getByTestId('transfer-dialog');
    if (o.serviceId) await dialog.getByTestId('transfer-service').selectOption(o.serviceId);
    if (o.counterNumber !== undefined) await dialog.getByTestId('transfer-counter').selectOption({ label: `Counter ${o.counterNumber}` });
    await dialog.getByTestId('transfer-keep').setChecked(o.keepArrival);
    await dialog.getByTestId('transfer-confirm').click();
    await expect(dialog).toBeHidden();
  }

  /** The manager's overview (managers and admins). */
  async openManager(): Promise<void> {
    await this.page.getByTestId('tab-manager').click();
    await expect(this.page.getByTestId('manager-view')).toBeVisible();
  }
}

type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A device's socket (kiosk, counter…) for setting the scene; resolves once connected. */
export function deviceSocket(serverUrl: string, token: string): Promise<TestSocket> {
  const socket: TestSocket = io(serverUrl, { auth: { token, lang: 'en' }, transports: ['websocket'], reconnection: false, forceNew: true });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (e) => {
      socket.close();
      reject(e);
    });
  });
}

export const MARIAM = { cpr: '880512345', nameEn: 'Mariam Ahmed', nameAr: 'مريم أحمد' };

/** Issues walk-in tickets at the demo kiosk (new smart card unless told), with Mariam as the visitor unless told. */
export async function issueTickets(serverUrl: string, count = 1, serviceId = 'seef-mall.new-card', visitor: VisitorInput = MARIAM): Promise<PublicTicket[]> {
  const kiosk = await deviceSocket(serverUrl, 'demo-kiosk-token');
  try {
    const out: PublicTicket[] = [];
    for (let i = 0; i < count; i++) {
      const r = await kiosk.emitWithAck('ticket:issue:v1', { serviceId, visitor });
      if (!r.ok) throw new Error(`issue failed: ${r.code}`);
      out.push(r.ticket);
    }
    return out;
  } finally {
    kiosk.close();
  }
}

/**
 * Leaves counter `n` open with nothing waiting for it, so that "Call next" takes the test's own tickets
 * even on a branch that earlier tests have used (a cheap guard whatever the fixture's scope).
 */
export async function drainCounter(serverUrl: string, n: number): Promise<string> {
  const s = await deviceSocket(serverUrl, 'demo-counter-token');
  try {
    const snap = await s.emitWithAck('branch:snapshot:v1', {});
    if (!snap.ok) throw new Error(snap.code);
    const counterId = snap.snapshot.counters.find((c) => c.number === n)!.id;
    await s.emitWithAck('counter:setOpen:v1', { counterId, open: true });
    for (let i = 0; i < 500; i++) {
      const r = await s.emitWithAck('counter:callNext:v1', { counterId });
      if (!r.ok) throw new Error(r.code);
      if (r.ticket === null) return counterId;
    }
    throw new Error('the queue did not drain');
  } finally {
    s.close();
  }
}

/** The branch as staff see it right now (snapshot + ticket list), read with the counter device token. */
export async function branchState(serverUrl: string): Promise<{ snapshot: BranchSnapshot; tickets: StaffTicket[] }> {
  const s = await deviceSocket(serverUrl, 'demo-counter-token');
  try {
    const snap = await s.emitWithAck('branch:snapshot:v1', {});
    const list = await s.emitWithAck('queue:list:v1', {});
    if (!snap.ok || !list.ok) throw new Error('no snapshot');
    return { snapshot: snap.snapshot, tickets: list.tickets };
  } finally {
    s.close();
  }
}
