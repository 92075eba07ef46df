/**
 * Handshake authentication: a device token, a visitor's ticket token, or a staff session cookie decides
 * the principal and its rooms. Cookie sockets must come from our own origin (no cross-site hijacking).
 */
import { rooms, type HandshakeAuth, type Lang } from '@dawr/core';
import type { AuthService } from '../auth/auth-service';
import type { Principal } from '../auth/principal';
import type { Clock } from '../clock';
import type { QueueService } from '../queue-service';
import type { DawrServer } from './types';

const refuse = (code: 'UNAUTHENTICATED' | 'FORBIDDEN') => Object.assign(new Error(code), { data: { code } });

/**
 * Whether a cookie-carrying request may be from our own pages. Browsers always send Origin on WebSocket
 * handshakes and cross-origin requests, and omit it on same-origin GETs (socket.io's polling start), so
 * only an Origin naming another host is refused.
 */
export function sameOrigin(origin: string | undefined, host: string | undefined): boolean {
  if (!origin) return true;
  if (!host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

export function installAuth(io: DawrServer, auth: AuthService, queue: QueueService, branchId: string, clock: Clock): void {
  io.use((socket, next) => {
    const hs = (socket.handshake.auth ?? {}) as Partial<HandshakeAuth>;
    const lang: Lang = hs.lang === 'en' ? 'en' : 'ar';
    let principal: Principal | null = null;
    if (hs.token !== undefined) {
      principal = auth.device(hs.token);
    } else if (hs.track !== undefined) {
      const ticketId = typeof hs.track === 'string' && hs.track.length <= 64 ? queue.ticketIdForTrackToken(hs.track) : null;
      if (ticketId) principal = { kind: 'phone', id: ticketId, role: 'phone', branchId, name: 'phone' };
    } else {
      const { cookie, origin, host } = socket.handshake.headers;
      principal = auth.session(cookie, clock());
      if (principal && !sameOrigin(origin, host)) return next(refuse('FORBIDDEN'));
    }
    if (!principal) return next(refuse('UNAUTHENTICATED'));
    socket.data = { principal, lang };
    if (principal.kind === 'phone') {
      void socket.join(rooms.phones(branchId));
      return next();
    }
    void socket.join(rooms.branch(branchId));
    if (principal.role === 'display') void socket.join(rooms.displays(branchId));
    if (principal.kind === 'device') void socket.join(rooms.device(principal.id));
    if (principal.role !== 'display' && principal.role !== 'kiosk') void socket.join(rooms.staff(branchId));
    if (principal.role === 'manager' || principal.role === 'admin') void socket.join(rooms.managers(branchId));
    next();
  });
}
