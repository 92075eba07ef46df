/**
 * The branch's sync with the centre in /metrics (Prometheus), read from the same board as the manager's screen.
 * Figures not known yet (no contact with the centre so far) are NaN, so an alert on them does not fire by mistake.
 */
import client from 'prom-client';
import { syncLagMs, type BranchSync } from '@dawr/core';
import type { SyncBoard } from './sync-board';

const seconds = (ms: number | null): number => (ms === null ? Number.NaN : ms / 1000);

/** Registers the sync gauges on `registry`; each scrape reads the board once. */
export function registerSyncMetrics(registry: client.Registry, board: SyncBoard, now: () => number): void {
  // One read per scrape, shared by the gauges collected in it.
  let cached: { at: number; view: BranchSync } | null = null;
  const read = (): { view: BranchSync; at: number } => {
    const at = now();
    if (!cached || cached.at !== at) cached = { at, view: board.view() };
    return cached;
  };
  const gauge = (name: string, help: string, value: (s: BranchSync, at: number) => number) =>
    new client.Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        const { view, at } = read();
        this.set(value(view, at));
      },
    });
  gauge('dawr_sync_enabled', 'Whether this branch syncs with a centre (DAWR_HUB_URL set)', (s) => (s.enabled ? 1 : 0));
  gauge('dawr_sync_connected', 'Whether the centre answered the last sync attempt', (s) => (s.connected ? 1 : 0));
  gauge(
    'dawr_sync_lag_seconds',
    "How far the centre's copy is behind: the oldest unacknowledged change's age, or, when none waits, the last change's commit-to-acknowledgement time",
    (s, at) => syncLagMs(s, at) / 1000,
  );
  gauge('dawr_sync_outbox_pending_events', 'Changes the centre has not acknowledged yet (outbox depth)', (s) => s.outboxDepth);
  gauge('dawr_sync_oldest_unacked_age_seconds', 'Age of the oldest change the centre has not acknowledged (0 when none waits)', (s, at) =>
    s.oldestUnackedAt === null ? 0 : Math.max(0, at - s.oldestUnackedAt) / 1000,
  );
  gauge('dawr_sync_last_contact_age_seconds', 'Time since the centre last answered (NaN before the first answer)', (s, at) =>
    s.lastContact === null ? Number.NaN : Math.max(0, at - s.lastContact) / 1000,
  );
  gauge('dawr_sync_clock_skew_seconds', "The centre's clock minus the branch's, from the last answer (NaN before it)", (s) => seconds(s.clockSkewMs));
  gauge('dawr_sync_open_conflicts', 'Conflicts with the centre (a cancel that crossed a check-in) the manager has not marked handled', (s) => s.conflicts.length);
  gauge('dawr_sync_unreadable_down_changes', 'Changes from the centre this branch could not read (stored and flagged)', (s) => s.unreadable);
}
