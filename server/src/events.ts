/**
 * The branch server's internal events: services publish what happened, the socket layer (and anything
 * else) subscribes. Built once in app.ts, so no service needs to know socket.io exists.
 */
import type { DeviceAlert, ReprintJob } from '@dawr/core';

/** Every event, with its payload. */
export interface ServerEvents {
  /** A device was revoked or re-keyed: its live connections must drop. */
  deviceRevoked: { deviceId: string };
  /** A staff session ended (logout): its live connections must drop. */
  sessionEnded: { sessionId: string };
  /** The kiosks' hardware alerts changed: the whole current list. */
  alertsChanged: { alerts: DeviceAlert[] };
  /** A manager asked a kiosk to print a ticket again. */
  reprint: { kioskId: string; job: ReprintJob };
  /** Something the managers' sync panel shows changed now (a conflict was marked handled): push it at once. */
  syncChanged: Record<string, never>;
}

type Handler<E, K extends keyof E> = (payload: E[K]) => void;

/** A small typed publish/subscribe; handlers run synchronously, in subscription order. */
export class EventBus<E extends object = ServerEvents> {
  private readonly handlers = new Map<keyof E, Set<Handler<E, keyof E>>>();

  /** Subscribes; returns the function that unsubscribes. */
  on<K extends keyof E>(name: K, fn: Handler<E, K>): () => void {
    let set = this.handlers.get(name);
    if (!set) this.handlers.set(name, (set = new Set()));
    set.add(fn as Handler<E, keyof E>);
    return () => set.delete(fn as Handler<E, keyof E>);
  }

  /** Publishes to every subscriber of `name`. */
  emit<K extends keyof E>(name: K, payload: E[K]): void {
    for (const fn of this.handlers.get(name) ?? []) fn(payload);
  }
}
