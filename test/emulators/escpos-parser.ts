/**
 * Reads ESC/POS bytes back into commands, for tests: what the kiosk sent, as the printer would take it.
 * Knows the commands our jobs use (init, GS v 0 raster images, GS ( k QR codes, cuts, DLE EOT queries)
 * plus the usual fixed-length settings; anything else comes out as 'unknown' with its bytes.
 * Also rebuilds raster images as bitmaps, writes them as PNG and decodes QR codes in them (jsqr).
 */
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import type { MonoBitmap } from '@dawr/hardware/printer';

/** Where a command sits in the input. */
interface Span {
  at: number;
  length: number;
}

/** One parsed command. */
export type EscPosCommand = Span &
  (
    | { type: 'init' }
    | { type: 'raster'; mode: number; width: number; height: number; bitmap: MonoBitmap }
    | { type: 'qr-model'; model: number }
    | { type: 'qr-size'; size: number }
    | { type: 'qr-ecc'; level: 'L' | 'M' | 'Q' | 'H' }
    | { type: 'qr-store'; data: string }
    | { type: 'qr-print' }
    | { type: 'cut'; mode: 'full' | 'partial'; feed: number }
    | { type: 'status-query'; n: number }
    | { type: 'align'; value: 'left' | 'center' | 'right' }
    | { type: 'feed' }
    | { type: 'text'; text: string }
    | { type: 'setting'; name: string; bytes: Uint8Array }
    | { type: 'unknown'; bytes: Uint8Array }
  );

/** Settings recognised by prefix → total length. */
const FIXED: Record<string, [string, number]> = {
  '1b 4d': ['font', 3],
  '1b 21': ['print-mode', 3],
  '1b 45': ['bold', 3],
  '1b 2d': ['underline', 3],
  '1b 32': ['default-line-spacing', 2],
  '1b 33': ['line-spacing', 3],
  '1b 64': ['feed-lines', 3],
  '1b 4a': ['feed-dots', 3],
  '1b 74': ['codepage', 3],
  '1b 47': ['double-strike', 3],
  '1b 7b': ['upside-down', 3],
  '1c 2e': ['cancel-kanji', 2],
  '1c 26': ['kanji', 2],
  '1d 21': ['char-size', 3],
  '1d 42': ['reverse', 3],
  '1d 4c': ['left-margin', 4],
  '1d 57': ['print-width', 4],
  '1d 50': ['motion-units', 4],
  '10 05': ['realtime-request', 3],
};

const hex2 = (a: number, b: number) => `${a.toString(16).padStart(2, '0')} ${b.toString(16).padStart(2, '0')}`;
const isText = (b: number) => (b >= 0x20 && b <= 0x7e) || b >= 0x80;

function rasterBitmap(data: Uint8Array, bytesPerRow: number, height: number): MonoBitmap {
  const width = bytesPerRow * 8;
  const bits = new Uint8Array(width * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) bits[y * width + x] = (data[y * bytesPerRow + (x >> 3)]! >> (7 - (x & 7))) & 1;
  return { width, height, bits };
}

/** Decodes one `GS ( k` function (cn 0x31 = QR code). */
function qrCommand(body: Uint8Array): Record<string, unknown> & { type: string } {
  const [cn, fn] = body;
  if (cn !== 0x31) return { type: 'setting', name: `GS ( k cn=${cn}`, bytes: body };
  switch (fn) {
    case 0x41: return { type: 'qr-model', model: body[2]! - 0x30 };
    case 0x43: return { type: 'qr-size', size: body[2]! };
    case 0x45: return { type: 'qr-ecc', level: (['L', 'M', 'Q', 'H'] as const)[body[2]! - 0x30] ?? 'L' };
    case 0x50: return { type: 'qr-store', data: Buffer.from(body.subarray(3)).toString('latin1') };
    case 0x51: return { type: 'qr-print' };
    default: return { type: 'setting', name: `qr fn=${fn}`, bytes: body };
  }
}

