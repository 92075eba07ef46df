/**
 * DLE EOT status: decoding per state, the fixed-bit check, and a reader that takes status bytes in any
 * pieces, ignores bytes that are not answers, and times out. Also the parser's stream mode, which the
 * test printer relies on.
 */
import { describe, expect, it, vi } from 'vitest';
import { decodeStatus, dleEot, isStatusByte, parsePrinterTarget, problemOf, StatusReader } from '@dawr/hardware/printer';
import { parseEscPos } from '../emulators/escpos-parser';

describe('DLE EOT decoding', () => {
  it('reads each condition from its bit', () => {
    const ok = decodeStatus([0x12, 0x12, 0x12, 0x12]);
    expect(problemOf(ok)).toBeNull();
    expect(ok.paperNearEnd).toBe(false);
    expect(decodeStatus([0x12, 0x12, 0x12, 0x1e]).paperNearEnd).toBe(true);
    expect(problemOf(decodeStatus([0x12, 0x12, 0x12, 0x1e]))).toBeNull();
    // Paper end, cover open and errors also set "offline": the specific cause wins.
    expect(problemOf(decodeStatus([0x1a, 0x32, 0x12, 0x7e]))).toBe('paper_out');
    expect(problemOf(decodeStatus([0x1a, 0x32, 0x12, 0x12]))).toBe('paper_out'); // stopped by paper end
    expect(problemOf(decodeStatus([0x1a, 0x16, 0x12, 0x12]))).toBe('cover_open');
    expect(problemOf(decodeStatus([0x1a, 0x52, 0x1a, 0x12]))).toBe('error');
    expect(decodeStatus([0x1a, 0x52, 0x1a, 0x12]).cutterError).toBe(true);
    expect(decodeStatus([0x1a, 0x52, 0x32, 0x12]).unrecoverable).toBe(true);
    expect(problemOf(decodeStatus([0x1a, 0x12, 0x12, 0x12]))).toBe('offline');
  });

  it('rejects bytes without the fixed bits (0x12 set, 0x81 clear)', () => {
    expect(isStatusByte(0x12)).toBe(true);
    expect(isStatusByte(0x7e)).toBe(true);
    for (const b of [0x00, 0x10, 0x02, 0x13, 0x92, 0xff, 0x0f]) expect(isStatusByte(b)).toBe(false);
    expect(() => decodeStatus([0x12, 0x00, 0x12, 0x12])).toThrow();
    expect([...dleEot(4)]).toEqual([0x10, 0x04, 0x04]);
  });
});

describe('StatusReader', () => {
  it('hands out status bytes in order, whatever pieces they came in, skipping other bytes', async () => {
    const r = new StatusReader();
    r.push(Uint8Array.of(0x14, 0x00)); // an Automatic Status Back packet starts…
    r.push(Uint8Array.of(0x00, 0x0f, 0x12)); // …ends, then an answer
    r.push(Uint8Array.of(0x1e));
    expect(await r.next(10)).toBe(0x12);
    expect(await r.next(10)).toBe(0x1e);
    const later = r.next(500);
    await Promise.resolve(); // the wait is pending before the byte comes
    r.push(Uint8Array.of(0x00, 0x1a));
    expect(await later).toBe(0x1a);
  });

  it("answers 'timeout' when nothing comes (at its timeout, not before) and 'closed' when the link ends", async () => {
    const r = new StatusReader();
    vi.useFakeTimers();
    try {
      let answer: unknown = null;
      void r.next(50).then((a) => (answer = a));
      await vi.advanceTimersByTimeAsync(49);
      expect(answer).toBeNull();
      await vi.advanceTimersByTimeAsync(1);
      expect(answer).toBe('timeout');
    } finally {
      vi.useRealTimers();
    }
    const pending = r.next(5000);
    r.end();
    expect(await pending).toBe('closed');
    expect(await r.next(5000)).toBe('closed');
  });

  it('settle() waits for silence and forgets what came before it', async () => {
    const r = new StatusReader();
    r.push(Uint8Array.of(0x7e));
    // Fake clock and timeouts; real setImmediate (settle() lets I/O rounds through with it).
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const ioRounds = async () => {
      for (let i = 0; i < 4; i++) await new Promise((resolve) => setImmediate(resolve));
    };
    try {
      let settled = false;
      void r.settle(30, 1000).then(() => (settled = true));
      // Bytes every 10 ms for 60 ms: no 30 ms of silence yet.
      for (let i = 0; i < 6; i++) {
        await vi.advanceTimersByTimeAsync(10);
        r.push(Uint8Array.of(0x12));
      }
      expect(settled).toBe(false);
      await vi.advanceTimersByTimeAsync(29);
      await ioRounds();
      expect(settled).toBe(false);
      await vi.advanceTimersByTimeAsync(2);
      await ioRounds();
      expect(settled).toBe(true);
    } finally {
      vi.useRealTimers();
    }
    expect(await r.next(20)).toBe('timeout');
  });
});

describe('ESC/POS parser stream mode', () => {
  it('stops before an incomplete command and reports how far it got', () => {
    const raster = [0x1d, 0x76, 0x30, 0x00, 0x01, 0x00, 0x02, 0x00, 0x80, 0x01];
    const bytes = Uint8Array.from([0x1b, 0x40, 0x10, 0x04, 0x01, ...raster]);
    const part = parseEscPos(bytes.subarray(0, 9), { partial: true });
    expect(part.commands.map((c) => c.type)).toEqual(['init', 'status-query']);
    expect(part.consumed).toBe(5);
    const all = parseEscPos(bytes);
    expect(all.commands.map((c) => c.type)).toEqual(['init', 'status-query', 'raster']);
    const img = all.commands[2]!;
    expect(img.type === 'raster' && [...img.bitmap.bits.subarray(0, 8)]).toEqual([1, 0, 0, 0, 0, 0, 0, 0]);
    expect(img.type === 'raster' && img.bitmap.bits[15]).toBe(1);
  });

  it('reports unknown bytes with their length', () => {
    const { commands } = parseEscPos(Uint8Array.of(0x1b, 0x40, 0x01, 0x02, 0x03, 0x0a));
    expect(commands.map((c) => [c.type, c.length])).toEqual([['init', 2], ['unknown', 3], ['feed', 1]]);
  });
});

describe('printer target setting', () => {
  it('reads tcp, device, file and none', () => {
    expect(parsePrinterTarget('tcp://10.0.0.5:9101', '/d')).toEqual({ kind: 'tcp', host: '10.0.0.5', port: 9101 });
    expect(parsePrinterTarget('tcp://printer.local', '/d')).toEqual({ kind: 'tcp', host: 'printer.local', port: 9100 });
    expect(parsePrinterTarget('/dev/usb/lp0', '/d')).toEqual({ kind: 'device', path: '/dev/usb/lp0' });
    expect(parsePrinterTarget('device:/dev/ttyUSB0', '/d')).toEqual({ kind: 'device', path: '/dev/ttyUSB0' });
    expect(parsePrinterTarget('file', '/d')).toEqual({ kind: 'file', dataDir: '/d' });
    expect(parsePrinterTarget('', '/d')).toBeNull();
    expect(parsePrinterTarget('none', '/d')).toBeNull();
    expect(() => parsePrinterTarget('lpt1', '/d')).toThrow();
  });
});
