/** Device enrolment for admins: new tokens are shown once and stored hashed; revoking disconnects at once. */
import { randomBytes } from 'node:crypto';
import { DawrError, type DeviceInfo, type DeviceRole } from '@dawr/core';
import type { Store } from '@dawr/db';
import { sha256 } from './auth/auth-service';
import type { Clock } from './clock';

export class DeviceService {
  /** Called after a revocation commits, so live sockets of the device are dropped. */
  onRevoked: (deviceId: string) => void = () => {};

  constructor(
    private readonly store: Store,
    private readonly branchId: string,
    private readonly clock: Clock,
  ) {}

  list(): DeviceInfo[] {
    return this.store.config.listDevices(this.branchId).map(({ id, role, name, revokedAt }) => ({ id, role, name, revokedAt }));
  }

  /** Enrols (or re-keys) a device and returns its new token, which is never stored in clear. */
  enrol(id: string, role: DeviceRole, name: string): { device: DeviceInfo; token: string } {
    const token = randomBytes(24).toString('base64url');
    this.store.tx(() => this.store.config.upsertDevice({ id, branchId: this.branchId, role, name, tokenHash: sha256(token) }));
    this.onRevoked(id);
    return { device: { id, role, name, revokedAt: null }, token };
  }

  revoke(deviceId: string): DeviceInfo {
    if (!this.store.tx(() => this.store.config.revokeDevice(this.branchId, deviceId, this.clock()))) {
      throw new DawrError('UNKNOWN_DEVICE');
    }
    this.onRevoked(deviceId);
    return this.list().find((d) => d.id === deviceId)!;
  }
}
