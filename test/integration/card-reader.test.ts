/**
 * The kiosk's card reader service against the real PC/SC stack: pcscd + vsmartcard's vpcd driver + a virtual
 * card in TypeScript (test/emulators). Nothing is mocked between the service and the card's bytes.
 * Needs the Debian packages pcscd, libpcsclite-dev and vsmartcard-vpcd (fails with the install command).
 */
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { CardReaderService, type CardEvent, type CardReaderOptions } from '@dawr/hardware/card';
import { sampleHolder, type CardHolder } from '../emulators/iga-card-files';
import { insertCard, type Persona, type VirtualCard } from '../emulators/virtual-card';
import { startPcscd, waitForCardState, type Pcscd } from '../helpers/pcscd';

const READER = 'Virtual PCD 00 00';
const APDU_TIMEOUT_MS = 1_500;
/** Generous: a shared 2-core machine can be slow; pcscd polls card presence every 400 ms. */
const WAIT_MS = 12_000;

let pcscd: Pcscd | undefined;
/** Why the PC/SC stack could not start (missing packages…): every test then fails with it, none is skipped. */
let setupError: unknown = null;
let service: CardReaderService | null = null;
let cards: VirtualCard[] = [];
const logs: string[] = [];
const holders: CardHolder[] = [];

beforeAll(async () => {
  try {
    pcscd = await startPcscd();
  } catch (e) {
    setupError = e;
  }
}, 30_000);

beforeEach(() => {
  if (setupError) throw setupError;
});

afterEach(async () => {
  for (const card of cards) await card.remove();
  cards = [];
  await service?.stop();
  service = null;
  if (!pcscd) return;
  if (pcscd.owned) await pcscd.up(); // a test that stopped pcscd and failed before restarting it
  await waitForCardState(READER, false); // the next test starts with an empty reader
});

afterAll(async () => {
  await service?.stop();
  await pcscd?.stop();
  // No CPR or name ever reaches the log in clear.
  const text = logs.join('\n');
  if (process.env.DAWR_CARD_TEST_LOG) console.log(text);
  for (const h of holders) {
    expect(text).not.toContain(h.cpr);
    for (const part of [...h.nameEnParts, ...h.nameArParts]) expect(text).not.toContain(part);
  }
});

/** Collects the service's events and waits for the next one matching a predicate. */
class Events {
  readonly all: CardEvent[] = [];
  private cursor = 0;
  private wake: (() => void) | null = null;

  push = (e: CardEvent): void => {
    this.all.push(e);
    this.wake?.();
  };

