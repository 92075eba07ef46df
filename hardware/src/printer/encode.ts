/**
 * The ESC/POS job for one ticket, built with @point-of-sale/receipt-printer-encoder:
 * initialize, the ticket as raster images (`GS v 0`), the QR code with the printer's own command
 * (`GS ( k`) or, for printers without one, as another raster image, feed, cut.
 */
import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import { bitmapToRgba, qrModuleDots, renderQrBitmap, type MonoBitmap, type RenderedTicket } from './render';

/** How the QR code is printed. */
export type QrMode = 'native' | 'raster';

/** Job choices. */
export interface EncodeOptions {
  /** 'native' (default): `GS ( k`, ~1/3 of the bytes of a bitmap and sharper. 'raster': a bitmap. */
  qr?: QrMode;
  /** 'full' (default) or 'partial' (leaves a hinge, for printers without a presenter). */
  cut?: 'full' | 'partial';
  /** Blank lines fed before the cut, so the QR code clears the cutter (default 4). */
  feedLines?: number;
}

/** The QR payload must be printable ASCII: the encoder sends it as ISO 8859-1 and phones read it as a URL. */
export function isPrintableAscii(s: string): boolean {
  return /^[\x20-\x7e]+$/.test(s);
}

function addImage(encoder: ReceiptPrinterEncoder, b: MonoBitmap): void {
  // Already 1-bit: hand the encoder pure black/white pixels, so its own threshold step changes nothing
  // and the printed dots are exactly our bitmap. A plain object is copied by the encoder (it alters an
  // ImageData it is given in place).
  encoder.image({ data: bitmapToRgba(b), width: b.width, height: b.height }, { width: b.width, height: b.height, algorithm: 'threshold', threshold: 128 });
}

/**
 * Encodes a rendered ticket and its QR URL into one ESC/POS job. Throws on a QR URL that is not
 * printable ASCII (the caller reports it as a print error; nothing is sent).
 */
export function encodeTicket(ticket: RenderedTicket, qrUrl: string, opts: EncodeOptions = {}): Uint8Array {
  if (!isPrintableAscii(qrUrl)) throw new Error('QR URL must be printable ASCII');
  const encoder = new ReceiptPrinterEncoder({
    language: 'esc-pos',
    imageMode: 'raster',
    // 48 and 32 columns of 12-dot font A are 576 and 384 dots: the encoder's printable width.
    columns: ticket.width === 576 ? 48 : 32,
    // LF alone: the default "\n\r" sends a CR that some printers print as an extra blank line.
    newline: '\n',
    feedBeforeCut: opts.feedLines ?? 4,
    errors: 'strict',
  });
  encoder.initialize();
  addImage(encoder, ticket.bitmap);
  if ((opts.qr ?? 'native') === 'native') {
    encoder
      .align('center')
      .qrcode(qrUrl, { model: 2, size: qrModuleDots(qrUrl, ticket.width), errorlevel: 'm' })
      .align('left');
  } else {
    addImage(encoder, renderQrBitmap(qrUrl, ticket.width));
  }
  return encoder.cut(opts.cut ?? 'full').encode();
}
