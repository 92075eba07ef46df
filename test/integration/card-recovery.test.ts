/**
 * The reader service recovers by itself when PC/SC misses a card event or a read stalls (issue 13): the real
 * pcscd and virtual card, with the binding wrapped (loadPcsc) so that the monitor loses one event, or connecting
 * to the card hangs. Without the service's own check (pollMs 0) the missed card is never read.
 */
import * as smartcard from 'smartcard';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { CARD_READ_MESSAGES, CardReaderService, type CardEvent, type CardReaderOptions, type PcscBinding } from '@dawr/hardware/card';
import { sampleHolder } from '../emulators/iga-card-files';
import { insertCard, type VirtualCard } from '../emulators/virtual-card';
import { startPcscd, waitForCardState, type Pcscd } from '../helpers/pcscd';

const READER = 'Virtual PCD 00 00';
const WAIT_MS = 12_000;
let pcscd: Pcscd;
let service: CardReaderService | null = null;
let cards: VirtualCard[] = [];
const logs: string[] = [];

beforeAll(async () => {
  pcscd = await startPcscd();
}, 30_000);
afterEach(async () => {
  for (const c of cards) await c.remove();
  cards = [];
  await service?.stop();
  service = null;
  await waitForCardState(READER, false);
});
afterAll(async () => {
  await pcscd?.stop();
});

/** The real binding, with a monitor that drops the first event of `drop` kind for READER. */
function droppingMonitor(drop: 'card-inserted' | 'card-removed'): PcscBinding {
  let dropped = false;
  class Monitor extends smartcard.ReaderMonitor {
    override start(callback: (e: smartcard.MonitorEvent) => void): void {
      super.start((e) => {
        if (!dropped && e.type === drop && e.reader === READER) {
          dropped = true;
          return;
        }
        callback(e);
      });
    }
  }
  return { ...smartcard, ReaderMonitor: Monitor as unknown as typeof smartcard.ReaderMonitor };
}

/** The real binding, whose first `hangs` connects to a card never answer. */
function hangingConnect(hangs: number): PcscBinding {
  let left = hangs;
  const wrapReader = (r: smartcard.ReaderInterface) =>
    new Proxy(r, {
      get(target, prop) {
        if (prop === 'connect' && left > 0) {
          left--;
          return () => new Promise(() => {});
        }
        const v = Reflect.get(target, prop) as unknown;
        return typeof v === 'function' ? v.bind(target) : v;
      },
    });
  class Context extends smartcard.Context {
    override listReaders(): smartcard.ReaderInterface[] {
      return super.listReaders().map(wrapReader);
    }
  }
  return { ...smartcard, Context: Context as unknown as typeof smartcard.Context };
}

function start(binding: PcscBinding, options: CardReaderOptions = {}): CardEvent[] {
  const events: CardEvent[] = [];
  service = new CardReaderService({
    reader: READER,
    pollMs: 250,
    stuckReadMs: 1_500,
    connectTimeoutMs: 4_000,
    loadPcsc: async () => binding,
    logger: { info: (m) => logs.push(m), warn: (m) => logs.push(m) },
    ...options,
  });
  service.subscribe((e) => events.push(e));
  service.start();
  return events;
}

/** Resolves with the first event matching `pred` (from the start of `events`), or rejects after WAIT_MS. */
async function next(events: CardEvent[], pred: (e: CardEvent) => boolean, what: string): Promise<CardEvent> {
  for (let t = 0; t < WAIT_MS; t += 50) {
    const e = events.find(pred);
    if (e) return e;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no ${what} within ${WAIT_MS} ms; events: ${events.map((e) => (e.kind === 'status' ? e.status : e.kind)).join(', ')}`);
}

const kinds = (events: CardEvent[]) => events.filter((e) => e.kind !== 'status').map((e) => (e.kind === 'recovered' ? `recovered:${e.what}` : e.kind));

async function insert(cpr: string): Promise<VirtualCard> {
  const card = await insertCard({ kind: 'legacy', holder: sampleHolder({ cpr }) }, { port: pcscd.ports[0] });
  cards.push(card);
  return card;
}

it('reads a card whose insertion the PC/SC monitor missed, and says it recovered', async () => {
  const events = start(droppingMonitor('card-inserted'));
  await next(events, (e) => e.kind === 'status' && e.status === 'ready', 'ready');
  await insert('770301001');
  const read = await next(events, (e) => e.kind === 'read', 'read');
  expect(read.kind === 'read' && read.data.cpr).toBe('770301001');
  expect(kinds(events)).toEqual(['recovered:missed_insertion', 'inserted', 'identified', 'read']);
  expect(logs.join('\n')).toMatch(/missed insertion on "Virtual PCD 00 00": repaired, PC\/SC monitor re-opened/);
}, 30_000);

it('notes a removal the monitor missed, and reads the next card', async () => {
  const events = start(droppingMonitor('card-removed'));
  await next(events, (e) => e.kind === 'status' && e.status === 'ready', 'ready');
  const first = await insert('770301002');
  await next(events, (e) => e.kind === 'read', 'first read');
  await first.remove();
  await next(events, (e) => e.kind === 'removed', 'removal');
  await insert('770301003');
  const second = await next(events, (e) => e.kind === 'read' && e.data.cpr === '770301003', 'second read');
  expect(second.kind).toBe('read');
  expect(kinds(events)).toEqual(['inserted', 'identified', 'read', 'recovered:missed_removal', 'removed', 'inserted', 'identified', 'read']);
}, 30_000);

it('starts a stalled read again and reads the card', async () => {
  const events = start(hangingConnect(1));
  await next(events, (e) => e.kind === 'status' && e.status === 'ready', 'ready');
  await insert('770301004');
  const read = await next(events, (e) => e.kind === 'read', 'read');
  expect(read.kind === 'read' && read.data.cpr).toBe('770301004');
  expect(kinds(events)).toEqual(['inserted', 'recovered:stuck_read', 'identified', 'read']);
}, 30_000);

it('asks the visitor to take the card out and insert it again when the read stalls twice', async () => {
  const events = start(hangingConnect(2));
  await next(events, (e) => e.kind === 'status' && e.status === 'ready', 'ready');
  await insert('770301005');
  const err = await next(events, (e) => e.kind === 'error', 'error');
  expect(err).toMatchObject({ kind: 'error', code: 'REINSERT', retry: true });
  expect(CARD_READ_MESSAGES.REINSERT.en).toMatch(/take your card out and insert it again/);
  expect(CARD_READ_MESSAGES.REINSERT.ar).toMatch(/إخراج البطاقة وإدخالها مرة أخرى/);
  expect(kinds(events)).toEqual(['inserted', 'recovered:stuck_read', 'recovered:stuck_read', 'error']);
}, 30_000);
