/** A QR code as an SVG path (server-side, so a phone page needs no QR encoder in its bundle). */
import { encode } from 'uqr';

/**
 * The QR of `text` (error correction M, 4-module quiet zone): its size in modules and one path of the dark modules,
 * each row's runs of dark modules as one rectangle (a third of the bytes of one square per module, and no seams
 * between neighbours).
 */
export function qrPath(text: string): { size: number; path: string } {
  const qr = encode(text, { ecc: 'M', border: 4 });
  let path = '';
  qr.data.forEach((row, y) => {
    for (let x = 0; x < row.length; x++) {
      if (!row[x]) continue;
      const from = x;
      while (row[x + 1]) x++;
      const run = x - from + 1;
      path += `M${from} ${y}h${run}v1h-${run}z`;
    }
  });
  return { size: qr.size, path };
}
