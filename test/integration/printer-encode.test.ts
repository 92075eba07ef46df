/**
 * The ESC/POS job, read back with the test parser: init, the ticket as raster bands that rebuild
 * exactly the rendered bitmap, the printer's own QR command carrying exactly qrUrl, cut.
 */
import { describe, expect, it } from 'vitest';
import { clearRealtimeSequences, encodeTicket, renderTicket } from '@dawr/hardware/printer';
import { decodeQr, outline, parseEscPos, rasterImages, type EscPosCommand } from '../emulators/escpos-parser';
import { SAMPLE_PRINTOUT } from '../emulators/test-printer';

const of = <T extends EscPosCommand['type']>(cmds: EscPosCommand[], type: T) =>
  cmds.filter((c): c is Extract<EscPosCommand, { type: T }> => c.type === type);

describe('ESC/POS job', () => {
  it.each([576, 384] as const)('%i dots: init + raster + native QR + cut, nothing unknown', (width) => {
    const ticket = renderTicket(SAMPLE_PRINTOUT, { width });
    const { commands, consumed } = parseEscPos(encodeTicket(ticket, SAMPLE_PRINTOUT.qrUrl));
    expect(outline(commands)).toEqual(['init', 'raster', 'qr', 'cut']);
    expect(of(commands, 'unknown')).toEqual([]);
    expect(consumed).toBeGreaterThan(width * ticket.height / 8);

    const stores = of(commands, 'qr-store');
    expect(stores.map((s) => s.data)).toEqual([SAMPLE_PRINTOUT.qrUrl]);
    expect(of(commands, 'qr-print')).toHaveLength(1);
    expect(of(commands, 'qr-model')[0]?.model).toBe(2);
    expect(of(commands, 'qr-ecc')[0]?.level).toBe('M');
    const size = of(commands, 'qr-size')[0]!.size;
    expect(size).toBeGreaterThanOrEqual(3);
    expect(size).toBeLessThanOrEqual(8);
    expect(of(commands, 'cut')[0]?.mode).toBe('full');
    // Raster bands stay within 255 rows (some firmware reads only the low byte of the row count).
    expect(of(commands, 'raster').every((r) => r.height <= 255 && r.width === width)).toBe(true);
  });

  it('rebuilds the rendered bitmap dot for dot', () => {
    const ticket = renderTicket({ ...SAMPLE_PRINTOUT, lateNotice: true });
    const [image, ...more] = rasterImages(parseEscPos(encodeTicket(ticket, SAMPLE_PRINTOUT.qrUrl)).commands);
    expect(more).toEqual([]);
    expect(image!.width).toBe(ticket.bitmap.width);
    expect(image!.height).toBe(ticket.bitmap.height);
    let diff = 0;
    for (let i = 0; i < image!.bits.length; i++) diff += image!.bits[i] !== ticket.bitmap.bits[i] ? 1 : 0;
    expect(diff).toBe(0);
  });

  it('prints the QR as a bitmap for printers without GS ( k, and that bitmap scans', () => {
    const ticket = renderTicket(SAMPLE_PRINTOUT);
    const { commands } = parseEscPos(encodeTicket(ticket, SAMPLE_PRINTOUT.qrUrl, { qr: 'raster', cut: 'partial' }));
    expect(of(commands, 'qr-store')).toEqual([]);
    const images = rasterImages(commands);
    expect(images).toHaveLength(2);
    expect(decodeQr(images[1]!)).toBe(SAMPLE_PRINTOUT.qrUrl);
    expect(of(commands, 'cut')[0]?.mode).toBe('partial');
  });

  it('never sends a real-time command sequence (10 04 / 10 05 / 10 14) inside image data', () => {
    const b = { width: 32, height: 2, bits: new Uint8Array(64) };
    // Row 0 bytes: 10 04 01 00; row 1 starts with 14 after a 10 ending row 0? Put 10 | 14 across rows.
    const setByte = (k: number, v: number) => { for (let i = 0; i < 8; i++) b.bits[k * 8 + i] = (v >> (7 - i)) & 1; };
    [0x10, 0x04, 0x01, 0x10, 0x14, 0x10, 0x05, 0x10].forEach((v, k) => setByte(k, v));
    const before = b.bits.reduce((a, x) => a + x, 0);
    expect(clearRealtimeSequences(b)).toBe(3);
    expect(b.bits.reduce((a, x) => a + x, 0)).toBe(before - 3);
    expect(clearRealtimeSequences(b)).toBe(0);

    for (const p of [SAMPLE_PRINTOUT, { ...SAMPLE_PRINTOUT, lateNotice: true, number: 'A-117' }]) {
      for (const width of [576, 384] as const) {
        const job = encodeTicket(renderTicket(p, { width }), p.qrUrl, { qr: 'raster' });
        const hex = Buffer.from(job).toString('hex').match(/../g)!.join(' ');
        // init is "1b 40"; the only 0x10 bytes left must not start a real-time command.
        expect(hex).not.toMatch(/10 (04|05|14)/);
      }
    }
  });

  it('refuses a QR URL that is not printable ASCII (before anything is sent)', () => {
    const ticket = renderTicket(SAMPLE_PRINTOUT);
    expect(() => encodeTicket(ticket, 'https://dawr.bh/تذكرة')).toThrow(/ASCII/);
  });
});
