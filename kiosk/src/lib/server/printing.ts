/**
 * The kiosk's ticket printer: configured from the environment, one job at a time (the printer service
 * serialises), every outcome turned into a staff alert. A failed print never issues a ticket again: the
 * ticket was issued before printing, and the screen shows it with its QR code either way.
 */
import { HOTLINE, loadLanguage, type VisitorLang, type PublicTicket } from '@dawr/core';
import type { PrintUi } from '$lib/events';
import { reportAlert } from './alerts';
import { branchLink } from './branch';
import { kioskConfig } from './config';
import type { PrinterService, PrintResult, StatusResult, TicketPrintout } from '@dawr/hardware/printer';
import { currentVisit, visitChanged, type IssuedTicket, type Visit } from './visit';

interface PrinterState {
  /** null: no printer (`none`), or it could not be set up (`broken`). */
  service: PrinterService | null;
  mode: 'ready' | 'none' | 'broken' | 'starting';
  timer: ReturnType<typeof setInterval> | null;
}

declare global {
  var __dawrKioskPrinter: PrinterState | undefined;
}

function printer(): PrinterState {
  return (globalThis.__dawrKioskPrinter ??= { service: null, mode: 'starting', timer: null });
}

/**
 * The phone-tracking URL printed and shown as the ticket's QR code. With the language the ticket was taken
 * in, the phone page opens in it (whatever that phone chose before); a reprint of a ticket this kiosk issued
 * carries the same language, one it does not know leaves the phone to its own choice.
 */
export function trackUrl(trackToken: string, lang?: VisitorLang): string {
  if (lang) rememberLang(trackToken, lang);
  const known = lang ?? issuedLangs.get(trackToken);
  return `${kioskConfig().publicUrl}/t/${encodeURIComponent(trackToken)}${known ? `?lang=${known}` : ''}`;
}

/** The language of the tickets this kiosk issued lately, so a reprint prints the very same QR. */
const issuedLangs = new Map<string, VisitorLang>();
const REMEMBERED_TICKETS = 2_000;

function rememberLang(trackToken: string, lang: VisitorLang): void {
  issuedLangs.set(trackToken, lang);
  // A day's tickets at one kiosk: forget the oldest beyond that (a Map keeps insertion order).
  if (issuedLangs.size > REMEMBERED_TICKETS) issuedLangs.delete(issuedLangs.keys().next().value!);
}

/** The language a ticket this kiosk issued was taken in (null: not known here, e.g. after a restart). */
export function issuedLangOf(trackToken: string): VisitorLang | null {
  return issuedLangs.get(trackToken) ?? null;
}

/**
 * What goes on paper for a ticket: the same facts the ticket screen shows, in the visitor's language and
 * Arabic (`lang` null: Arabic and English).
 */
export function printoutOf(ticket: PublicTicket, qrUrl: string, late: boolean, lang: VisitorLang | null = null): TicketPrintout {
  const snapshot = branchLink().snapshot;
  const service = snapshot?.services.find((s) => s.id === ticket.serviceId);
  return {
    number: ticket.number,
    service: service?.name ?? { ar: ticket.serviceId, en: ticket.serviceId },
    branch: snapshot?.branch.name ?? { ar: '', en: '' },
    issuedAt: ticket.arrivedAt,
    timezone: snapshot?.branch.timezone ?? 'Asia/Bahrain',
    // The screen shows people ahead (position − 1); the paper says the same.
    position: ticket.position !== null && ticket.position >= 1 ? ticket.position - 1 : null,
    estimatedWaitMin: ticket.estimatedWaitMin,
    qrUrl,
    hotline: HOTLINE,
    ...(late ? { lateNotice: true } : {}),
    ...(lang ? { lang } : {}),
  };
}

/** Staff alert for a print or status outcome: ok, paper near its end (warning), or the problem (error). */
function alertFor(r: PrintResult | StatusResult): void {
  if (r.ok) reportAlert('printer', r.nearEnd ? 'warning' : 'ok', r.nearEnd ? 'paper_near_end' : 'ok');
  else reportAlert('printer', 'error', r.reason);
}

/** Prints one ticket; never throws. */
export async function printTicket(p: TicketPrintout): Promise<PrintUi> {
  const s = printer();
  if (s.mode === 'none') return { state: 'none' };
  if (!s.service) return { state: 'failed', reason: 'error' };
  // The renderer reads the language's dictionary synchronously (a reprint after the screen moved on).
  if (p.lang) await loadLanguage(p.lang);
  const r = await s.service.print(p);
  alertFor(r);
  return r.ok ? { state: 'printed' } : { state: 'failed', reason: r.reason };
}

/** Prints the visit's ticket, keeping the page told ('printing', then the outcome). Never throws. */
export async function printVisitTicket(visit: Visit, issued: IssuedTicket): Promise<void> {
  visit.print = printer().mode === 'none' ? { state: 'none' } : { state: 'printing' };
  visitChanged();
  if (visit.print.state === 'none') return;
  const result = await printTicket(printoutOf(issued.ticket, issued.qrUrl, issued.late, issuedLangOf(issued.trackToken)));
  visit.print = result;
  // The visitor may have left (reset) meanwhile: then nobody is told about this visit any more.
  if (currentVisit() === visit) visitChanged();
}

async function checkStatus(): Promise<void> {
  const { service } = printer();
  if (service) alertFor(await service.status());
}

/**
 * Sets the printer up from DAWR_PRINTER / DAWR_PAPER_WIDTH / DAWR_DATA_DIR, listens for reprints, and
 * checks its status now and every DAWR_PRINTER_STATUS_MS (so staff hear of an empty roll before a visitor
 * does, and the alert clears once it is fixed). Loaded lazily: a kiosk whose canvas binding is missing still
 * starts and shows tickets on screen.
 */
export async function startPrinter(): Promise<void> {
  const s = printer();
  if (s.mode !== 'starting') return;
  const cfg = kioskConfig();
  try {
    const mod = await import('@dawr/hardware/printer');
    const transport = mod.parsePrinterTarget(cfg.printer, cfg.dataDir);
    if (!transport) {
      s.mode = 'none';
      console.info('[kiosk] no printer (DAWR_PRINTER=none): tickets are shown on screen only');
      return;
    }
    s.service = mod.createPrinterService({ transport, paperMm: cfg.paperWidth === 384 ? 58 : 80 });
    s.mode = 'ready';
  } catch (e) {
    s.mode = 'broken';
    console.error(`[kiosk] the printer could not be set up: ${e instanceof Error ? e.message : String(e)}`);
    reportAlert('printer', 'error', 'config');
    return;
  }
  branchLink().socket.on('kiosk:reprint:v1', (job) => {
    console.info(`[kiosk] reprint of ticket ${job.ticket.number}`);
    void printTicket(printoutOf(job.ticket, trackUrl(job.trackToken), false, issuedLangOf(job.trackToken)));
  });
  void checkStatus();
  if (cfg.printerStatusMs > 0) {
    // unref: a status check must not keep a stopping kiosk alive.
    s.timer = setInterval(() => void checkStatus(), cfg.printerStatusMs);
    s.timer.unref?.();
  }
}
