/**
 * Draws the ticket with @napi-rs/canvas. Thermal printers cannot shape Arabic (their code pages print
 * reversed, unjoined letters), so every word goes to the printer as pixels; only the QR code is left to
 * the printer's own QR command (smaller and crisper). The on-file copy (renderTicketPng) draws the QR
 * itself from uqr's matrix, at the size the printer would print it.
 */
import { createCanvas, ImageData, type SKRSContext2D } from '@napi-rs/canvas';
import { encode as encodeQr } from 'uqr';
import { dirOf, languageOf } from '@dawr/core';
import { ensureScriptFont, ensureTicketFonts, type FontFiles } from './fonts';
import { layoutTicket, secondLangOf, type Measurer, type PaperWidth, type TicketLayout, type TicketPrintout } from './ticket-layout';

/** A 1-bit image: one byte per pixel, 1 = black (burnt), row-major. */
export interface MonoBitmap {
  width: number;
  height: number;
  bits: Uint8Array;
}

/** Rendering choices. */
export interface RenderOptions {
  /** 576 dots (80 mm paper, default) or 384 dots (58 mm). */
  width?: PaperWidth;
  /** Font files to use instead of the system's / @fontsource's (only honoured by the first render). */
  fonts?: FontFiles;
}

/** The ticket as laid out, and as the 1-bit bitmap that goes to the printer. */
export interface RenderedTicket {
  width: PaperWidth;
  height: number;
  layout: TicketLayout;
  /** Thresholded, and free of real-time command sequences (see clearRealtimeSequences). */
  bitmap: MonoBitmap;
}

/**
 * Luminance below which a pixel burns. Above the encoder's default 128 on purpose: anti-aliased small
 * text has grey one-dot strokes that 128 drops, which breaks letters up on paper.
 */
export const INK_LEVEL = 170;

/** Error correction for the QR code: 'M' survives a smudge or a fold and keeps the code small. */
export const QR_ECC = 'M';

/**
 * Luminance threshold to 1 bit, with the formula and the `< level` test of canvas-dither (the encoder's
 * "threshold" algorithm), so the same level gives the same bitmap either way. Transparent pixels count
 * as white paper.
 */
export function threshold(rgba: Uint8ClampedArray | Uint8Array, width: number, height: number, level = 128): MonoBitmap {
  const bits = new Uint8Array(width * height);
  for (let i = 0, p = 0; p < bits.length; p++, i += 4) {
    const a = rgba[i + 3]! / 255;
    const r = rgba[i]! * a + 255 * (1 - a);
    const g = rgba[i + 1]! * a + 255 * (1 - a);
    const b = rgba[i + 2]! * a + 255 * (1 - a);
    bits[p] = r * 0.299 + g * 0.587 + b * 0.114 < level ? 1 : 0;
  }
  return { width, height, bits };
}

/**
 * Removes byte sequences that a printer would take for a real-time command inside the raster data:
 * DLE EOT (10 04: it would answer a status byte nobody asked for), DLE ENQ (10 05: 10 05 02 clears the
 * printer's buffer) and DLE DC4 (10 14). Printers act on these wherever they appear, even in image
 * data. Each 0x10 is a single dot in its 8-dot group; clearing that dot breaks the sequence and
 * cannot create a new one. Looks at the bytes as `GS v 0` sends them (MSB first, rows back to back).
 * Changes `b` in place; returns how many dots it cleared (0 on almost every ticket).
 */
export function clearRealtimeSequences(b: MonoBitmap): number {
  const bytesPerRow = b.width / 8;
  const total = bytesPerRow * b.height;
  const byteAt = (k: number) => {
    let v = 0;
    for (let i = 0, p = k * 8; i < 8; i++, p++) v = (v << 1) | b.bits[p]!;
    return v;
  };
  let cleared = 0;
  let prev = total > 0 ? byteAt(0) : 0;
  for (let k = 1; k < total; k++) {
    const cur = byteAt(k);
    if (prev === 0x10 && (cur === 0x04 || cur === 0x05 || cur === 0x14)) {
      b.bits[(k - 1) * 8 + 3] = 0; // the one dot of 0x10 (bit 4 = the 4th dot from the left)
      cleared++;
    }
    prev = cur;
  }
  return cleared;
}

/** Opaque black/white RGBA pixels of a bitmap (what the encoder and PNG writers take). */
export function bitmapToRgba(b: MonoBitmap): Uint8ClampedArray {
  const out = new Uint8ClampedArray(b.width * b.height * 4);
  for (let p = 0, i = 0; p < b.bits.length; p++, i += 4) {
    const v = b.bits[p] ? 0 : 255;
    out[i] = v;
    out[i + 1] = v;
    out[i + 2] = v;
    out[i + 3] = 255;
  }
  return out;
}

