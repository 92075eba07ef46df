/**
 * PrinterService against the TCP test printer: status before and after every job, each printer state,
 * a hung printer, one that drops the connection mid-job, unsolicited bytes mid-job, one job at a time;
 * and the demo 'file' printer.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createPrinterService, encodeTicket, type PrinterConfig, renderTicket } from '@dawr/hardware/printer';
import { decodeQr, outline, parseEscPos, pngBitmap, rasterImages } from '../emulators/escpos-parser';
import { SAMPLE_PRINTOUT, TestPrinter } from '../emulators/test-printer';
import { tempDir } from '../helpers/tmp';

const TIMEOUTS = { connectMs: 1000, statusMs: 300, afterJobStatusMs: 500, writeMs: 2000 };
let printer: TestPrinter;
const logs: string[] = [];

beforeAll(async () => {
  printer = await TestPrinter.start();
});
afterAll(() => printer.close());
afterEach(() => {
  printer.state = 'ok';
  printer.answerDelayMs = 0;
  printer.beforeEachAnswer = [];
  printer.midJob = [];
  printer.jobs.length = 0;
  printer.queries.length = 0;
  logs.length = 0;
});

function service(extra: Partial<PrinterConfig> = {}) {
  return createPrinterService({
    transport: { kind: 'tcp', host: printer.host, port: printer.port },
    timeouts: TIMEOUTS,
    log: (m) => logs.push(m),
    ...extra,
  });
}

/** Resolves once the printer has seen the service's connection end (a job is recorded then). */
async function connectionEnded(closedBefore: number): Promise<void> {
  await printer.waitForClosed(closedBefore + 1);
}

describe('printing over TCP', () => {
  it('prints: status, job, status; the job is init + raster + QR(qrUrl) + cut', async () => {
    const r = await service().print(SAMPLE_PRINTOUT);
    expect(r).toEqual({ ok: true, nearEnd: false });
    const [job] = await printer.waitForJobs(1);
    const { commands } = parseEscPos(job!);
    expect(outline(commands)).toEqual(['init', 'raster', 'qr', 'cut']);
    expect(commands.filter((c) => c.type === 'qr-store').map((c) => c.type === 'qr-store' && c.data)).toEqual([SAMPLE_PRINTOUT.qrUrl]);
    expect(printer.queries).toEqual([1, 2, 3, 4, 1, 2, 3, 4]);
    expect(logs).toEqual([]);
  });

  it('prints on a nearly empty roll and says so', async () => {
    printer.state = 'near_end';
    expect(await service().print(SAMPLE_PRINTOUT)).toEqual({ ok: true, nearEnd: true });
    expect(await printer.waitForJobs(1)).toHaveLength(1);
  });

  it.each([
    ['paper_out', 'paper_out'],
    ['cover_open', 'cover_open'],
    ['offline', 'offline'],
    ['cutter_error', 'error'],
  ] as const)('%s: sends nothing and reports %s', async (state, reason) => {
    printer.state = state;
    const closed = printer.closedConnections;
    expect(await service().print(SAMPLE_PRINTOUT)).toEqual({ ok: false, reason, sent: false });
    await connectionEnded(closed);
    expect(printer.jobs).toHaveLength(0);
    expect(printer.queries).toEqual([1, 2, 3, 4]);
    expect(logs[0]).toMatch(new RegExp(`B-004 not printed: ${reason}`));
  });

  it("hung printer (connects, never answers): 'no_answer', the service hangs up, nothing sent", async () => {
    printer.state = 'hung';
    const closed = printer.closedConnections;
    expect(await service().print(SAMPLE_PRINTOUT)).toEqual({ ok: false, reason: 'no_answer', sent: false });
    await connectionEnded(closed);
    expect(printer.jobs).toHaveLength(0);
    expect(logs[0]).toMatch(/not printed: no_answer/);
  });

  it("printer that drops the connection mid-job: 'dropped'", async () => {
    printer.midJob = [{ afterBytes: 3000, drop: true }];
    expect(await service().print(SAMPLE_PRINTOUT)).toEqual({ ok: false, reason: 'dropped', sent: true });
    const [job] = await printer.waitForJobs(1);
    expect(job!.length).toBe(3000);
  });

  it("printer that hangs mid-job (socket stays open): 'no_answer' after sending, once its after-job status goes unanswered", async () => {
    printer.midJob = [{ afterBytes: 3000, setState: 'hung' }];
    const closed = printer.closedConnections;
    expect(await service().print(SAMPLE_PRINTOUT)).toEqual({ ok: false, reason: 'no_answer', sent: true });
    await connectionEnded(closed);
    // The four status queries before the job were answered; the after-job round was not, and the service hung up.
    expect(printer.queries).toEqual([1, 2, 3, 4]);
    expect(printer.jobs).toHaveLength(1);
    expect(logs.join('\n')).toMatch(/no_answer/);
  });

  it("paper running out during the job: 'paper_out' after sending", async () => {
    printer.midJob = [{ afterBytes: 10_000, setState: 'paper_out' }];
    expect(await service().print(SAMPLE_PRINTOUT)).toEqual({ ok: false, reason: 'paper_out', sent: true });
  });

  it('unsolicited bytes in the middle of the job (ASB packet, stale "paper end" answer) are not taken for answers', async () => {
    // 0x7e looks like an answer saying "paper end"; 0x14 0x00 0x00 0x0f is an ASB packet.
    printer.midJob = [
      { afterBytes: 500, emit: [0x7e] },
      { afterBytes: 20_000, emit: [0x14, 0x00, 0x00, 0x0f, 0x1a] },
    ];
    const expected = encodeTicket(renderTicket(SAMPLE_PRINTOUT), SAMPLE_PRINTOUT.qrUrl);
    expect(await service().print(SAMPLE_PRINTOUT)).toEqual({ ok: true, nearEnd: false });
    const [job] = await printer.waitForJobs(1);
    expect(Buffer.compare(Buffer.from(job!), Buffer.from(expected))).toBe(0);
    expect(printer.midJob).toEqual([]); // both fired
  });

  it('status answers that come late and one at a time are still read', async () => {
    printer.answerDelayMs = 30;
    expect(await service().print(SAMPLE_PRINTOUT)).toEqual({ ok: true, nearEnd: false });
  });

  it('an Automatic Status Back packet before every answer is skipped', async () => {
    printer.beforeEachAnswer = [0x14, 0x00, 0x00, 0x0f];
    printer.state = 'near_end';
    expect(await service().print(SAMPLE_PRINTOUT)).toEqual({ ok: true, nearEnd: true });
    printer.state = 'cover_open';
    expect(await service().print(SAMPLE_PRINTOUT)).toEqual({ ok: false, reason: 'cover_open', sent: false });
  });

  it("no printer listening: 'offline', quickly", async () => {
    const gone = await TestPrinter.start();
    const port = gone.port;
    await gone.close();
    const s = createPrinterService({ transport: { kind: 'tcp', host: '127.0.0.1', port }, timeouts: TIMEOUTS, log: () => {} });
    expect(await s.print(SAMPLE_PRINTOUT)).toEqual({ ok: false, reason: 'offline', sent: false });
    expect(await s.status()).toMatchObject({ ok: false, reason: 'offline' });
  });

  it('runs jobs one at a time: two prints at once give two whole jobs', async () => {
    const s = service();
    const results = await Promise.all([s.print(SAMPLE_PRINTOUT), s.reprint({ ...SAMPLE_PRINTOUT, number: 'B-005' }), s.status()]);
    expect(results.map((r) => r.ok)).toEqual([true, true, true]);
    const jobs = await printer.waitForJobs(2);
    for (const job of jobs) expect(outline(parseEscPos(job).commands)).toEqual(['init', 'raster', 'qr', 'cut']);
  });

  it('status() for the staff screen', async () => {
    const s = service();
    expect(await s.status()).toMatchObject({ ok: true, nearEnd: false, status: { raw: [0x12, 0x12, 0x12, 0x12] } });
    printer.state = 'near_end';
    expect(await s.status()).toMatchObject({ ok: true, nearEnd: true });
    printer.state = 'cover_open';
    expect(await s.status()).toMatchObject({ ok: false, reason: 'cover_open', status: { coverOpen: true } });
    printer.state = 'hung';
    expect(await s.status()).toMatchObject({ ok: false, reason: 'no_answer', status: null });
    expect(printer.jobs).toHaveLength(0);
  });
});

