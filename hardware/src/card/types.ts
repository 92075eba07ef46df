/** Public types of the kiosk's ID-card reader service, and the words the kiosk shows for its errors. */
import { CARD_ERROR_MESSAGES, CARD_READ_TEXTS, t, type IdCardData, type Localized } from '@dawr/core';
import type { PcscLoader } from './pcsc';

/**
 * 'ready': pcscd answers and a reader we may use is attached. 'no_reader': pcscd answers, no such reader.
 * 'pcsc_down': the PC/SC service is not running (or the service is stopped); it is retried on a backoff timer.
 * 'driver_missing': the PC/SC binding (`smartcard`) is not installed or does not load: no reader, for good.
 */
export type CardReaderStatus = 'ready' | 'no_reader' | 'pcsc_down' | 'driver_missing';

/**
 * Why a card was not read:
 * - UNSUPPORTED_CARD: not a card this kiosk reads (first-generation or 2025+ card, other card, no iGA applet);
 * - UNREADABLE_CARD: the card answered but a step failed (bad status, garbled or short data);
 * - CARD_REMOVED: the card was taken out before the read finished;
 * - READ_TIMEOUT: the card stopped answering (no answer to an APDU within the per-APDU timeout);
 * - REINSERT: the card is in, but its read did not finish even when started again (a reader or PC/SC stall):
 *   the visitor is asked to take the card out and insert it again.
 */
export type CardReadErrorCode = 'UNSUPPORTED_CARD' | 'UNREADABLE_CARD' | 'CARD_REMOVED' | 'READ_TIMEOUT' | 'REINSERT';

/**
 * What the service's own check of pcscd found and repaired (see CardReaderOptions.pollMs):
 * - missed_insertion: pcscd has a card in the reader that the monitor never reported (the card is read now);
 * - missed_removal: the card is gone but the monitor never said so;
 * - stuck_read: a read did not finish within stuckReadMs: it was started again.
 * After a missed event the PC/SC monitor is re-opened.
 */
export type CardRecovery = 'missed_insertion' | 'missed_removal' | 'stuck_read';

/** What the service tells its subscribers. `reader` is the PC/SC reader name. */
export type CardEvent =
  /** The service status changed (also sent once to every new subscriber). */
  | { kind: 'status'; status: CardReaderStatus; reader: string | null }
  /** A card went in; reading has started (show "reading your card…"). */
  | { kind: 'inserted'; reader: string }
  /**
   * The identity file is read (CPR, names, birth date): enough to identify the visitor and start the branch
   * look-up. Card dates and nationality are null here; 'read' follows with everything.
   */
  | { kind: 'identified'; reader: string; data: IdCardData }
  /** The card was read. */
  | { kind: 'read'; reader: string; data: IdCardData }
  /**
   * The card was not read. `retry`: taking the card out and inserting it again may help; otherwise offer the
   * other ways in (scan the back of the card, type the CPR). `detail` is for logs (never personal data).
   */
  | { kind: 'error'; reader: string; code: CardReadErrorCode; retry: boolean; detail?: string }
  /** The card was taken out (after its 'read' or 'error'). */
  | { kind: 'removed'; reader: string }
  /** The service found and repaired a missed card event or a stuck read (for staff: an alert and the log). */
  | { kind: 'recovered'; reader: string; what: CardRecovery };

/** Receives service events; returned by subscribe() is the function that unsubscribes. */
export type CardEventListener = (event: CardEvent) => void;

/** Where the service writes its log lines: never CPRs or names (CPRs are masked with maskCpr). */
export interface CardReaderLogger {
  info(message: string): void;
  warn(message: string): void;
}

/** Options of the card reader service; all optional. */
export interface CardReaderOptions {
  /**
   * Which reader to use: an exact reader name or a case-insensitive part of one (string), or a RegExp.
   * Default: the first reader that is not a contactless, SAM or virtual one, else the first (see pickReader).
   */
  reader?: string | RegExp;
  /** How long one APDU may take before the read fails with READ_TIMEOUT (ms). Default 3000. */
  apduTimeoutMs?: number;
  /** How long connecting to an inserted card may take (ms). Default 5000. */
  connectTimeoutMs?: number;
  /** After a failed exchange, how long to wait for pcscd to report the card's removal (ms). Default 2000. */
  removalGraceMs?: number;
  /** First retry delay while pcscd is down (ms); doubles up to `maxRetryMs`. Default 500. */
  retryMs?: number;
  /** Longest retry delay while pcscd is down (ms). Default 5000. */
  maxRetryMs?: number;
  /**
   * How often the service checks pcscd's own view of the reader against what its monitor reported (ms), to
   * catch a missed insertion or removal and a stuck read. Default 1000; 0 turns the check off.
   */
  pollMs?: number;
  /** A card in the reader and not read after this long (ms) is read again; once more and the visitor is asked to reinsert it. Default 4000. */
  stuckReadMs?: number;
  /** Default: console. */
  logger?: CardReaderLogger;
  /** Loads the PC/SC binding. Default: `import('smartcard')` at start(); tests inject a failing one. */
  loadPcsc?: PcscLoader;
}

/** Messages for the kiosk screen, per error code (the UI may use its own dictionary instead). */
export const CARD_READ_MESSAGES: Record<CardReadErrorCode, Localized> = {
  UNSUPPORTED_CARD: CARD_ERROR_MESSAGES.CARD_UNSUPPORTED,
  UNREADABLE_CARD: CARD_READ_TEXTS.UNREADABLE_CARD,
  CARD_REMOVED: CARD_READ_TEXTS.CARD_REMOVED,
  READ_TIMEOUT: CARD_READ_TEXTS.READ_TIMEOUT,
  REINSERT: { en: t('en', 'kiosk.card.reinsert'), ar: t('ar', 'kiosk.card.reinsert') },
};

/** Whether re-inserting the card may help, per error code. */
export const CARD_READ_RETRY: Record<CardReadErrorCode, boolean> = {
  UNSUPPORTED_CARD: false,
  UNREADABLE_CARD: true,
  CARD_REMOVED: true,
  READ_TIMEOUT: true,
  REINSERT: true,
};
