/**
 * The three timed runs of the kiosk bench, on one rig: the kiosk's whole chain (card in → cut at the printer),
 * the bare PC/SC read of the same card, and the bare write of the same job to the printer. Each kiosk run
 * leaves its card's APDUs, its job and its printout for the bare runs and the final checks.
 */
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import { SCARD_LEAVE_CARD, SCARD_PROTOCOL_T0, SCARD_PROTOCOL_T1, SCARD_SHARE_SHARED, Context, type CardInterface, type MonitorEvent } from 'smartcard';
import type { AppointmentView, BranchSnapshot, CheckInResult, PublicTicket, Result } from '@dawr/core';
import type { CardEvent } from '@dawr/hardware/card';
import type { PrinterService, TicketPrintout } from '@dawr/hardware/printer';
import { sampleHolder } from '../../../test/emulators/iga-card-files';
import type { TestPrinter } from '../../../test/emulators/test-printer';
import { insertCard, type VirtualCard } from '../../../test/emulators/virtual-card';
import type { Client } from '../../../test/helpers/branch';
import { VIRTUAL_READERS } from '../../../test/helpers/pcscd';
import { printoutOf, verifyJob, type PrinterTap } from './printer';
import { STEP_TIMEOUT_MS, stepNow, within, type Waiters } from './steps';

const SERVICE_ID = 'seef-mall.new-card';
export const KIOSK_READER = VIRTUAL_READERS[0];
export const BARE_READER = VIRTUAL_READERS[1];

type Ack<T extends object> = Promise<Result<T>>;

/** What the runs work with, set up by the bench. */
export interface Rig {
  /** The kiosk's socket.io connection to the branch server. */
  kiosk: Client;
  /** The branch snapshot as the kiosk's branch link keeps it (pushes applied). */
  snapshot: () => BranchSnapshot;
  branchUrl: string;
  /** vpcd ports: [0] the kiosk's reader, [1] the bare one. */
  ports: readonly number[];
  /** The kiosk's card reader service's events, and the bare monitor's. */
  cardEvents: Waiters<CardEvent>;
  bareEvents: Waiters<MonitorEvent>;
  printer: TestPrinter;
  tap: PrinterTap;
  printService: PrinterService;
  /** Cards in a reader now (removed at the end, whatever happens). */
  cards: Set<VirtualCard>;
  warnings: string[];
}

export class Runs {
  lastApdus: Buffer[] = [];
  lastJob: Uint8Array | null = null;
  lastPrintout: TicketPrintout | null = null;

  constructor(private readonly rig: Rig) {}

