/**
 * Handshake authentication: a device token, or a staff session cookie, decides the principal and its
 * rooms. Cookie sockets must come from our own origin (no cross-site WebSocket hijacking).
 */
import { rooms, type HandshakeAuth, type Lang } from '@dawr/core';
import type { AuthService } from '../auth/auth-service';
import type { Clock } from '../clock';
import type { DawrServer } from './types';

const refuse = (code: 'UNAUTHENTICATED' | 'FORBIDDEN') => Object.assign(new Error(code), { data: { code } });

/** Whether an Origin header names the host the request was sent to. */
export function sameOrigin(origin: string | undefined, host: string | undefined): boolean {
  if (!origin || !host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

export function installAuth(io: DawrServer, auth: AuthService, branchId: string, clock: Clock): void {
  io.use((socket, next) => {
    const hs = (socket.handshake.auth ?? {}) as Partial<HandshakeAuth>;
    const lang: Lang = hs.lang === 'en' ? 'en' : 'ar';
    let principal = hs.token !== undefined ? auth.device(hs.token) : null;
    if (!principal && hs.token === undefined) {
      const { cookie, origin, host } = socket.handshake.headers;
      principal = auth.session(cookie, clock());
      if (principal && !sameOrigin(origin, host)) return next(refuse('FORBIDDEN'));
    }
    if (!principal) return next(refuse('UNAUTHENTICATED'));
    socket.data = { principal, lang };
    void socket.join(rooms.branch(branchId));
    if (principal.role === 'display') void socket.join(rooms.displays(branchId));
    next();
  });
}
