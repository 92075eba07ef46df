/**
 * Kiosk hardware alerts (printer out of paper, card reader down…), kept in memory: a kiosk reports its
 * state again when it reconnects, so a restart loses nothing that is still true.
 */
import type { AlertKind, DeviceAlert } from '@dawr/core';
import type { EventBus } from './events';

export class AlertBoard {
  private readonly alerts = new Map<string, DeviceAlert>();

  /** Publishes `alertsChanged` with the whole list whenever it changes. */
  constructor(private readonly events: EventBus) {}

  /** Records a device's state for one kind; level 'ok' clears it. */
  report(a: DeviceAlert): void {
    const key = `${a.deviceId}|${a.kind}`;
    const before = this.alerts.get(key);
    if (a.level === 'ok') {
      if (!before) return;
      this.alerts.delete(key);
    } else {
      if (before && before.level === a.level && before.code === a.code) return;
      this.alerts.set(key, a);
    }
    this.changed();
  }

  /** Forgets a device's alerts of one kind (or all kinds). */
  clear(deviceId: string, kind?: AlertKind): void {
    let changed = false;
    for (const [key, a] of this.alerts) {
      if (a.deviceId === deviceId && (kind === undefined || a.kind === kind)) changed = this.alerts.delete(key) || changed;
    }
    if (changed) this.changed();
  }

  list(): DeviceAlert[] {
    return [...this.alerts.values()].sort((a, b) => b.at - a.at);
  }

  private changed(): void {
    this.events.emit('alertsChanged', { alerts: this.list() });
  }
}