/**
 * Parses `bytes`. With `partial`, stops before a command that is not complete yet and says how far it
 * got (`consumed`), for streams; without, an incomplete command at the end becomes 'unknown'.
 */
export function parseEscPos(bytes: Uint8Array, opts: { partial?: boolean } = {}): { commands: EscPosCommand[]; consumed: number } {
  const out: EscPosCommand[] = [];
  let i = 0;
  const add = (cmd: Record<string, unknown> & { type: string }, length: number) => {
    out.push({ ...cmd, at: i, length } as EscPosCommand);
    i += length;
  };
  while (i < bytes.length) {
    const b0 = bytes[i]!;
    const b1 = bytes[i + 1];
    const b2 = bytes[i + 2];
    const need = (n: number) => i + n <= bytes.length;
    let length = 0; // 0: incomplete
    let cmd: (Record<string, unknown> & { type: string }) | null = null;

    if (isText(b0)) {
      let j = i;
      while (j < bytes.length && isText(bytes[j]!)) j++;
      add({ type: 'text', text: Buffer.from(bytes.subarray(i, j)).toString('latin1') }, j - i);
      continue;
    }
    if (b0 === 0x0a) { add({ type: 'feed' }, 1); continue; }
    if (b0 === 0x0d) { add({ type: 'setting', name: 'cr', bytes: bytes.subarray(i, i + 1) }, 1); continue; }
    if (b1 === undefined) length = 0;
    else if (b0 === 0x1b && b1 === 0x40) [cmd, length] = [{ type: 'init' }, 2];
    else if (b0 === 0x1b && b1 === 0x61) {
      if (need(3)) [cmd, length] = [{ type: 'align', value: (['left', 'center', 'right'] as const)[b2! % 0x30] ?? 'left' }, 3];
    } else if (b0 === 0x10 && b1 === 0x04) {
      if (need(3)) [cmd, length] = [{ type: 'status-query', n: b2! }, 3];
    } else if (b0 === 0x1d && b1 === 0x56) {
      if (need(3)) {
        const m = b2!;
        const withFeed = [0x41, 0x42, 0x61, 0x62, 0x67, 0x68].includes(m);
        const mode = [0x00, 0x30, 0x41, 0x61, 0x67].includes(m) ? 'full' : 'partial';
        if (!withFeed || need(4)) [cmd, length] = [{ type: 'cut', mode, feed: withFeed ? bytes[i + 3]! : 0 }, withFeed ? 4 : 3];
      }
    } else if (b0 === 0x1d && b1 === 0x76 && b2 === 0x30) {
      if (need(8)) {
        const bytesPerRow = bytes[i + 4]! + bytes[i + 5]! * 256;
        const height = bytes[i + 6]! + bytes[i + 7]! * 256;
        const total = 8 + bytesPerRow * height;
        if (need(total)) {
          const bitmap = rasterBitmap(bytes.subarray(i + 8, i + total), bytesPerRow, height);
          [cmd, length] = [{ type: 'raster', mode: bytes[i + 3]!, width: bitmap.width, height, bitmap }, total];
        }
      }
    } else if (b0 === 0x1d && b1 === 0x28) {
      // GS ( X pL pH body: a length-prefixed function (k = 2D codes; others are settings to us).
      if (need(5)) {
        const total = 5 + bytes[i + 3]! + bytes[i + 4]! * 256;
        if (need(total)) {
          const body = bytes.subarray(i + 5, i + total);
          [cmd, length] = [b2 === 0x6b ? qrCommand(body) : { type: 'setting', name: `GS ( ${String.fromCharCode(b2!)}`, bytes: body }, total];
        }
      }
    } else if (b0 === 0x1b && b1 === 0x2a) {
      // ESC * m nL nH: column image, 1 or 3 bytes per column.
      if (need(5)) {
        const n = bytes[i + 3]! + bytes[i + 4]! * 256;
        const total = 5 + n * (b2! >= 32 ? 3 : 1);
        if (need(total)) [cmd, length] = [{ type: 'setting', name: 'column-image', bytes: bytes.subarray(i, i + total) }, total];
      }
    } else {
      const fixed = FIXED[hex2(b0, b1)];
      if (fixed) {
        if (need(fixed[1])) [cmd, length] = [{ type: 'setting', name: fixed[0], bytes: bytes.subarray(i, i + fixed[1]) }, fixed[1]];
      } else {
        [cmd, length] = [{ type: 'unknown', bytes: bytes.subarray(i, i + 1) }, 1];
      }
    }

    if (cmd) add(cmd, length);
    else if (opts.partial) break;
    else add({ type: 'unknown', bytes: bytes.subarray(i) }, bytes.length - i);
  }
  // Runs of unknown bytes read better as one entry.
  const merged: EscPosCommand[] = [];
  for (const c of out) {
    const prev = merged[merged.length - 1];
    if (c.type === 'unknown' && prev?.type === 'unknown' && prev.at + prev.length === c.at) {
      merged[merged.length - 1] = { ...prev, length: prev.length + c.length, bytes: bytes.subarray(prev.at, c.at + c.length) };
    } else merged.push(c);
  }
  return { commands: merged, consumed: i };
}

