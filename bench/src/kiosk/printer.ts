/**
 * The printer side of the kiosk bench: when each chunk reached the test printer, what a recorded job must hold,
 * and the printout the kiosk builds for a ticket.
 */
import type net from 'node:net';
import { performance } from 'node:perf_hooks';
import { HOTLINE, type BranchSnapshot, type PublicTicket } from '@dawr/core';
import type { TicketPrintout } from '@dawr/hardware/printer';
import { outline, parseEscPos, rasterImages, type EscPosCommand } from '../../../test/emulators/escpos-parser';
import type { TestPrinter } from '../../../test/emulators/test-printer';

/**
 * Records, for every connection to the test printer, each chunk and the moment its 'data' event fired. The test
 * printer records a job only when the next one starts or the connection closes and has no "cut received" hook,
 * so this listens on its server (private: reached with TypeScript's element-access escape hatch) and is put in
 * front of the printer's own 'data' listener.
 */
export class PrinterTap {
  readonly conns: { chunks: Buffer[]; ends: number[]; times: number[]; bytes: number }[] = [];
  constructor(printer: TestPrinter) {
    const server: net.Server = printer['server'];
    server.on('connection', (socket: net.Socket) => {
      const c = { chunks: [] as Buffer[], ends: [] as number[], times: [] as number[], bytes: 0 };
      this.conns.push(c);
      socket.prependListener('data', (chunk: Buffer) => {
        c.times.push(performance.now());
        c.bytes += chunk.length;
        c.ends.push(c.bytes);
        c.chunks.push(chunk);
      });
    });
  }

  /** When connection `i` received the end of its first cut command. */
  cutArrival(i: number): number {
    const c = this.conns[i];
    if (!c) throw new Error(`no printer connection #${i}`);
    const { commands } = parseEscPos(Buffer.concat(c.chunks));
    const cut = commands.find((x) => x.type === 'cut');
    if (!cut) throw new Error(`printer connection #${i} carried no cut (${c.bytes} bytes)`);
    const k = c.ends.findIndex((end) => end >= cut.at + cut.length);
    return c.times[k]!;
  }
}

/** Checks a job as the test printer recorded it: init, raster ticket, QR with `qrUrl`, full cut. */
export function verifyJob(job: Uint8Array, qrUrl: string): EscPosCommand[] {
  const { commands } = parseEscPos(job);
  const shape = outline(commands).join(' ');
  if (shape !== 'init raster qr cut') throw new Error(`job outline is "${shape}", wanted "init raster qr cut"`);
  const stored = commands.find((c) => c.type === 'qr-store');
  if (stored?.type !== 'qr-store' || stored.data !== qrUrl) throw new Error(`job QR holds ${JSON.stringify(stored)}, wanted ${qrUrl}`);
  if (!commands.some((c) => c.type === 'qr-print')) throw new Error('job stores a QR code but never prints it');
  const cut = commands.find((c) => c.type === 'cut');
  if (cut?.type !== 'cut' || cut.mode !== 'full') throw new Error('job does not end with a full cut');
  const images = rasterImages(commands);
  if (images.length !== 1 || images[0]!.width !== 576 || images[0]!.height < 200) {
    throw new Error(`job raster is ${images.map((b) => `${b.width}×${b.height}`).join(', ')}, wanted one 576-dot ticket`);
  }
  return commands;
}

/** What the kiosk prints for a ticket: kiosk/src/lib/server/printing.ts printoutOf(), without its $env imports. */
export function printoutOf(snapshot: BranchSnapshot, ticket: PublicTicket, qrUrl: string, late: boolean): TicketPrintout {
  const service = snapshot.services.find((s) => s.id === ticket.serviceId);
  return {
    number: ticket.number,
    service: service?.name ?? { ar: ticket.serviceId, en: ticket.serviceId },
    branch: snapshot.branch.name,
    issuedAt: ticket.arrivedAt,
    timezone: snapshot.branch.timezone,
    position: ticket.position !== null && ticket.position >= 1 ? ticket.position - 1 : null,
    estimatedWaitMin: ticket.estimatedWaitMin,
    qrUrl,
    hotline: HOTLINE,
    ...(late ? { lateNotice: true } : {}),
  };
}
