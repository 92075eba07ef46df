/**
 * The card in the reader in use (internal to the reader service): its insertion, the reads of it, and what
 * pcscd's own reader table says the monitor missed (a card in or out, a read that stalled). The service
 * tells it what the monitor reports; it tells the subscribers what happened to the card.
 */
import { maskCpr, type IdCardData } from '@dawr/core';
import type { Finding } from './card-check';
import { classifyFailure, readCardData } from './card-read';
import { Insertion } from './insertion';
import type { PcscBinding } from './pcsc';
import type { ReaderSeen } from './session';
import { CARD_READ_RETRY, type CardEvent, type CardReaderLogger } from './types';

export interface CardSlotOptions {
  connectTimeoutMs: number;
  apduTimeoutMs: number;
  removalGraceMs: number;
  /** A read still running after this long is started again (then the visitor is asked to reinsert). */
  stuckReadMs: number;
  logger: CardReaderLogger;
}

export class CardSlot {
  /** The card in the reader in use, until it is removed (or the service stops). */
  private insertion: Insertion | null = null;
  private readonly reads = new Set<Promise<void>>();

  constructor(
    private readonly opts: CardSlotOptions,
    /** The loaded PC/SC binding (reads only start once it is). */
    private readonly pcsc: () => PcscBinding,
    private readonly emit: (event: CardEvent) => void,
  ) {}

  /** The reader the card in the slot is in, or null. */
  get reader(): string | null {
    return this.insertion?.reader ?? null;
  }

  /** A card is in `reader` (reported by the monitor, or found missed): read it, unless it is the one being read. */
  cardIn(reader: string, atr: Uint8Array, events: number | null): void {
    const ins = this.insertion;
    if (ins?.reader === reader && !ins.removed) {
      // The same card reported again (twice, or by a re-opened monitor): pcscd's event count has not moved.
      if (!ins.done || ins.events === null || events === null || events === ins.events) return;
      this.cardOut(reader, 'card'); // a removal we did not see
    }
    const next = new Insertion(reader, atr, events);
    this.insertion = next;
    this.emit({ kind: 'inserted', reader });
    this.startRead(next);
  }

  /** The card left `reader` (`pcsc`: pcscd went away, so whether it left is not known). */
  cardOut(reader: string, cause: 'card' | 'pcsc'): void {
    const ins = this.insertion;
    if (!ins || ins.reader !== reader) return;
    this.insertion = null;
    ins.markRemoved(cause);
    if (ins.done && !ins.cancelled) this.emit({ kind: 'removed', reader });
  }

  /** The service stops: a read in progress ends without an event. Resolves once every read has ended. */
  async cancel(): Promise<void> {
    if (this.insertion) this.insertion.cancelled = true;
    this.insertion = null;
    await Promise.all([...this.reads]);
  }

  /**
   * What differs between pcscd's view of `reader` (asked through `probe` only when needed) and the slot: a read
   * stalled past stuckReadMs, a card pcscd has that the monitor never reported, or one it no longer has.
   */
  check(reader: string, probe: () => ReaderSeen | undefined): Finding | null {
    const ins = this.insertion;
    if (ins && !ins.done && !ins.removed && Date.now() - ins.readStartedAt > this.opts.stuckReadMs) {
      return { what: 'stuck_read', repair: () => this.readAgain(ins) };
    }
    const seen = probe();
    if (!seen) return null; // pcscd down or the reader gone: the monitor's own events handle those
    const live = ins && !ins.removed ? ins : null;
    if (seen.present && (!live || (live.done && live.events !== null && seen.events !== live.events))) {
      return { what: 'missed_insertion', repair: () => this.cardIn(reader, seen.atr, seen.events) };
    }
    if (!seen.present && live) return { what: 'missed_removal', repair: () => this.cardOut(reader, 'card') };
    return null;
  }

  private startRead(ins: Insertion): void {
    const attempt = ++ins.attempts;
    ins.readStartedAt = Date.now();
    const read = this.read(ins, attempt).finally(() => this.reads.delete(read));
    this.reads.add(read);
  }

  private async read(ins: Insertion, attempt: number): Promise<void> {
    const t0 = Date.now();
    let event: CardEvent;
    try {
      const identified = (data: IdCardData) => {
        if (attempt !== ins.attempts || ins.identified || ins.cancelled || ins.done) return;
        ins.identified = true;
        this.emit({ kind: 'identified', reader: ins.reader, data });
      };
      const data = await readCardData(this.pcsc(), ins, this.opts, identified);
      this.opts.logger.info(`card reader: read card ${maskCpr(data.cpr)} in ${Date.now() - t0} ms`);
      event = { kind: 'read', reader: ins.reader, data };
    } catch (e) {
      const { code, detail } = await classifyFailure(ins, e, this.opts.removalGraceMs);
      this.opts.logger.warn(`card reader: card not read after ${Date.now() - t0} ms: ${code} (${detail})`);
      event = { kind: 'error', reader: ins.reader, code, retry: CARD_READ_RETRY[code], detail };
    }
    if (attempt !== ins.attempts || ins.done) return; // a later attempt (or giving up) took over
    ins.done = true;
    if (ins.cancelled) return;
    this.emit(event);
    if (ins.removed) this.emit({ kind: 'removed', reader: ins.reader });
  }

  /** A read that has not ended: start it again once; after that, ask the visitor to reinsert the card. */
  private readAgain(ins: Insertion): void {
    if (ins !== this.insertion || ins.done) return;
    if (ins.attempts < 2) return this.startRead(ins);
    ins.done = true;
    this.opts.logger.warn(`card reader: read still stuck after ${ins.attempts} attempts: asking for the card again`);
    this.emit({ kind: 'error', reader: ins.reader, code: 'REINSERT', retry: true, detail: `no read after ${ins.attempts} attempts` });
  }
}
