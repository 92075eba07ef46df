/**
 * Server-sent events for the kiosk's own page: the card reader's state, "a card was read", and the
 * visit's ticket and print state. Never personal data (see $lib/events). Each (re)connection first gets
 * the whole current picture, so nothing is lost between a page load and its stream opening.
 */
import type { KioskEvent } from '$lib/events';
import { subscribe } from '$lib/server/bus';
import { cardUi } from '$lib/server/card-bridge';
import { visitUi } from '$lib/server/visit';
import type { RequestHandler } from './$types';

/** A comment line now and then keeps proxies and the browser from deciding the stream is dead. */
const KEEPALIVE_MS = 15_000;

export const GET: RequestHandler = ({ request }) => {
  const encoder = new TextEncoder();
  let stop = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const write = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          stop();
        }
      };
      const send = (event: KioskEvent) => write(`data: ${JSON.stringify(event)}\n\n`);
      // Tell the browser to reconnect quickly after a kiosk restart.
      write('retry: 1000\n\n');
      send({ kind: 'hello', card: cardUi(), visit: visitUi() });
      const end = () => {
        stop();
        try {
          controller.close();
        } catch {
          /* already closed */
        }
      };
      const unsubscribe = subscribe(send, end);
      const keepalive = setInterval(() => write(': keepalive\n\n'), KEEPALIVE_MS);
      stop = () => {
        unsubscribe();
        clearInterval(keepalive);
      };
      request.signal.addEventListener('abort', end);
    },
    cancel() {
      stop();
    },
  });
  return new Response(stream, {
    headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', 'x-accel-buffering': 'no' },
  });
};
