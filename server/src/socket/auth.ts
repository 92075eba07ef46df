/** Handshake authentication: a device token from the handshake decides role, branch and rooms. */
import { rooms, type HandshakeAuth, type Lang } from '@dawr/core';
import type { Store } from '@dawr/db';
import { hashToken } from '../demo/seed';
import type { DawrServer } from './types';

interface AuthError extends Error {
  data?: { code: string };
}

const unauthenticated = (): AuthError => Object.assign(new Error('UNAUTHENTICATED'), { data: { code: 'UNAUTHENTICATED' } });

/** Refuses sockets without an enrolled, unrevoked token for this branch; joins the role's rooms. */
export function installAuth(io: DawrServer, store: Store, branchId: string): void {
  io.use((socket, next) => {
    const auth = (socket.handshake.auth ?? {}) as Partial<HandshakeAuth>;
    if (typeof auth.token !== 'string' || auth.token.length === 0 || auth.token.length > 256) {
      return next(unauthenticated());
    }
    const device = store.config.findDeviceByTokenHash(hashToken(auth.token));
    if (!device || device.branchId !== branchId) return next(unauthenticated());
    const lang: Lang = auth.lang === 'en' ? 'en' : 'ar';
    socket.data = { device, lang };
    void socket.join(rooms.branch(branchId));
    if (device.role === 'display') void socket.join(rooms.displays(branchId));
    next();
  });
}
