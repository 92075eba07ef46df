/**
 * The 'device' transport (a /dev/usb/lp0-style character device, written and read through one fd).
 * No USB printer here, so a pseudo-terminal stands in for the device: a small Python bridge (Node has
 * no pty API) opens a raw pty pair and relays its master side to the TCP test printer. The kiosk code
 * opens the pty's slave path exactly as it would open /dev/usb/lp0. Needs python3 (fails loudly without it).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrinterService, encodeTicket, renderTicket } from '@dawr/hardware/printer';
import { outline, parseEscPos } from '../emulators/escpos-parser';
import { SAMPLE_PRINTOUT, TestPrinter } from '../emulators/test-printer';

const BRIDGE = `
import os, pty, select, socket, sys, tty
master, slave = pty.openpty()
tty.setraw(slave)  # no echo, no CR/LF translation: bytes pass unchanged
print(os.ttyname(slave), flush=True)
s = socket.create_connection(('127.0.0.1', int(sys.argv[1])))
while True:
    ready, _, _ = select.select([master, s], [], [])
    if master in ready:
        data = os.read(master, 65536)
        if not data: break
        s.sendall(data)
    if s in ready:
        data = s.recv(65536)
        if not data: break
        os.write(master, data)
`;

const hasPython = spawnSync('python3', ['-c', 'import pty'], { stdio: 'ignore' }).status === 0;
if (!hasPython) throw new Error('the device-transport test needs python3 (apt-get install -y python3)');

describe('device transport (pty standing in for /dev/usb/lp0)', () => {
  let printer: TestPrinter;
  let bridge: ChildProcess;
  let devicePath: string;

  beforeAll(async () => {
    printer = await TestPrinter.start();
    bridge = spawn('python3', ['-c', BRIDGE, String(printer.port)], { stdio: ['ignore', 'pipe', 'inherit'] });
    devicePath = await new Promise<string>((resolve, reject) => {
      bridge.stdout!.once('data', (b: Buffer) => resolve(b.toString().trim()));
      bridge.once('exit', (code) => reject(new Error(`pty bridge exited (${code})`)));
    });
  });
  afterAll(async () => {
    bridge?.kill();
    await printer?.close();
  });

  const service = () =>
    createPrinterService({ transport: { kind: 'device', path: devicePath }, timeouts: { statusMs: 500, afterJobStatusMs: 1000, writeMs: 3000 }, log: () => {} });

  it('writes the job and reads the status answers back through the same fd', async () => {
    printer.state = 'near_end';
    expect(await service().print(SAMPLE_PRINTOUT)).toEqual({ ok: true, nearEnd: true });
    expect(printer.queries).toEqual([1, 2, 3, 4, 1, 2, 3, 4]);
    expect(await service().status()).toMatchObject({ ok: true, nearEnd: true });
    printer.state = 'paper_out';
    expect(await service().print(SAMPLE_PRINTOUT)).toEqual({ ok: false, reason: 'paper_out', sent: false });
    // One bridge connection carries everything: the job is recorded when the next one starts or the
    // connection ends.
    bridge.kill();
    const [job] = await printer.waitForJobs(1);
    expect(outline(parseEscPos(job!).commands)).toEqual(['init', 'raster', 'qr', 'cut']);
    expect(printer.jobs).toHaveLength(1);
    // Byte for byte: the raw pty changed nothing, and EAGAIN retries lost or doubled nothing.
    const expected = encodeTicket(renderTicket(SAMPLE_PRINTOUT), SAMPLE_PRINTOUT.qrUrl);
    expect(Buffer.compare(Buffer.from(job!), Buffer.from(expected))).toBe(0);
  });

  it("a device that does not exist: 'offline'", async () => {
    const s = createPrinterService({ transport: { kind: 'device', path: '/dev/usb/dawr-no-such-lp' }, log: () => {} });
    expect(await s.print(SAMPLE_PRINTOUT)).toEqual({ ok: false, reason: 'offline', sent: false });
  });
});