  /** One kiosk run; `cpr` with an on-time appointment checks in, any other is a walk-in after the find. */
  async kiosk(cpr: string) {
    const { cardEvents, printer, tap, printService, ports, cards, snapshot } = this.rig;
    const k = this.rig.kiosk;
    const inserted = cardEvents.next((e) => e.kind === 'inserted', 'kiosk: card inserted (service event)');
    const identified = cardEvents.next((e) => e.kind === 'identified' || e.kind === 'error', 'kiosk: card identified (service event)');
    const read = cardEvents.next((e) => e.kind === 'read' || e.kind === 'error', 'kiosk: card read (service event)');
    const connIndex = tap.conns.length;
    const jobsBefore = printer.jobs.length;
    const t0 = performance.now();
    const card = await within(insertCard({ kind: 'legacy', holder: sampleHolder({ cpr }) }, { port: ports[0] }), STEP_TIMEOUT_MS, 'kiosk: insert card');
    cards.add(card);
    stepNow('kiosk: card inserted (service event)');
    await inserted;
    const tInserted = performance.now();
    stepNow('kiosk: card identified (service event)');
    const ev = await identified;
    const tRead = performance.now();
    if (ev.kind !== 'identified') throw new Error(`card not read: ${ev.kind === 'error' ? `${ev.code} ${ev.detail ?? ''}` : ev.kind}`);
    if (ev.data.cpr !== cpr) throw new Error(`card read as CPR ${ev.data.cpr}, inserted ${cpr}`);
    const visitor = { cpr, ...(ev.data.nameAr ? { nameAr: ev.data.nameAr } : {}), ...(ev.data.nameEn ? { nameEn: ev.data.nameEn } : {}) };
    const requestId = randomUUID();

    const found = await within(k.timeout(STEP_TIMEOUT_MS).emitWithAck('appointment:find:v1', { cpr }) as Ack<{ appointments: AppointmentView[] }>, STEP_TIMEOUT_MS, 'kiosk: appointment:find');
    if (!found.ok) throw new Error(`appointment:find:v1 refused: ${found.code}`);
    const due = found.appointments.find((a) => a.status === 'booked' && a.window !== 'too_early');
    let ticket: PublicTicket;
    let trackToken: string;
    let late = false;
    if (due) {
      const r = await within(k.timeout(STEP_TIMEOUT_MS).emitWithAck('appointment:checkIn:v1', { cpr, requestId, visitor }) as Ack<CheckInResult>, STEP_TIMEOUT_MS, 'kiosk: checkIn');
      if (!r.ok) throw new Error(`appointment:checkIn:v1 refused: ${r.code}`);
      ({ ticket, trackToken, late } = r);
    } else {
      const r = await within(k.timeout(STEP_TIMEOUT_MS).emitWithAck('ticket:issue:v1', { serviceId: SERVICE_ID, requestId, visitor }) as Ack<{ ticket: PublicTicket; trackToken: string }>, STEP_TIMEOUT_MS, 'kiosk: ticket:issue');
      if (!r.ok) throw new Error(`ticket:issue:v1 refused: ${r.code}`);
      ({ ticket, trackToken } = r);
    }
    const tTicket = performance.now();

    const qrUrl = `${this.rig.branchUrl}/t/${encodeURIComponent(trackToken)}`;
    const printout = printoutOf(snapshot(), ticket, qrUrl, late);
    const result = await within(printService.print(printout), STEP_TIMEOUT_MS * 2, 'kiosk: print');
    const tPrinted = performance.now();
    if (!result.ok) throw new Error(`print failed: ${result.reason}${result.sent ? ' (job sent)' : ''}`);
    if (tap.conns.length !== connIndex + 1) throw new Error(`print opened ${tap.conns.length - connIndex} printer connections, wanted 1`);
    const tCut = tap.cutArrival(connIndex);
    const jobs = await within(printer.waitForJobs(jobsBefore + 1, STEP_TIMEOUT_MS), STEP_TIMEOUT_MS + 1_000, 'kiosk: printer records the job');
    if (jobs.length !== jobsBefore + 1) throw new Error(`printer recorded ${jobs.length - jobsBefore} jobs for one print`);
    stepNow('kiosk: card read in full (service event)');
    const full = await read;
    if (full.kind !== 'read' || full.data.cpr !== cpr || full.data.expiryDate === null) throw new Error(`the full read failed: ${JSON.stringify(full.kind === 'read' ? { cpr: full.data.cpr, expiry: full.data.expiryDate } : full)}`);
    const job = jobs[jobsBefore]!;
    verifyJob(job, qrUrl);

    // Take the card out and wait until the service has seen it go, so the next run is a fresh insertion.
    const removed = cardEvents.next((e) => e.kind === 'removed', 'kiosk: card removed (service event)');
    await within(card.remove(), STEP_TIMEOUT_MS, 'kiosk: remove card');
    cards.delete(card);
    stepNow('kiosk: card removed (service event)');
    await removed;

    this.lastApdus = card.apdus;
    this.lastJob = job;
    this.lastPrintout = printout;
    return {
      total: tCut - t0,
      detect: tInserted - t0,
      cardRead: tRead - tInserted,
      branch: tTicket - tRead,
      printToCut: tCut - tTicket,
      printResolved: tPrinted - t0,
      jobBytes: job.length,
      number: ticket.number,
      late,
    };
  }

