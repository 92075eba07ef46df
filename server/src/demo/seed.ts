/** Seeds a demo branch's configuration (idempotent) and enrols the configured devices. */
import { seedCatalogue } from '@dawr/core';
import type { Store } from '@dawr/db';
import { sha256 } from '../auth/auth-service';
import { hashPasswordSync } from '@dawr/web';
import type { DeviceConfig, StaffConfig } from '../config';

/** Writes the seed catalogue of branch `branchId` (core's seedCatalogue), unless it is already configured. */
export function seedDemoBranch(store: Store, branchId: string): void {
  const catalogue = seedCatalogue(branchId);
  if (store.config.getBranch(branchId)) return;
  store.tx(() => {
    store.config.upsertBranch(catalogue.branch);
    for (const service of catalogue.services) store.config.upsertService(service);
    for (const counter of catalogue.counters) store.config.upsertCounter(counter);
  });
}

/**
 * Enrols the configured devices for `branchId` (their tokens hashed). A configured device that an admin
 * revoked stays revoked: bringing it back is the admin's act (reinstate or re-enrol), not a restart's.
 */
export function enrolDevices(store: Store, branchId: string, devices: DeviceConfig[]): void {
  store.tx(() => {
    for (const d of devices) {
      const counterId = d.counterId ?? null;
      store.config.enrolConfigured({ id: d.id, branchId, role: d.role, name: d.name, counterId, tokenHash: sha256(d.token) });
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