describe("the demo 'file' printer", () => {
  const tmp = tempDir('dawr-printer-');
  afterAll(() => tmp.cleanup());

  it('writes <timestamp>-<number>.png and .bin under printed/, and a reprint adds a second pair', async () => {
    const s = createPrinterService({ transport: { kind: 'file', dataDir: tmp.dir }, log: (m) => logs.push(m) });
    expect(await s.status()).toMatchObject({ ok: true, nearEnd: false });
    expect(await s.print(SAMPLE_PRINTOUT)).toEqual({ ok: true, nearEnd: false });
    const dir = path.join(tmp.dir, 'printed');
    const files = readdirSync(dir).sort();
    expect(files).toHaveLength(2);
    expect(files[0]).toMatch(/^\d{8}T\d{9}Z-B-004\.bin$/);
    expect(files[1]).toBe(files[0]!.replace(/\.bin$/, '.png'));

    const png = pngBitmap(readFileSync(path.join(dir, files[1]!)));
    expect(png.width).toBe(576);
    expect(decodeQr(png)).toBe(SAMPLE_PRINTOUT.qrUrl);
    const { commands } = parseEscPos(readFileSync(path.join(dir, files[0]!)));
    expect(outline(commands)).toEqual(['init', 'raster', 'qr', 'cut']);
    // The PNG shows the very dots the job would print, with the QR code under them.
    const raster = rasterImages(commands)[0]!;
    expect(Buffer.compare(Buffer.from(png.bits.subarray(0, raster.bits.length)), Buffer.from(raster.bits))).toBe(0);

    expect(await s.reprint(SAMPLE_PRINTOUT)).toEqual({ ok: true, nearEnd: false });
    expect(readdirSync(dir)).toHaveLength(4);
  });

  it("reports 'error' (never throws) when it cannot write", async () => {
    // A file where the data directory should be: mkdir fails with ENOTDIR.
    const s = createPrinterService({ transport: { kind: 'file', dataDir: '/etc/hostname' }, log: () => {} });
    expect(await s.print(SAMPLE_PRINTOUT)).toEqual({ ok: false, reason: 'error', sent: false });
  });
});
