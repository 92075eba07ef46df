/** Which devices are connected right now (the socket layer reports; reprints and managers read). */
export interface ConnectedDevice {
  id: string;
  role: string;
  name: string;
}

export class Presence {
  /** Device id → its open connections (a device may reconnect before its old socket is gone). */
  private readonly devices = new Map<string, { device: ConnectedDevice; sockets: number }>();

  /** A connection of `device` opened. */
  joined(device: ConnectedDevice): void {
    const d = this.devices.get(device.id);
    if (d) d.sockets += 1;
    else this.devices.set(device.id, { device, sockets: 1 });
  }

  /** A connection of device `id` closed. */
  left(id: string): void {
    const d = this.devices.get(id);
    if (!d) return;
    if (--d.sockets <= 0) this.devices.delete(id);
  }

  isConnected(id: string): boolean {
    return this.devices.has(id);
  }

  /** The connected devices of one role, by id. */
  connected(role: string): ConnectedDevice[] {
    return [...this.devices.values()].map((d) => d.device).filter((d) => d.role === role).sort((a, b) => a.id.localeCompare(b.id));
  }
}
