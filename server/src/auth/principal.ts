/** Who is on the other end of a socket or request: an enrolled device or signed-in staff. */
import type { DeviceRole, Role, StaffRole } from '@dawr/core';

export type Principal =
  | { kind: 'device'; id: string; role: DeviceRole; branchId: string; name: string }
  | { kind: 'staff'; id: string; role: StaffRole; branchId: string; name: string; csrfToken: string }
  /** A visitor's phone: `id` is its ticket's id, and that ticket is all it may see. */
  | { kind: 'phone'; id: string; role: 'phone'; branchId: string; name: string };

/** The actor recorded on events: the device, or the clerk. */
export function actorOf(p: Principal): { deviceId: string | null; clerkId: string | null } {
  if (p.kind === 'staff') return { deviceId: null, clerkId: p.id };
  return { deviceId: p.id, clerkId: null };
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
