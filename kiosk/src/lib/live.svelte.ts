/**
 * The page's live link to its kiosk server (`/events`): the card reader's state and the visit's ticket and
 * print state, as reactive state. Only the kiosk's own page connects; nothing personal comes through.
 */
import type { CardUi, KioskEvent, VisitUi } from './events';

/** Latest state from the server; null until the first event. */
export const live = $state<{ connected: boolean; card: CardUi | null; visit: VisitUi | null }>({
  connected: false,
  card: null,
  visit: null,
});

/**
 * Opens the stream (the browser reconnects by itself). `onIdentified(true)` runs when a card was read into
 * a visit; `onIdentified(false)` when the stream (re)opens with a visit already identified — a card read
 * between the page load and the stream opening must not be lost. Returns the function that closes it.
 */
export function connectLive(onIdentified: (fresh: boolean) => void): () => void {
  const source = new EventSource('/events');
  source.onopen = () => (live.connected = true);
  source.onerror = () => (live.connected = false);
  source.onmessage = (message: MessageEvent<string>) => {
    let event: KioskEvent;
    try {
      event = JSON.parse(message.data) as KioskEvent;
    } catch {
      return;
    }
    switch (event.kind) {
      case 'hello':
        live.card = event.card;
        live.visit = event.visit;
        if (event.visit.identified && !event.visit.ticket) onIdentified(false);
        return;
      case 'card':
        live.card = event.card;
        return;
      case 'visit':
        live.visit = event.visit;
        return;
      case 'identified':
        onIdentified(true);
        return;
    }
  };
  return () => source.close();
}
