/** Seeds a demo branch's configuration (idempotent) and enrols the configured devices. */
import type { Store } from '@dawr/db';
import { sha256 } from '../auth/auth-service';
import { hashPasswordSync } from '../auth/passwords';
import type { DeviceConfig, StaffConfig } from '../config';
import { BRANCHES } from './branches';

/**
 * Writes the seed branch `branchId` with its services and counters, unless it is already configured.
 * Every counter serves every service; the last counter puts the final service first, so that a
 * branch with birth certificates has a counter that favours them.
 */
export function seedDemoBranch(store: Store, branchId: string): void {
  const seed = BRANCHES.find((b) => b.branch.id === branchId);
  if (!seed) throw new Error(`no demo branch "${branchId}"; choose one of ${BRANCHES.map((b) => b.branch.id).join(', ')}`);
  if (store.config.getBranch(branchId)) return;
  store.tx(() => {
    store.config.upsertBranch(seed.branch);
    const ids = seed.services.map((s, i) => {
      const id = `${branchId}.${s.code}`;
      store.config.upsertService({
        id,
        branchId,
        code: s.code,
        prefix: s.prefix,
        name: s.name,
        requirements: s.requirements,
        acceptsAppointments: s.acceptsAppointments,
        acceptsWalkIns: true,
        dailyCap: null,
        sortOrder: i,
        active: true,
      });
      return id;
    });
    for (let n = 1; n <= seed.counters; n++) {
      const order = n === seed.counters && ids.length > 1 ? [ids.at(-1)!, ...ids.slice(0, -1)] : ids;
      store.config.upsertCounter({
        id: `${branchId}.counter-${n}`,
        branchId,
        number: n,
        name: { ar: `كاونتر ${n}`, en: `Counter ${n}` },
        open: true,
        profile: order.map((serviceId, position) => ({ serviceId, position, weight: 1 })),
      });
    }
  });
}

/** Enrols the configured devices for `branchId` (their tokens hashed). */
export function enrolDevices(store: Store, branchId: string, devices: DeviceConfig[]): void {
  store.tx(() => {
    for (const d of devices) {
      store.config.upsertDevice({ id: d.id, branchId, role: d.role, name: d.name, tokenHash: sha256(d.token) });
    }
  });
}

/** Creates the configured staff accounts when the database has none yet. */
export function seedStaff(store: Store, branchId: string, staff: StaffConfig[]): void {
  if (staff.length === 0 || store.staff.count() > 0) return;
  store.tx(() => {
    for (const s of staff) {
      const { password, ...account } = s;
      store.staff.upsert({ ...account, branchId, passwordHash: hashPasswordSync(password) });
    }
  });
}
