/**
 * One connection to the card in one reader, on a PC/SC context of its own, with a timeout on every APDU.
 *
 * Why a context per card: pcsc-lite serialises the calls of one context, and the binding makes some of them
 * synchronously on Node's main thread (listing readers, disconnect, close). While an APDU to a mute card is
 * pending (vpcd, like a card that stopped answering, can block until the card is taken out), any such call on
 * the same context would freeze the whole kiosk server. So a timed-out session is parked: nothing touches its
 * context until the pending call settles (the card is removed or the reader gives up), then it is released.
 */
import type { CardInterface, ContextInterface } from 'smartcard';
import type { PcscBinding } from './pcsc';

/** Why talking to the card failed: no answer in time, the card was taken out, or PC/SC failed otherwise. */
export type CardLinkFailure = 'timeout' | 'removed' | 'link';

/** A transport failure (as opposed to a status word the card answered). */
export class CardLinkError extends Error {
  constructor(
    readonly reason: CardLinkFailure,
    message: string,
  ) {
    super(message);
    this.name = 'CardLinkError';
  }
}

/** The binding rejects with plain Errors whose message is pcsc-lite's text ("Card was removed", …). */
function toLinkError(e: unknown): CardLinkError {
  if (e instanceof CardLinkError) return e;
  const message = e instanceof Error ? e.message : String(e);
  return new CardLinkError(/removed|no smart card/i.test(message) ? 'removed' : 'link', message);
}

const TIMED_OUT = Symbol('timeout');

/** Resolves with the promise's value, or TIMED_OUT after `ms` (the promise keeps running). */
async function within<T>(p: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([p, new Promise<typeof TIMED_OUT>((resolve) => (timer = setTimeout(() => resolve(TIMED_OUT), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

/** Releases a card handle and its context, ignoring errors (the card or pcscd may be gone). */
function release(pcsc: PcscBinding, ctx: ContextInterface, card: CardInterface | null): void {
  try {
    card?.disconnect(pcsc.SCARD_LEAVE_CARD);
  } catch {
    /* already gone */
  }
  try {
    ctx.close();
  } catch {
    /* already gone */
  }
}

/** A reader as pcscd reports it now. */
export interface ReaderSeen {
  name: string;
  present: boolean;
  atr: Uint8Array;
  /** pcscd's count of card events on this reader (the upper 16 bits of its state). */
  events: number;
}

/** pcscd's card-event count from a reader state word. */
export const eventCount = (state: number): number => state >>> 16;

/**
 * PC/SC readers now (name, card present, ATR, event count), on a fresh context, or null when pcscd does not
 * answer. Synchronous but short: it only reads pcscd's reader table (no call reaches a card).
 */
export function probeReaders(pcsc: PcscBinding): ReaderSeen[] | null {
  let ctx;
  try {
    ctx = new pcsc.Context();
  } catch {
    return null;
  }
  try {
    return ctx.listReaders().map((r) => ({
      name: r.name,
      present: (r.state & pcsc.SCARD_STATE_PRESENT) !== 0,
      atr: r.atr ?? new Uint8Array(0),
      events: eventCount(r.state),
    }));
  } catch (e) {
    return /no readers/i.test((e as Error).message) ? [] : null;
  } finally {
    ctx.close();
  }
}

/** A connected card. Create with CardSession.open(); always close() it. */
export class CardSession {
  private pending: Promise<unknown> | null = null;
  private closed = false;

  private constructor(
    private readonly pcsc: PcscBinding,
    private readonly ctx: ContextInterface,
    private readonly card: CardInterface,
  ) {}

  /**
   * Connects to the card in `readerName` (shared, T=0 or T=1; T=0 alone if the card refuses both), within
   * `timeoutMs`. Rejects with a CardLinkError.
   */
  static async open(pcsc: PcscBinding, readerName: string, timeoutMs: number): Promise<CardSession> {
    const { SCARD_SHARE_SHARED, SCARD_PROTOCOL_T0, SCARD_PROTOCOL_T1 } = pcsc;
    let ctx: ContextInterface;
    try {
      ctx = new pcsc.Context();
    } catch (e) {
      throw toLinkError(e);
    }
    const connecting = (async () => {
      const reader = ctx.listReaders().find((r) => r.name === readerName);
      if (!reader) throw new CardLinkError('removed', 'reader not listed any more');
      try {
        return await reader.connect(SCARD_SHARE_SHARED, SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1);
      } catch (e) {
        if (!/unresponsive/i.test((e as Error).message)) throw e;
        return await reader.connect(SCARD_SHARE_SHARED, SCARD_PROTOCOL_T0);
      }
    })();
    let card: CardInterface | typeof TIMED_OUT;
    try {
      card = await within(connecting, timeoutMs);
    } catch (e) {
      release(pcsc, ctx, null);
      throw toLinkError(e);
    }
    if (card === TIMED_OUT) {
      connecting.then((c) => release(pcsc, ctx, c), () => release(pcsc, ctx, null));
      throw new CardLinkError('timeout', `no connection within ${timeoutMs} ms`);
    }
    return new CardSession(pcsc, ctx, card);
  }

  /** The card's ATR as the connection reports it. */
  get atr(): Uint8Array | null {
    return this.card.atr;
  }

  /** One raw APDU exchange within `timeoutMs`; a response without a status word counts as a link failure. */
  private async exchange(command: Uint8Array, timeoutMs: number): Promise<Uint8Array> {
    if (this.closed || this.pending) throw new CardLinkError('link', 'session closed');
    const sending = this.card.transmit(Buffer.from(command));
    let resp: Buffer | typeof TIMED_OUT;
    try {
      resp = await within(sending, timeoutMs);
    } catch (e) {
      throw toLinkError(e);
    }
    if (resp === TIMED_OUT) {
      this.pending = sending.catch(() => undefined);
      throw new CardLinkError('timeout', `no answer within ${timeoutMs} ms`);
    }
    if (resp.length < 2) throw new CardLinkError('link', `response of ${resp.length} bytes`);
    return resp;
  }

  /**
   * Sends a command APDU; resolves with data + SW1 SW2. A 61xx answer (T=0: more data waiting) is followed
   * with GET RESPONSE, each exchange with its own `timeoutMs`. Rejects with a CardLinkError.
   */
  async transmit(command: Uint8Array, timeoutMs: number): Promise<Uint8Array> {
    let resp = await this.exchange(command, timeoutMs);
    const parts: Uint8Array[] = [];
    for (let i = 0; i < 32 && resp[resp.length - 2] === 0x61; i++) {
      parts.push(resp.subarray(0, resp.length - 2));
      resp = await this.exchange(Uint8Array.of(0x00, 0xc0, 0x00, 0x00, resp[resp.length - 1]!), timeoutMs);
    }
    return parts.length ? Buffer.concat([...parts, resp]) : resp;
  }

  /** Disconnects and releases the context, now, or once a timed-out call has settled. Idempotent. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.pending) void this.pending.then(() => release(this.pcsc, this.ctx, this.card));
    else release(this.pcsc, this.ctx, this.card);
  }
}
