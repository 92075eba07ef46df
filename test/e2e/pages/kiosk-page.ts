import { expect, type Locator, type Page } from '@playwright/test';
import { PNG } from 'pngjs';
import jsQR from 'jsqr';
import { io, type Socket } from 'socket.io-client';
import { mrzCheckDigit, type VisitorLang, type AlertKind, type BranchSnapshot, type ClientToServerEvents, type DeviceAlert, type ServerToClientEvents, type StaffTicket } from '@dawr/core';
import { NO_ID_SERVICE_CODES } from '../../../kiosk/src/lib/services';
import { type MonoBitmap, renderTicket, type TicketPrintout } from '@dawr/hardware/printer';
import { parseEscPos, rasterImages } from '../../emulators/escpos-parser';

/** A CPR with no demo appointment: typing it leads straight to the services (a walk-in). */
export const WALK_IN_CPR = '870203045';

/** The kiosk's screens: start, CPR keypad, scan box, appointment, services, priority, ticket. */
export class KioskPage {
  constructor(
    readonly page: Page,
    readonly url: string,
  ) {}

  /** Opens the start screen and waits until its scripts run (scanner box, keypad, live card state). */
  async open(lang: VisitorLang = 'ar'): Promise<void> {
    await this.page.goto(lang === 'ar' ? `${this.url}/` : `${this.url}/?lang=${lang}`);
    await this.hydrated();
  }

  /** Resolves once the current page's scripts have started. */
  async hydrated(): Promise<void> {
    await expect(this.page.locator('.kiosk[data-hydrated]')).toHaveCount(1);
  }

  /**
   * Takes a walk-in ticket for the service with this code and returns the number shown: without an ID for
   * the services that allow it, else by typing a CPR without an appointment; then the priority question.
   */
  async takeTicket(serviceCode: string, opts: { cpr?: string; priority?: 'elderly' | 'disability' | 'pregnancy' | 'none' } = {}): Promise<string> {
    if (!opts.cpr && NO_ID_SERVICE_CODES.includes(serviceCode)) await this.page.getByTestId('no-id').click();
    else await this.typeCpr(opts.cpr ?? WALK_IN_CPR);
    await this.page.getByTestId(`service-${serviceCode}`).click();
    await this.page.getByTestId(`priority-${opts.priority ?? 'none'}`).click();
    return this.ticketNumber();
  }

  /** From the start screen: "type your CPR", the digits on the on-screen keypad, continue. */
  async typeCpr(cpr: string): Promise<void> {
    await this.hydrated();
    await this.page.getByTestId('type-cpr').click();
    await expect(this.page.getByTestId('cpr-input')).toBeVisible();
    for (const d of cpr) await this.page.getByTestId(`key-${d}`).click();
    await this.page.getByTestId('cpr-submit').click();
  }

  /** Types into the start screen's scan box as a keyboard-style scanner does (each line ended by Enter). */
  async scan(lines: string[]): Promise<void> {
    await this.hydrated();
    const box = this.page.getByTestId('scan-input');
    await box.focus();
    await this.page.keyboard.type(lines.map((l) => `${l}\n`).join(''));
  }

  /** Chooses `to` (English by default): on the start screen's language band, elsewhere in the header's menu. */
  async switchLanguage(to: VisitorLang = 'en'): Promise<void> {
    const menu = this.page.getByTestId('lang-menu');
    if (await menu.count()) await this.page.getByTestId('lang-menu-button').click();
    await this.page.getByTestId(`lang-${to}`).click();
  }

  /** The ticket screen's number, once shown. */
  async ticketNumber(): Promise<string> {
    const number = this.page.getByTestId('ticket-number');
    await expect(number).toBeVisible();
    return (await number.innerText()).trim();
  }

  printStatus(): Locator {
    return this.page.getByTestId('print-status');
  }

  /** The text of the QR code as the screen draws it (a screenshot decoded, as a phone would). */
  async screenQr(): Promise<string | null> {
    const png = PNG.sync.read(await this.page.getByTestId('ticket-qr').screenshot());
    return jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height)?.data ?? null;
  }

  /** The facts the ticket screen shows (what the paper must say too). */
  async ticketFacts(): Promise<{ number: string; time: string; ahead: number | null; waitText: string; late: boolean; hotline: string }> {
    const p = this.page;
    const ahead = p.getByTestId('ticket-ahead');
    return {
      number: await this.ticketNumber(),
      time: (await p.getByTestId('ticket-time').innerText()).trim(),
      ahead: (await ahead.count()) ? Number(await ahead.innerText()) : null,
      waitText: (await p.getByTestId('ticket-wait').innerText()).trim(),
      late: (await p.getByTestId('ticket-late').count()) > 0,
      hotline: (await p.getByTestId('hotline').innerText()).trim(),
    };
  }
}

/** A counter device's view of the branch: the kiosks' hardware alerts and the queue (who staff see). */
export class Staff {
  alerts: DeviceAlert[] = [];
  private constructor(private readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>) {
    socket.on('alerts:v1', (a) => (this.alerts = a));
  }

