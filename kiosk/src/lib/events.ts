/**
 * What the kiosk's server tells its page over `/events` (server-sent events). Nothing personal ever goes
 * through here: the page learns *that* a card was read, and loads the next screen, which the server renders.
 */
import type { Localized } from '@dawr/core';

/** The card reader as the start screen shows it. */
export interface CardUi {
  /** 'off': no reader configured (DAWR_CARD_READER=none). */
  reader: 'ready' | 'unavailable' | 'off';
  /** A card is in and being read. */
  reading: boolean;
  /** The last read failed (cleared by the next card or a reset). */
  error: { code: string; retry: boolean; msgs: Localized } | null;
}

/** The printout of the current visit's ticket. */
export type PrintUi =
  | { state: 'printing' }
  | { state: 'printed' }
  | { state: 'failed'; reason: string }
  /** No printer configured (DAWR_PRINTER=none). */
  | { state: 'none' };

/** One server-sent event (JSON in `data:`). */
export type KioskEvent =
  /** Sent first on every (re)connection: the whole current picture. */
  | { kind: 'hello'; card: CardUi; visit: VisitUi }
  | { kind: 'card'; card: CardUi }
  /** A card was read into a (new) visit: the page goes to the visit screen. */
  | { kind: 'identified'; visitId: string }
  | { kind: 'visit'; visit: VisitUi };

/** The visit in progress, without any personal data. */
export interface VisitUi {
  id: string | null;
  identified: boolean;
  ticket: string | null;
  print: PrintUi | null;
}
