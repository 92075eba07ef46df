/** One read of an inserted card, and how a failed read is told to the visitor (internal to the reader service). */
import { identifyAtr, type IdCardData } from '@dawr/core';
import { CardReadError, readIgaCard } from './iga-reader';
import type { Insertion } from './insertion';
import type { PcscBinding } from './pcsc';
import { CardLinkError, CardSession } from './session';
import type { CardReadErrorCode } from './types';

/**
 * Connects to the card (own context, within connectTimeoutMs) and reads it, each APDU within apduTimeoutMs.
 * `onIdentity` gets the identity as soon as its file is read. Rejects with CardReadError or CardLinkError.
 */
export async function readCardData(
  pcsc: PcscBinding,
  ins: Insertion,
  opts: { connectTimeoutMs: number; apduTimeoutMs: number },
  onIdentity: (data: IdCardData) => void,
): Promise<IdCardData> {
  if (ins.atr.length > 0 && identifyAtr(ins.atr) === 'iga-v1-unsupported') {
    throw new CardReadError('UNSUPPORTED_CARD', 'first-generation card (ATR)');
  }
  const session = await CardSession.open(pcsc, ins.reader, opts.connectTimeoutMs);
  try {
    const atr = session.atr;
    if (ins.atr.length === 0 && atr && identifyAtr(atr) === 'iga-v1-unsupported') {
      throw new CardReadError('UNSUPPORTED_CARD', 'first-generation card (ATR)');
    }
    // An unknown ATR is still tried: the applet's SELECT decides (new card batches bring new ATRs).
    return await readIgaCard((cmd) => session.transmit(cmd, opts.apduTimeoutMs), onIdentity);
  } finally {
    session.close();
  }
}

/** Turns a failure into an error code; a transport failure counts as a removal if pcscd reports one soon. */
export async function classifyFailure(ins: Insertion, e: unknown, removalGraceMs: number): Promise<{ code: CardReadErrorCode; detail: string }> {
  if (e instanceof CardReadError) return { code: e.code, detail: e.detail };
  const detail = e instanceof Error ? e.message : String(e);
  if (!(e instanceof CardLinkError)) return { code: 'UNREADABLE_CARD', detail };
  if (e.reason === 'timeout') return { code: 'READ_TIMEOUT', detail };
  if (e.reason === 'removed' || (await ins.removedWithin(removalGraceMs))) {
    return { code: ins.removed === 'pcsc' ? 'UNREADABLE_CARD' : 'CARD_REMOVED', detail };
  }
  return { code: 'UNREADABLE_CARD', detail };
}
