/** A QR code as an SVG path (server-side, so a phone page needs no QR encoder in its bundle). */
import { encode } from 'uqr';

/** The QR of `text` (error correction M, 4-module quiet zone): its size in modules and one path of 1×1 squares. */
export function qrPath(text: string): { size: number; path: string } {
  const qr = encode(text, { ecc: 'M', border: 4 });
  const path = qr.data.flatMap((row, y) => row.flatMap((dark, x) => (dark ? [`M${x} ${y}h1v1h-1z`] : []))).join('');
  return { size: qr.size, path };
}
