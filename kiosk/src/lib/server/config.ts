/** The kiosk app's settings, from its environment (see kiosk/README.md for the full list). */
import { env } from '$env/dynamic/private';

/** A non-negative whole number of ms from the environment, else `fallback`. */
function ms(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return value !== undefined && value !== '' && Number.isInteger(n) && n >= 0 ? n : fallback;
}

export interface KioskConfig {
  /** Quiet time before the "do you need more time?" warning (DAWR_KIOSK_IDLE_MS, default 60 s). */
  idleMs: number;
  /** The warning's countdown (DAWR_KIOSK_WARN_MS, default 30 s; the checklist asks for at least 20 s). */
  warnMs: number;
  /** Base of the phone-tracking URL in the ticket's QR code (DAWR_PUBLIC_URL, else DAWR_BRANCH_URL). */
  publicUrl: string;
  /** Where the file printer writes (DAWR_DATA_DIR, default ./data). */
  dataDir: string;
  /** DAWR_PRINTER: tcp://host:9100, /dev/usb/lp0, file (default) or none. */
  printer: string;
  /** DAWR_PAPER_WIDTH: 576 dots (80 mm, default) or 384 (58 mm). */
  paperWidth: 576 | 384;
  /** How often the printer's status is checked between tickets (DAWR_PRINTER_STATUS_MS, default 30 s; 0 = never). */
  printerStatusMs: number;
  /** DAWR_CARD_READER as given (see hardware/card/config.ts); `none` or `off` = no reader. */
  cardReader: string;
}

/** Reads the settings (cheap: call it where needed). */
export function kioskConfig(): KioskConfig {
  return {
    idleMs: Math.max(1000, ms(env.DAWR_KIOSK_IDLE_MS, 60_000)),
    warnMs: Math.max(1000, ms(env.DAWR_KIOSK_WARN_MS, 30_000)),
    publicUrl: (env.DAWR_PUBLIC_URL || env.DAWR_BRANCH_URL || 'http://127.0.0.1:3000').replace(/\/+$/, ''),
    dataDir: env.DAWR_DATA_DIR || './data',
    printer: env.DAWR_PRINTER ?? 'file',
    paperWidth: env.DAWR_PAPER_WIDTH === '384' ? 384 : 576,
    printerStatusMs: ms(env.DAWR_PRINTER_STATUS_MS, 30_000),
    cardReader: (env.DAWR_CARD_READER ?? '').trim(),
  };
}
