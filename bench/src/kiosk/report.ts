/** The kiosk bench's last checks and its figures: the printed raster against a fresh render, render timing, the result. */
import { performance } from 'node:perf_hooks';
import { loadLanguage, VISITOR_LANGS, type VisitorLang } from '@dawr/core';
import { encodeTicket, renderTicket, type TicketPrintout } from '@dawr/hardware/printer';
import { parseEscPos, rasterImages } from '../../../test/emulators/escpos-parser';
import { percentile, round } from '../lib/util';

export const RENDERS = 50;
const RENDER_WARMUP = 3;

/** Throws unless the job's raster is, dot for dot, renderTicket() of the same printout. */
export function checkRaster(job: Uint8Array, printout: TicketPrintout): void {
  const rendered = renderTicket(printout, { width: 576 });
  const [printed] = rasterImages(parseEscPos(job).commands);
  const sameDots = printed!.height === rendered.height && Buffer.compare(Buffer.from(printed!.bits), Buffer.from(rendered.bitmap.bits)) === 0;
  if (!sameDots) throw new Error(`the printed raster (${printed!.width}×${printed!.height}) differs from renderTicket() of the same printout`);
}

/** Ticket render (and encode) times, alone: nothing else runs in this process by then. */
export async function timeRenders(printout: TicketPrintout): Promise<{ renderMs: number[]; encodeMs: number[] }> {
  const renderMs: number[] = [];
  const encodeMs: number[] = [];
  for (let i = 0; i < RENDER_WARMUP + RENDERS; i++) {
    const t0 = performance.now();
    const t = renderTicket(printout, { width: 576 });
    const t1 = performance.now();
    encodeTicket(t, printout.qrUrl, { qr: 'native', cut: 'full' });
    const t2 = performance.now();
    if (i >= RENDER_WARMUP) {
      renderMs.push(t1 - t0);
      encodeMs.push(t2 - t1);
    }
    if (i % 10 === 9) await new Promise((r) => setImmediate(r)); // let the watchdog and Ctrl-C in
  }
  return { renderMs, encodeMs };
}

/**
 * The same printout rendered in every visitor language (issue 12: the visitor's language and Arabic on the
 * paper): each language's render p95 (ms) over RENDERS renders after warm-up, the languages taking turns
 * render by render, so a busy moment of the machine falls on all of them alike.
 */
export async function timeRendersByLang(printout: TicketPrintout): Promise<Record<VisitorLang, number>> {
  for (const lang of VISITOR_LANGS) await loadLanguage(lang);
  const ms = Object.fromEntries(VISITOR_LANGS.map((l) => [l, [] as number[]])) as Record<VisitorLang, number[]>;
  for (let i = 0; i < RENDER_WARMUP + RENDERS; i++) {
    for (const lang of VISITOR_LANGS) {
      const t0 = performance.now();
      renderTicket({ ...printout, lang }, { width: 576 });
      if (i >= RENDER_WARMUP) ms[lang].push(performance.now() - t0);
    }
    await new Promise((r) => setImmediate(r)); // let the watchdog and Ctrl-C in
  }
  return Object.fromEntries(VISITOR_LANGS.map((l) => [l, round(percentile(ms[l], 95), 2)])) as Record<VisitorLang, number>;
}

export const summary = (xs: number[]) => ({ p50: round(percentile(xs, 50), 1), p95: round(percentile(xs, 95), 1) });

/** One kiosk run's times (ms from the insertion) and what it issued. */
export interface KioskSample {
  total: number;
  detect: number;
  cardRead: number;
  branch: number;
  printToCut: number;
  printResolved: number;
  jobBytes: number;
  number: string;
  late: boolean;
}
