/** Device enrolment for admins: new tokens are shown once and stored hashed; revoking disconnects at once. */
import { randomBytes } from 'node:crypto';
import { DawrError, type DeviceInfo, type DeviceRole } from '@dawr/core';
import type { Store } from '@dawr/db';
import { sha256 } from './auth/auth-service';
import type { Clock } from './clock';
import type { EventBus } from './events';

export class DeviceService {
  constructor(
    private readonly store: Store,
    private readonly branchId: string,
    private readonly clock: Clock,
    private readonly events: EventBus,
  ) {}

  list(): DeviceInfo[] {
    return this.store.config.listDevices(this.branchId).map(({ id, role, name, counterId, revokedAt }) => ({ id, role, name, counterId, revokedAt }));
  }

  /**
   * Enrols (or re-keys) a device and returns its new token, which is never stored in clear. Re-enrolling a
   * revoked device is how an admin brings it back with a fresh token; its old connections drop.
   */
  enrol(id: string, role: DeviceRole, name: string, counterId: string | null = null): { device: DeviceInfo; token: string } {
    if (counterId !== null && role !== 'counter') throw new DawrError('BAD_REQUEST', 'only a counter PC is enrolled for a counter');
    if (counterId !== null && !this.store.config.listCounters(this.branchId).some((c) => c.id === counterId)) throw new DawrError('UNKNOWN_COUNTER');
    const token = randomBytes(24).toString('base64url');
    this.store.tx(() => this.store.config.upsertDevice({ id, branchId: this.branchId, role, name, counterId, tokenHash: sha256(token) }));
    this.events.emit('deviceRevoked', { deviceId: id });
    return { device: this.info(id), token };
  }

  revoke(deviceId: string): DeviceInfo {
    if (!this.store.tx(() => this.store.config.revokeDevice(this.branchId, deviceId, this.clock()))) {
      throw new DawrError('UNKNOWN_DEVICE');
    }
    this.events.emit('deviceRevoked', { deviceId });
    return this.info(deviceId);
  }

  /** Lifts a revocation: the device's existing token (e.g. the configured one) works again. An admin's act. */
  reinstate(deviceId: string): DeviceInfo {
    if (!this.store.tx(() => this.store.config.reinstateDevice(this.branchId, deviceId))) throw new DawrError('UNKNOWN_DEVICE');
    return this.info(deviceId);
  }

  private info(deviceId: string): DeviceInfo {
    return this.list().find((d) => d.id === deviceId)!;
  }
}