  /** The next event (after the previous match) satisfying `pred`; rejects after `timeoutMs`. */
  async next<K extends CardEvent['kind']>(kind: K, pred: (e: Extract<CardEvent, { kind: K }>) => boolean = () => true, timeoutMs = WAIT_MS) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      for (; this.cursor < this.all.length; this.cursor++) {
        const e = this.all[this.cursor]!;
        if (e.kind === kind && pred(e as Extract<CardEvent, { kind: K }>)) {
          this.cursor++;
          return e as Extract<CardEvent, { kind: K }>;
        }
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no '${kind}' event within ${timeoutMs} ms; got ${JSON.stringify(this.all.map((x) => x.kind === 'status' ? x.status : x.kind))}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  /** Resolves once the service reports `status`. */
  status(status: 'ready' | 'no_reader' | 'pcsc_down', timeoutMs = WAIT_MS) {
    return this.next('status', (e) => e.status === status, timeoutMs);
  }
}

function startService(options: CardReaderOptions = {}): Events {
  const events = new Events();
  service = new CardReaderService({
    reader: READER,
    apduTimeoutMs: APDU_TIMEOUT_MS,
    retryMs: 200,
    maxRetryMs: 1_000,
    logger: { info: (m) => logs.push(m), warn: (m) => logs.push(m) },
    ...options,
  });
  service.subscribe(events.push);
  service.start();
  return events;
}

async function insert(persona: Persona): Promise<VirtualCard> {
  const card = await insertCard(persona, { port: pcscd!.ports[0] });
  cards.push(card);
  return card;
}

function holder(overrides: Partial<CardHolder> = {}): CardHolder {
  const h = sampleHolder(overrides);
  holders.push(h);
  return h;
}

const SELECT_APPLET = '00a404000dd49900000101010001000000 01'.replaceAll(' ', '');

it('reads a legacy card: the exact CPR, names and dates, in ≤255-byte chunks, then reports its removal', async () => {
  const events = startService();
  await events.status('ready');
  expect(service!.reader).toBe(READER);
  const h = holder({
    cpr: '990312345',
    nameEnParts: ['MOHAMED', 'ABDULLA', 'YUSUF', 'AL KHALIFA'],
    nameArParts: ['محمد', 'عبدالله', 'يوسف', 'آل خليفة'],
    gender: 'M',
    birthDate: '1999-03-07',
    expiryDate: '2028-11-30',
    issueDate: '2023-12-01',
    nationality: 'BHR',
  });
  const card = await insert({ kind: 'legacy', holder: h });
  await events.next('inserted');
  const read = await events.next('read');
  expect(read.reader).toBe(READER);
  expect(read.data).toEqual({
    cpr: '990312345',
    nameEn: 'MOHAMED ABDULLA YUSUF AL KHALIFA',
    nameAr: 'محمد عبدالله يوسف آل خليفة',
    gender: 'M',
    birthDate: '1999-03-07',
    expiryDate: '2028-11-30',
    issueDate: '2023-12-01',
    nationality: 'BHR',
    source: 'chip',
  });
  const apdus = card.apdus.map((a) => a.toString('hex'));
  expect(apdus[0]).toBe(SELECT_APPLET);
  const reads = card.apdus.filter((a) => a[1] === 0xb0);
  expect(reads.length).toBeGreaterThanOrEqual(5); // 597 bytes = 3 chunks, 36 = 1, nationality ≥ 1
  for (const r of reads) expect(r[4]).not.toBe(0); // never Le 00 (256)
  await card.remove();
  await events.next('removed');
  expect(events.all.some((e) => e.kind === 'error')).toBe(false);
});

it('refuses an unknown card as UNSUPPORTED_CARD after its SELECT of the applet fails', async () => {
  const events = startService();
  await events.status('ready');
  const card = await insert({ kind: 'unknown' });
  const err = await events.next('error');
  expect(err).toMatchObject({ code: 'UNSUPPORTED_CARD', retry: false, reader: READER });
  expect(card.apdus.map((a) => a.toString('hex'))).toEqual([SELECT_APPLET]);
});

it('refuses a first-generation (V1) card as UNSUPPORTED_CARD from its ATR, without sending an APDU', async () => {
  const events = startService();
  await events.status('ready');
  const card = await insert({ kind: 'v1' });
  const err = await events.next('error');
  expect(err).toMatchObject({ code: 'UNSUPPORTED_CARD', retry: false });
  expect(card.apdus).toHaveLength(0);
});

it('gives READ_TIMEOUT for a mute card from the per-APDU timeout (while the card is still in), and reads the next card normally', async () => {
  const events = startService();
  await events.status('ready');
  const mute = await insert({ kind: 'mute' });
  await mute.waitForApdus(1, WAIT_MS);
  const err = await events.next('error');
  expect(err).toMatchObject({ code: 'READ_TIMEOUT', retry: true, detail: `no answer within ${APDU_TIMEOUT_MS} ms` });
  // The per-APDU timeout ended the read, not a removal: one APDU sent, the card still in.
  expect(mute.apdus).toHaveLength(1);
  expect(mute.present).toBe(true);
  await mute.remove();
  await events.next('removed');
  await waitForCardState(READER, false);
  // The parked session must not have wedged the service.
  const h = holder({ cpr: '770101234' });
  await insert({ kind: 'legacy', holder: h });
  expect((await events.next('read')).data.cpr).toBe('770101234');
});

it('gives CARD_REMOVED when the card is pulled mid-read, then reports the removal', async () => {
  const events = startService();
  await events.status('ready');
  const card = await insert({ kind: 'pulled', holder: holder(), afterApdus: 4 }); // during the identity file
  const err = await events.next('error');
  expect(err).toMatchObject({ code: 'CARD_REMOVED', retry: true });
  expect(card.apdus).toHaveLength(5);
  await events.next('removed');
});

it('reports pcsc_down while pcscd is stopped and recovers by itself when it comes back', async () => {
  const events = startService();
  await events.status('ready');
  await pcscd!.down(); // rejects with an explanation when the tests do not own the daemon
  await events.status('pcsc_down');
  expect(service!.status).toBe('pcsc_down');
  await pcscd!.up();
  await events.status('ready');
  const h = holder({ cpr: '881122334' });
  await insert({ kind: 'legacy', holder: h });
  expect((await events.next('read')).data.cpr).toBe('881122334');
});

it('starts while pcscd is down and becomes ready once pcscd starts', async () => {
  await pcscd!.down();
  const events = startService();
  expect(service!.status).toBe('pcsc_down');
  await pcscd!.up();
  await events.status('ready');
  await insert({ kind: 'v1' });
  expect((await events.next('error')).code).toBe('UNSUPPORTED_CARD');
});
