/** Who is on the other end of a socket or request: an enrolled device or signed-in staff. */
import type { DeviceRole, Role, StaffRole } from '@dawr/core';

export type Principal =
  /** `counterId`: the one counter a counter PC is enrolled for (null: none). */
  | { kind: 'device'; id: string; role: DeviceRole; branchId: string; name: string; counterId: string | null }
  /**
   * `sessionId` is the hash of the session token (never the token); `counterId` the counter the session
   * works at (the last it called or served at); `expiresAt` when the session ends.
   */
  | {
      kind: 'staff';
      id: string;
      role: StaffRole;
      branchId: string;
      name: string;
      csrfToken: string;
      sessionId: string;
      expiresAt: number;
      counterId: string | null;
    }
  /** A visitor's phone: `id` is its ticket's id, and that ticket is all it may see. */
  | { kind: 'phone'; id: string; role: 'phone'; branchId: string; name: string };

/** The actor recorded on events: the device, or the clerk. */
export function actorOf(p: Principal): { deviceId: string | null; clerkId: string | null } {
  if (p.kind === 'staff') return { deviceId: null, clerkId: p.id };
  return { deviceId: p.id, clerkId: null };
}

/**
 * The one rule for opening and closing counters: managers and admins open and close any counter; a clerk
 * pauses and resumes only the counter their session works at; a counter PC only the counter it is
 * enrolled for.
 */
export function mayOpenOrClose(p: Principal, counterId: string): boolean {
  if (p.role === 'manager' || p.role === 'admin') return true;
  if (p.kind === 'phone') return false;
  return p.counterId !== null && p.counterId === counterId;
}

/** Role groups used by the command tables. */
export const ROLES = {
  everyone: ['kiosk', 'display', 'counter', 'clerk', 'manager', 'admin'],
  issuing: ['kiosk', 'clerk', 'manager', 'admin'],
  counter: ['counter', 'clerk', 'manager', 'admin'],
  kiosk: ['kiosk'],
  phone: ['phone'],
  manager: ['manager', 'admin'],
  admin: ['admin'],
} as const satisfies Record<string, readonly Role[]>;
