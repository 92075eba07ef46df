/**
 * What happens to live connections when something outside them changes: a device revoked, a session
 * ended or expired, alerts changed, a reprint asked for. Subscribes to the server's event bus.
 */
import { rooms } from '@dawr/core';
import type { AlertBoard } from '../alerts';
import type { Clock } from '../clock';
import type { EventBus } from '../events';
import type { Presence } from '../presence';
import type { DawrServer, DawrSocket } from './types';

export interface LifecycleDeps {
  events: EventBus;
  presence: Presence;
  alerts: AlertBoard;
  clock: Clock;
  branchId: string;
}

/** The longest a timer may wait (setTimeout's limit); longer sessions are re-armed. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Subscribes the socket layer to the bus; returns the per-connection hook and an unsubscribe. */
export function wireLifecycle(io: DawrServer, deps: LifecycleDeps): { connected: (socket: DawrSocket) => void; stop: () => void } {
  const sockets = () => io.of('/').sockets.values();
  const unsubscribe = [
    // A revoked or re-keyed device loses its live connections at once.
    deps.events.on('deviceRevoked', ({ deviceId }) => {
      for (const s of sockets()) if (s.data.principal?.kind === 'device' && s.data.principal.id === deviceId) s.disconnect(true);
    }),
    // So does a staff session that was logged out.
    deps.events.on('sessionEnded', ({ sessionId }) => {
      for (const s of sockets()) if (s.data.principal?.kind === 'staff' && s.data.principal.sessionId === sessionId) s.disconnect(true);
    }),
    deps.events.on('alertsChanged', ({ alerts }) => io.to(rooms.staff(deps.branchId)).emit('alerts:v1', alerts)),
    deps.events.on('reprint', ({ kioskId, job }) => io.to(rooms.device(kioskId)).emit('kiosk:reprint:v1', job)),
  ];

  const connected = (socket: DawrSocket) => {
    const p = socket.data.principal;
    if (p.kind === 'device') {
      deps.presence.joined({ id: p.id, role: p.role, name: p.name });
      socket.on('disconnect', () => deps.presence.left(p.id));
      // A kiosk that goes away cannot keep a stale "out of paper" on the staff screens.
      if (p.role === 'kiosk') socket.on('disconnect', () => deps.alerts.clear(p.id));
    }
    if (p.kind === 'staff') {
      // The socket ends with its session, to the moment.
      let timer: NodeJS.Timeout | undefined;
      const arm = () => {
        const left = p.expiresAt - deps.clock();
        if (left <= 0) return void socket.disconnect(true);
        timer = setTimeout(arm, Math.min(left, MAX_TIMER_MS)).unref();
      };
      arm();
      socket.on('disconnect', () => clearTimeout(timer));
    }
  };
  return { connected, stop: () => unsubscribe.forEach((u) => u()) };
}