/** The raster images of a job, consecutive `GS v 0` bands of one width joined into one bitmap each. */
export function rasterImages(commands: EscPosCommand[]): MonoBitmap[] {
  const images: MonoBitmap[] = [];
  let prev: EscPosCommand | null = null;
  for (const c of commands) {
    if (c.type === 'raster') {
      const last = images[images.length - 1];
      if (prev?.type === 'raster' && last && last.width === c.width) {
        const bits = new Uint8Array(last.bits.length + c.bitmap.bits.length);
        bits.set(last.bits);
        bits.set(c.bitmap.bits, last.bits.length);
        images[images.length - 1] = { width: last.width, height: last.height + c.height, bits };
      } else images.push(c.bitmap);
    }
    prev = c;
  }
  return images;
}

/**
 * The job in outline: 'init', 'raster' (a run of bands), 'qr' (a run of QR functions), 'cut',
 * 'status-query', 'text', 'unknown'; settings, feeds and alignment left out.
 */
export function outline(commands: EscPosCommand[]): string[] {
  const out: string[] = [];
  for (const c of commands) {
    const kind = c.type.startsWith('qr-') ? 'qr' : c.type;
    if (kind === 'setting' || kind === 'feed' || kind === 'align') continue;
    if ((kind === 'raster' || kind === 'qr') && out[out.length - 1] === kind) continue;
    out.push(kind);
  }
  return out;
}

/** RGBA pixels of a bitmap (black on white). */
export function bitmapRgba(b: MonoBitmap): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray(b.width * b.height * 4).fill(255);
  for (let p = 0; p < b.bits.length; p++) if (b.bits[p]) rgba.fill(0, p * 4, p * 4 + 3);
  return rgba;
}

/** A bitmap as PNG bytes. */
export function bitmapPng(b: MonoBitmap): Buffer {
  const png = new PNG({ width: b.width, height: b.height });
  png.data = Buffer.from(bitmapRgba(b).buffer);
  return PNG.sync.write(png);
}

/** Decodes a PNG into a bitmap (dark pixels = 1), e.g. to compare a written file with a job. */
export function pngBitmap(bytes: Buffer): MonoBitmap {
  const png = PNG.sync.read(bytes);
  const bits = new Uint8Array(png.width * png.height);
  for (let p = 0; p < bits.length; p++) bits[p] = png.data[p * 4]! < 128 ? 1 : 0;
  return { width: png.width, height: png.height, bits };
}

/** The text of a QR code found in a bitmap, or null. */
export function decodeQr(b: MonoBitmap): string | null {
  return jsQR(bitmapRgba(b), b.width, b.height)?.data ?? null;
}
