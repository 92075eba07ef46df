/**
 * The kiosk's ID-card reader (server side). Typical use from SvelteKit's server:
 *
 *   import { env } from '$env/dynamic/private';
 *   const cards = cardReader(cardReaderOptionsFromEnv(env));   // one per process, started
 *   const unsubscribe = cards.subscribe((e) => { … forward to the page (SSE / socket) … });
 *
 * Events: status ('ready' | 'no_reader' | 'pcsc_down' | 'driver_missing'), inserted, read (IdCardData), error (code + retry), removed.
 */
import { CardReaderService } from './reader-service';
import type { CardReaderOptions } from './types';

export { CardReaderService } from './reader-service';
export { cardReaderOptionsFromEnv, pickReader } from './config';
export { CardReadError, readIgaCard, type Transmit } from './iga-reader';
export { CardLinkError, CardSession, type CardLinkFailure } from './session';
export { loadSmartcard, type PcscBinding, type PcscLoader } from './pcsc';
export * from './types';

const KEY = Symbol.for('dawr.kiosk.cardReader');

/**
 * The process's one card reader service, created and started on first call (later options are ignored). Kept
 * on globalThis: a production build may load this module twice (hooks and routes), and two services would
 * read every card twice.
 */
export function cardReader(options: CardReaderOptions = {}): CardReaderService {
  const g = globalThis as { [KEY]?: CardReaderService };
  if (!g[KEY]) {
    g[KEY] = new CardReaderService(options);
    g[KEY].start();
  }
  return g[KEY];
}
