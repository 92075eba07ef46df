/**
 * The branch's sync as its manager sees it (counter app) and /metrics reads it: the sync client's figures, the
 * outbox, and the conflicts with the centre that nobody has marked handled yet, each with the visit it concerns.
 */
import { DawrError, type BranchSync, type SyncConflict } from '@dawr/core';
import type { ConflictRecord, Store } from '@dawr/db';
import type { Clock } from '../clock';
import type { EventBus } from '../events';
import type { SyncClient } from './sync-client';

export class SyncBoard {
  constructor(
    private readonly store: Store,
    private readonly client: SyncClient | null,
    private readonly clock: Clock,
    private readonly events: EventBus,
  ) {}

  /** The branch's sync now. */
  view(): BranchSync {
    const s = this.client?.snapshot() ?? null;
    const stats = s ? { depth: s.outboxDepth, oldestUnackedAt: s.oldestUnackedAt } : this.store.sync.stats();
    return {
      enabled: this.client !== null,
      connected: s?.connected ?? false,
      lastContact: s?.lastContact ?? null,
      clockSkewMs: s?.clockSkewMs ?? null,
      outboxDepth: stats.depth,
      oldestUnackedAt: stats.oldestUnackedAt,
      lastAckLagMs: s?.lastAckLagMs ?? null,
      unreadable: this.store.sync.unknownDown().length,
      conflicts: this.store.sync.openConflicts().map((c) => this.describe(c)),
    };
  }

  /** Marks a conflict handled by `staffId`; tells every manager's screen. Throws UNKNOWN_CONFLICT when none is open. */
  resolve(seq: number, staffId: string): BranchSync {
    if (!this.store.sync.resolveConflict(seq, staffId, this.clock())) throw new DawrError('UNKNOWN_CONFLICT');
    this.events.emit('syncChanged', {});
    return this.view();
  }

  /** A recorded conflict with the visit it concerns (the ticket as the branch holds it now). */
  private describe(c: ConflictRecord): SyncConflict {
    const ticketId = (c.detail as { ticketId?: unknown } | null)?.ticketId;
    const ticket = typeof ticketId === 'string' ? this.store.tickets.get(ticketId) : undefined;
    const appointment = this.store.appointments.get(c.entityId);
    return {
      seq: c.seq,
      kind: c.kind,
      entityId: c.entityId,
      ticketId: typeof ticketId === 'string' ? ticketId : null,
      ticketNumber: ticket?.number ?? null,
      serviceId: ticket?.serviceId ?? appointment?.serviceId ?? null,
      slotAt: appointment?.slotAt ?? null,
      checkedInAt: ticket?.arrivedAt ?? null,
    };
  }
}