  /**
   * The alerts of one kind as `kind:level:code`. Tests of one device look at its kind only: a kiosk on
   * 127.0.0.1 also warns that its tickets' QR link is loopback.
   */
  alertsOf(kind: AlertKind): string[] {
    return this.alerts.filter((a) => a.kind === kind).map((a) => `${a.kind}:${a.level}:${a.code}`);
  }

  static async connect(serverUrl: string): Promise<Staff> {
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(serverUrl, {
      auth: { token: 'demo-counter-token', lang: 'en' },
      transports: ['websocket'],
      forceNew: true,
    });
    const staff = new Staff(socket);
    // Connected, and the list of alerts as they are now has arrived (the server sends it on connection).
    await new Promise<void>((resolve, reject) => {
      socket.once('alerts:v1', () => resolve());
      socket.once('connect_error', reject);
    });
    return staff;
  }

  /** Every ticket in the live queue. */
  async tickets(): Promise<StaffTicket[]> {
    const r = await this.socket.emitWithAck('queue:list:v1', {});
    if (!r.ok) throw new Error(`queue:list:v1: ${r.code}`);
    return r.tickets;
  }

  async snapshot(): Promise<BranchSnapshot> {
    const r = await this.socket.emitWithAck('branch:snapshot:v1', {});
    if (!r.ok) throw new Error(`branch:snapshot:v1: ${r.code}`);
    return r.snapshot;
  }

  close(): void {
    this.socket.close();
  }
}

/** Signs in as the demo manager and asks for a reprint of `ticketId` at the kiosk that printed it. */
export async function managerReprint(serverUrl: string, ticketId: string): Promise<void> {
  const login = await fetch(`${serverUrl}/api/v1/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'manager', password: 'dawr-manager' }),
  });
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  const r = await fetch(`${serverUrl}/api/v1/tickets/${encodeURIComponent(ticketId)}/reprint`, {
    method: 'POST',
    headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
    body: '{}',
  });
  if (!r.ok) throw new Error(`reprint: HTTP ${r.status} ${await r.text()}`);
}

/** A TD1 MRZ (three 30-character lines) with correct check digits, as on the back of a 2025+ card. */
export function td1Mrz(p: { docNumber: string; cpr: string; birth: string; sex: 'M' | 'F'; expiry: string; surname: string; given: string }): string[] {
  const pad = (s: string, n: number) => s.padEnd(n, '<').slice(0, n);
  const doc = pad(p.docNumber, 9);
  const l1 = `IDBHR${doc}${mrzCheckDigit(doc)}${pad(p.cpr, 15)}`;
  const l2a = `${p.birth}${mrzCheckDigit(p.birth)}${p.sex}${p.expiry}${mrzCheckDigit(p.expiry)}BHR${pad('', 11)}`;
  const composite = l1.slice(5, 30) + l2a.slice(0, 7) + l2a.slice(8, 15) + l2a.slice(18, 29);
  const l2 = `${l2a}${mrzCheckDigit(composite)}`;
  const l3 = pad(`${p.surname.replaceAll(' ', '<')}<<${p.given.replaceAll(' ', '<')}`, 30);
  return [l1, l2, l3];
}

/**
 * The printout the ticket screen describes: every fact read off the screen (number, time, people ahead,
 * wait, late notice, hotline, QR URL), the Localized names from the branch. Rendering it must give the
 * very bitmap the printer received (checklist item 17: the paper says what the screen said).
 */
export async function printoutFromScreen(kiosk: KioskPage, staff: Staff, qrUrl: string): Promise<TicketPrintout> {
  const f = await kiosk.ticketFacts();
  const snapshot = await staff.snapshot();
  const ticket = (await staff.tickets()).find((t) => t.number === f.number);
  const service = snapshot.services.find((s) => s.id === ticket?.serviceId);
  if (!service) throw new Error(`ticket ${f.number} is not in the queue`);
  const wait = /(\d+)/.exec(f.waitText);
  return {
    number: f.number,
    service: service.name,
    branch: snapshot.branch.name,
    // The screen shows the branch's local time (Asia/Bahrain, UTC+3 all year).
    issuedAt: Date.parse(`${f.time.replace(' ', 'T')}:00+03:00`),
    timezone: snapshot.branch.timezone,
    position: f.ahead,
    estimatedWaitMin: wait ? Number(wait[1]) : null,
    qrUrl,
    hotline: f.hotline,
    ...(f.late ? { lateNotice: true } : {}),
  };
}

/** The QR payload and the ticket image of one ESC/POS job, as the test printer received it. */
export function readJob(job: Uint8Array): { qr: string[]; image: MonoBitmap | undefined } {
  const { commands } = parseEscPos(job);
  return {
    qr: commands.flatMap((c) => (c.type === 'qr-store' ? [c.data] : [])),
    image: rasterImages(commands)[0],
  };
}

/** How many dots differ between the printed image and the rendering of `printout` (-1: sizes differ). */
export function dotsDiffering(image: MonoBitmap | undefined, printout: TicketPrintout): number {
  const expected = renderTicket(printout).bitmap;
  if (!image || image.width !== expected.width || image.height !== expected.height) return -1;
  let diff = 0;
  for (let i = 0; i < image.bits.length; i++) if (image.bits[i] !== expected.bits[i]) diff++;
  return diff;
}
