/**
 * Ticket rendering: paper widths, the 1-bit bitmap, Arabic shaping, the printed date, what the layout
 * shows for missing facts, and the on-file PNG whose QR code must scan. Render time is the benchmarks'
 * business, not asserted here.
 */
import { createCanvas } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { t } from '@dawr/core';
import { ensureTicketFonts, fontOf, formatIssuedAt, renderQrBitmap, renderTicket, renderTicketPng, type TicketPrintout } from '@dawr/hardware/printer';
import { decodeQr, pngBitmap } from '../emulators/escpos-parser';
import { SAMPLE_PRINTOUT } from '../emulators/test-printer';

const texts = (p: TicketPrintout, width: 576 | 384 = 576) =>
  renderTicket(p, { width }).layout.items.flatMap((i) => (i.kind === 'text' ? [i.text] : []));

/** Black dots in columns [x0, x1) of a bitmap. */
function inkInColumns(b: { width: number; height: number; bits: Uint8Array }, x0: number, x1: number): number {
  let n = 0;
  for (let y = 0; y < b.height; y++) for (let x = x0; x < x1; x++) n += b.bits[y * b.width + x]!;
  return n;
}

describe('ticket rendering', () => {
  it.each([576, 384] as const)('renders %i dots wide, height a multiple of 8, ink inside the margins', (width) => {
    const r = renderTicket({ ...SAMPLE_PRINTOUT, lateNotice: true }, { width });
    expect(r.width).toBe(width);
    expect(r.bitmap.width).toBe(width);
    expect(r.bitmap.bits.length).toBe(width * r.height);
    expect(r.height % 8).toBe(0);
    expect(r.height).toBeGreaterThan(400);
    expect(inkInColumns(r.bitmap, 0, width)).toBeGreaterThan(10_000);
    // Nothing ran off the paper: the outer 8 dots on each side stay white.
    expect(inkInColumns(r.bitmap, 0, 8) + inkInColumns(r.bitmap, width - 8, width)).toBe(0);
  });

  it('is a pure black/white bitmap (0/1 only)', () => {
    const { bitmap } = renderTicket(SAMPLE_PRINTOUT);
    expect(bitmap.bits.every((b) => b === 0 || b === 1)).toBe(true);
  });

  it('shapes Arabic: a joined word is narrower than its letters drawn apart', () => {
    ensureTicketFonts();
    const ctx = createCanvas(1, 1).getContext('2d');
    ctx.font = fontOf('ar', 40);
    ctx.direction = 'rtl';
    const word = 'البحرين';
    const joined = ctx.measureText(word).width;
    const apart = [...word].reduce((sum, ch) => sum + ctx.measureText(ch).width, 0);
    expect(joined).toBeGreaterThan(0);
    expect(joined).toBeLessThan(apart * 0.9);
  });

  it('prints the date and time on the branch clock with Western digits', () => {
    expect(formatIssuedAt(Date.UTC(2025, 2, 4, 6, 15), 'Asia/Bahrain')).toBe('2025-03-04 09:15');
    expect(formatIssuedAt(Date.UTC(2025, 11, 31, 22, 5), 'Asia/Bahrain')).toBe('2026-01-01 01:05');
    expect(texts(SAMPLE_PRINTOUT)).toContain('2025-03-04 09:15');
  });

  it('says on paper what the ticket screen says', () => {
    const lines = texts(SAMPLE_PRINTOUT);
    for (const lang of ['ar', 'en'] as const) {
      expect(lines).toContain(t(lang, 'kiosk.yourTicket'));
      expect(lines).toContain(t(lang, 'kiosk.position'));
      expect(lines).toContain(t(lang, 'kiosk.estimatedWait'));
      expect(lines).toContain(SAMPLE_PRINTOUT.service[lang]);
      expect(lines).toContain(SAMPLE_PRINTOUT.branch[lang]);
    }
    expect(lines).toEqual(expect.arrayContaining(['B-004', '3', '15', '80008001']));
  });

  it('hides people-ahead when unknown and prints "not known yet" for an unknown wait', () => {
    const lines = texts({ ...SAMPLE_PRINTOUT, position: null, estimatedWaitMin: null });
    expect(lines).not.toContain(t('en', 'kiosk.position'));
    expect(lines).toContain(t('ar', 'wait.unknown'));
    expect(lines).toContain(t('en', 'wait.unknown'));
  });

  it('prints "you are next" with nobody ahead, whatever the estimate (defect 13)', () => {
    for (const estimatedWaitMin of [null, 4]) {
      const lines = texts({ ...SAMPLE_PRINTOUT, position: 0, estimatedWaitMin });
      expect(lines).toContain(t('ar', 'wait.next'));
      expect(lines).toContain(t('en', 'wait.next'));
      expect(lines).not.toContain(t('en', 'wait.unknown'));
    }
  });

  it('adds the late-arrival notice (white on black) only when asked', () => {
    const plain = renderTicket(SAMPLE_PRINTOUT);
    const late = renderTicket({ ...SAMPLE_PRINTOUT, lateNotice: true });
    expect(late.height).toBeGreaterThan(plain.height);
    expect(late.layout.items.some((i) => i.kind === 'text' && i.color === 'white' && /walk-in queue/.test(i.text))).toBe(true);
    expect(plain.layout.items.some((i) => i.kind === 'text' && i.color === 'white')).toBe(false);
  });

  it('shrinks a long ticket number to fit instead of cutting it off', () => {
    const r = renderTicket({ ...SAMPLE_PRINTOUT, number: 'W-1234' }, { width: 384 });
    expect(inkInColumns(r.bitmap, 0, 8) + inkInColumns(r.bitmap, 376, 384)).toBe(0);
  });

  it.each([576, 384] as const)('renderTicketPng (%i): the ticket above a QR code that scans to qrUrl', async (width) => {
    const png = pngBitmap(await renderTicketPng(SAMPLE_PRINTOUT, { width }));
    const ticket = renderTicket(SAMPLE_PRINTOUT, { width }).bitmap;
    const qr = renderQrBitmap(SAMPLE_PRINTOUT.qrUrl, width);
    expect(png.width).toBe(width);
    expect(png.height).toBe(ticket.height + qr.height);
    expect(Buffer.compare(Buffer.from(png.bits.subarray(0, ticket.bits.length)), Buffer.from(ticket.bits))).toBe(0);
    const bottom = { width, height: qr.height, bits: png.bits.subarray(ticket.bits.length) };
    expect(decodeQr(bottom)).toBe(SAMPLE_PRINTOUT.qrUrl);
    expect(decodeQr(png)).toBe(SAMPLE_PRINTOUT.qrUrl);
  });
});