/** `a` above `b` (same width). */
export function stackBitmaps(a: MonoBitmap, b: MonoBitmap): MonoBitmap {
  if (a.width !== b.width) throw new Error('stackBitmaps: widths differ');
  const bits = new Uint8Array(a.bits.length + b.bits.length);
  bits.set(a.bits, 0);
  bits.set(b.bits, a.bits.length);
  return { width: a.width, height: a.height + b.height, bits };
}

/**
 * Dots per QR module for paper `width`: as large as fits about half the paper (80 mm) or 3/5 of it
 * (58 mm), within the 3..8 the ESC/POS `GS ( k` size command allows. ~8 dots (1 mm) per module scans
 * easily from a phone held at reading distance.
 */
export function qrModuleDots(qrUrl: string, width: PaperWidth): number {
  const modules = encodeQr(qrUrl, { ecc: QR_ECC, border: 0 }).size;
  const target = width === 576 ? 0.5 * width : 0.6 * width;
  return Math.max(3, Math.min(8, Math.floor(target / modules)));
}

/** The QR code as a paper-wide bitmap, centred, with a 4-module quiet zone above and below. */
export function renderQrBitmap(qrUrl: string, width: PaperWidth, dots = qrModuleDots(qrUrl, width)): MonoBitmap {
  const qr = encodeQr(qrUrl, { ecc: QR_ECC, border: 0 });
  const quiet = 4 * dots;
  const height = Math.ceil((qr.size * dots + 2 * quiet) / 8) * 8;
  const bits = new Uint8Array(width * height);
  const left = Math.floor((width - qr.size * dots) / 2);
  qr.data.forEach((row, my) =>
    row.forEach((dark, mx) => {
      if (!dark) return;
      for (let y = 0; y < dots; y++) bits.fill(1, (quiet + my * dots + y) * width + left + mx * dots, (quiet + my * dots + y) * width + left + (mx + 1) * dots);
    }),
  );
  return { width, height, bits };
}

function measurer(ctx: SKRSContext2D): Measurer {
  return (text, font, lang) => {
    ctx.font = font;
    ctx.lang = lang;
    ctx.direction = dirOf(lang);
    const m = ctx.measureText(text);
    return { width: m.width, ascent: m.actualBoundingBoxAscent, descent: m.actualBoundingBoxDescent };
  };
}

function draw(ctx: SKRSContext2D, layout: TicketLayout): void {
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, layout.width, layout.height);
  ctx.textAlign = 'center';
  ctx.textBaseline = 'alphabetic';
  for (const item of layout.items) {
    ctx.fillStyle = item.color === 'black' ? '#000' : '#fff';
    if (item.kind === 'rect') {
      ctx.fillRect(item.x, item.y, item.w, item.h);
      continue;
    }
    ctx.font = item.font;
    // lang pins locale-specific glyphs (the default follows the host's language); rtl makes the shaper
    // lay Arabic and Urdu out right to left, joined; HarfBuzz (Skia's shaper) forms Indic conjuncts.
    ctx.lang = item.lang;
    ctx.direction = dirOf(item.lang);
    ctx.fillText(item.text, item.x, item.y);
  }
}

/**
 * Lays out and draws `p`, then thresholds it to the 1-bit bitmap the printer gets. Synchronous and
 * self-contained (a fresh canvas per call; only the font registration is shared), ~10–20 ms on this
 * machine after the first call.
 */
export function renderTicket(p: TicketPrintout, opts: RenderOptions = {}): RenderedTicket {
  ensureTicketFonts(opts.fonts);
  ensureScriptFont(languageOf(secondLangOf(p)).script);
  const width = opts.width ?? 576;
  const layout = layoutTicket(p, width, measurer(createCanvas(1, 1).getContext('2d')));
  const canvas = createCanvas(width, layout.height);
  const ctx = canvas.getContext('2d');
  draw(ctx, layout);
  const bitmap = threshold(ctx.getImageData(0, 0, width, layout.height).data, width, layout.height, INK_LEVEL);
  clearRealtimeSequences(bitmap);
  return { width, height: layout.height, layout, bitmap };
}

/** PNG bytes of a bitmap (encoded on libuv's thread pool, off the event loop). */
export async function bitmapToPng(b: MonoBitmap): Promise<Buffer> {
  const canvas = createCanvas(b.width, b.height);
  canvas.getContext('2d').putImageData(new ImageData(bitmapToRgba(b), b.width, b.height), 0, 0);
  return canvas.encode('png');
}

/**
 * The ticket as it comes out of the printer: the 1-bit ticket with the QR code below it, drawn from
 * uqr's matrix at the printer's module size. For the on-file copy of the demo ('file' transport).
 */
export function ticketPng(ticket: RenderedTicket, qrUrl: string): Promise<Buffer> {
  return bitmapToPng(stackBitmaps(ticket.bitmap, renderQrBitmap(qrUrl, ticket.width)));
}

/** renderTicket + ticketPng. */
export async function renderTicketPng(p: TicketPrintout, opts: RenderOptions = {}): Promise<Buffer> {
  return ticketPng(renderTicket(p, opts), p.qrUrl);
}
