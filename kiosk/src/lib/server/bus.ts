/**
 * The kiosk server's event bus towards its page(s): `/events` subscribes, the card reader and the visit
 * publish. On globalThis, like every singleton here (a production build may load a module twice).
 */
import type { KioskEvent } from '$lib/events';

type Listener = (event: KioskEvent) => void;

interface Bus {
  listeners: Set<Listener>;
  /** Ends an open `/events` stream (see onStreamsEnd). */
  closers: Set<() => void>;
}

declare global {
  var __dawrKioskBus: Bus | undefined;
}

function bus(): Bus {
  if (!globalThis.__dawrKioskBus) {
    const b: Bus = { listeners: new Set(), closers: new Set() };
    globalThis.__dawrKioskBus = b;
    // adapter-node stops on SIGTERM/SIGINT only once every response has ended, and an event stream never
    // ends by itself: end them all, or every stop waits for SHUTDOWN_TIMEOUT (and a restart with it).
    const endAll = () => {
      for (const close of [...b.closers]) close();
    };
    process.once('SIGTERM', endAll);
    process.once('SIGINT', endAll);
  }
  return globalThis.__dawrKioskBus;
}

/** Sends `event` to every open `/events` stream. */
export function publish(event: KioskEvent): void {
  for (const l of [...bus().listeners]) {
    try {
      l(event);
    } catch {
      // A stream that closed while we were sending: its own cleanup removes it.
    }
  }
}

/** Adds a listener, and the function that ends its stream at shutdown; returns the function that removes both. */
export function subscribe(listener: Listener, close: () => void = () => {}): () => void {
  const b = bus();
  b.listeners.add(listener);
  b.closers.add(close);
  return () => {
    b.listeners.delete(listener);
    b.closers.delete(close);
  };
}