  /** The bare PC/SC read of the same card on the other reader: monitor event, connect, the same APDUs raw. */
  async bareCard(cpr: string) {
    const { bareEvents, ports, cards } = this.rig;
    if (this.lastApdus.length === 0) throw new Error('no APDUs recorded from a kiosk read yet');
    const seen = bareEvents.next((e) => e.type === 'card-inserted' && e.reader === BARE_READER, 'bare: card inserted (monitor event)');
    const t0 = performance.now();
    const card = await within(insertCard({ kind: 'legacy', holder: sampleHolder({ cpr }) }, { port: ports[1] }), STEP_TIMEOUT_MS, 'bare: insert card');
    cards.add(card);
    stepNow('bare: card inserted (monitor event)');
    await seen;
    const tSeen = performance.now();
    // As the kiosk's session.ts does: a call that timed out is left pending and the context is released only
    // once it settles (a synchronous PC/SC call on that context meanwhile could block the event loop).
    stepNow('bare: new Context()');
    const ctx = new Context();
    let handle: CardInterface | null = null;
    let pending: Promise<unknown> | null = null;
    const timed = <T>(p: Promise<T>, what: string, late: (v: T) => void = () => {}) =>
      within(p, STEP_TIMEOUT_MS, what).catch((e: unknown) => {
        pending = p.then(late, () => undefined);
        throw e;
      });
    let t1 = 0;
    const apduMs: number[] = [];
    try {
      stepNow('bare: listReaders()');
      const reader = ctx.listReaders().find((r) => r.name === BARE_READER);
      if (!reader) throw new Error(`bare: ${BARE_READER} not listed`);
      const c = await timed(reader.connect(SCARD_SHARE_SHARED, SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1), 'bare: connect', (late) => (handle = late));
      handle = c;
      for (const apdu of this.lastApdus) {
        const ta = performance.now();
        const resp = await timed(c.transmit(apdu), 'bare: transmit');
        apduMs.push(performance.now() - ta);
        const sw = resp.length >= 2 ? (resp[resp.length - 2]! << 8) | resp[resp.length - 1]! : -1;
        if (sw !== 0x9000 && sw !== 0x6282) throw new Error(`bare: APDU ${apdu.subarray(0, 4).toString('hex')} answered SW ${sw.toString(16)}`);
      }
      t1 = performance.now();
    } finally {
      const release = () => {
        stepNow('bare: disconnect + close');
        try {
          handle?.disconnect(SCARD_LEAVE_CARD);
        } catch {
          /* gone */
        }
        try {
          ctx.close();
        } catch {
          /* gone */
        }
      };
      if (pending) void (pending as Promise<unknown>).then(release);
      else release();
    }
    if (card.apdus.length !== this.lastApdus.length) throw new Error(`bare: card saw ${card.apdus.length} APDUs, sent ${this.lastApdus.length}`);
    const gone = bareEvents.next((e) => e.type === 'card-removed' && e.reader === BARE_READER, 'bare: card removed (monitor event)');
    await within(card.remove(), STEP_TIMEOUT_MS, 'bare: remove card');
    cards.delete(card);
    stepNow('bare: card removed (monitor event)');
    await gone;
    return { total: t1 - t0, detect: tSeen - t0, apduMs };
  }

  /** A bare TCP connect + write of the last kiosk job's bytes, to the arrival of its cut. */
  async barePrint() {
    const { printer, tap, warnings } = this.rig;
    if (!this.lastJob) throw new Error('no job recorded from a kiosk print yet');
    const connIndex = tap.conns.length;
    const jobsBefore = printer.jobs.length;
    const t0 = performance.now();
    const socket = net.connect({ host: '127.0.0.1', port: printer.port, noDelay: true });
    socket.on('error', (e) => warnings.push(`bare print: ${e.message}`));
    await within(once(socket, 'connect'), STEP_TIMEOUT_MS, 'bare print: connect');
    socket.end(this.lastJob);
    const jobs = await within(printer.waitForJobs(jobsBefore + 1, STEP_TIMEOUT_MS), STEP_TIMEOUT_MS + 1_000, 'bare print: printer records the job');
    socket.destroy();
    const tCut = tap.cutArrival(connIndex);
    if (Buffer.compare(Buffer.from(jobs[jobsBefore]!), Buffer.from(this.lastJob)) !== 0) throw new Error('bare print: the printer recorded other bytes than were sent');
    return tCut - t0;
  }
}
