/** Which PC/SC reader the kiosk uses, and reading the service's settings from environment variables. */
import type { CardReaderOptions } from './types';

/**
 * Reader names passed over when no reader is configured: contactless (PICC) and SAM slots of dual readers,
 * and virtual test readers. The ID card is a contact card.
 */
export const READERS_TO_AVOID = /\b(virtual|contactless|picc|sam)\b/i;

/**
 * The reader to use among `names` (in pcscd's order): with a string, the reader of exactly that name, else
 * the first whose name contains it (case-insensitive); with a RegExp, the first it matches. Without a choice,
 * the first reader not matching READERS_TO_AVOID, else the first reader.
 */
export function pickReader(names: readonly string[], choice: string | RegExp | undefined): string | null {
  if (choice === undefined || choice === '') return names.find((n) => !READERS_TO_AVOID.test(n)) ?? names[0] ?? null;
  if (choice instanceof RegExp) return names.find((n) => choice.test(n)) ?? null;
  if (names.includes(choice)) return choice;
  const part = choice.toLowerCase();
  return names.find((n) => n.toLowerCase().includes(part)) ?? null;
}

/** A positive integer from the environment, else undefined (so the service's default applies). */
function ms(value: string | undefined): number | undefined {
  const n = Number(value);
  return value !== undefined && value !== '' && Number.isInteger(n) && n > 0 ? n : undefined;
}

/**
 * Service options from environment variables (pass SvelteKit's `$env/dynamic/private` or `process.env`):
 * - DAWR_CARD_READER: reader name, part of one, or `/regex/flags`; unset: see pickReader;
 * - DAWR_CARD_APDU_TIMEOUT_MS: per-APDU timeout (default 3000).
 * An invalid regex is taken as a plain name part.
 */
export function cardReaderOptionsFromEnv(env: Record<string, string | undefined>): CardReaderOptions {
  const raw = env.DAWR_CARD_READER?.trim();
  let reader: string | RegExp | undefined = raw || undefined;
  const re = raw ? /^\/(.+)\/([a-z]*)$/.exec(raw) : null;
  if (re) {
    try {
      reader = new RegExp(re[1]!, re[2]);
    } catch {
      reader = raw;
    }
  }
  const options: CardReaderOptions = {};
  if (reader !== undefined) options.reader = reader;
  const apdu = ms(env.DAWR_CARD_APDU_TIMEOUT_MS);
  if (apdu !== undefined) options.apduTimeoutMs = apdu;
  return options;
}
