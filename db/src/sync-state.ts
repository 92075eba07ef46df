/**
 * The branch's side of sync (shared/docs/sync.md): which outbox rows the centre has acknowledged, the cursor of
 * the centre's down log, and the database's epoch. Rows are marked when acknowledged and pruned only after that
 * and a retention period; nothing the branch needs later lives only in the outbox.
 */
import { uuidv7 } from '@dawr/core';
import type { Db } from './open';
import type { Outbox, OutboxRow } from './outbox';
import type { DownChange } from '@dawr/core';

/** Outbox figures for the manager's screen and /metrics. */
export interface OutboxStats {
  /** Rows not yet acknowledged by the centre. */
  depth: number;
  /** Creation time (branch clock) of the oldest of them, or null when there is none. */
  oldestUnackedAt: number | null;
}

/** A conflict between a change of the centre and the branch's, as recorded (and, once handled, by whom and when). */
export interface ConflictRecord {
  seq: number;
  kind: string;
  entityId: string;
  detail: unknown;
  resolvedAt?: number | null;
  resolvedBy?: string | null;
}

type Raw = { seq: number; epoch: string; type: string; type_version: number; entity_id: string; payload: string; created_at: number };

export class SyncState {
  private readonly s;

  constructor(
    db: Db,
    private readonly outbox: Outbox,
  ) {
    this.s = {
      meta: db.prepare('SELECT value FROM meta WHERE key = ?').pluck(),
      setMeta: db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
      pending: db.prepare('SELECT seq, epoch, type, type_version, entity_id, payload, created_at FROM outbox WHERE acked_at IS NULL ORDER BY seq LIMIT ?'),
      ack: db.prepare('UPDATE outbox SET acked_at = ? WHERE acked_at IS NULL AND epoch = ? AND seq <= ?'),
      prune: db.prepare('DELETE FROM outbox WHERE acked_at IS NOT NULL AND acked_at < ?'),
      stats: db.prepare('SELECT COUNT(*) AS depth, MIN(created_at) AS oldest FROM outbox WHERE acked_at IS NULL'),
      relabel: db.prepare('UPDATE outbox SET epoch = ? WHERE acked_at IS NULL AND seq >= ?'),
      flagged: db.prepare("SELECT value FROM meta WHERE key LIKE 'sync_unknown_down:%' ORDER BY key").pluck(),
      conflicts: db.prepare("SELECT value FROM meta WHERE key LIKE 'sync_conflict:%' ORDER BY key").pluck(),
    };
    this.tx = db.transaction((fn: () => unknown) => fn()) as unknown as <T>(fn: () => T) => T;
  }

  private readonly tx: <T>(fn: () => T) => T;

  /** The seq just before the current epoch's first row (0 for the database's first epoch). */
  epochStartSeq(epoch: string = this.outbox.epoch): number {
    return Number(this.s.meta.get(`epoch_start:${epoch}`) ?? 0);
  }

  /**
   * The oldest unacknowledged rows, in seq order, all of one epoch, bounded by count and by the bytes of their
   * payloads (at least one row, so a single large row still goes).
   */
  pending(maxRows: number, maxBytes: number): OutboxRow[] {
    const rows = this.s.pending.all(maxRows) as Raw[];
    const out: OutboxRow[] = [];
    let bytes = 0;
    for (const r of rows) {
      if (out.length > 0 && (r.epoch !== out[0]!.epoch || bytes + r.payload.length > maxBytes)) break;
      bytes += r.payload.length + 128;
      out.push({ seq: r.seq, epoch: r.epoch, type: r.type, typeVersion: r.type_version, entityId: r.entity_id, payload: JSON.parse(r.payload) as unknown, createdAt: r.created_at });
    }
    return out;
  }

  /** Marks the epoch's rows up to `seq` acknowledged; returns how many were newly marked. */
  markAcked(epoch: string, seq: number, now: number): number {
    return this.s.ack.run(now, epoch, seq).changes;
  }

  /** Deletes rows acknowledged before `before` (the retention period has passed); returns how many. */
  prune(before: number): number {
    return this.s.prune.run(before).changes;
  }

  stats(): OutboxStats {
    const r = this.s.stats.get() as { depth: number; oldest: number | null };
    return { depth: r.depth, oldestUnackedAt: r.oldest };
  }

  /** The centre's down-log cursor: the last change applied. */
  downCursor(): number {
    return Number(this.s.meta.get('sync_down_cursor') ?? 0);
  }

  /** Records the last applied down change; call it in the transaction that applies the change. */
  setDownCursor(seq: number): void {
    this.s.setMeta.run('sync_down_cursor', String(seq));
  }

  /** Keeps a down change this branch cannot read (a newer centre), flagged for the manager; applying it is skipped. */
  flagUnknownDown(change: DownChange): void {
    this.s.setMeta.run(`sync_unknown_down:${String(change.seq).padStart(12, '0')}`, JSON.stringify(change));
  }

  /** The flagged down changes, oldest first. */
  unknownDown(): DownChange[] {
    return (this.s.flagged.all() as string[]).map((v) => JSON.parse(v) as DownChange);
  }

  /** Records a conflict between the centre's change and the branch's (shown to the branch manager, never merged). */
  recordConflict(seq: number, conflict: { kind: string; entityId: string; detail: unknown }): void {
    this.s.setMeta.run(`sync_conflict:${String(seq).padStart(12, '0')}`, JSON.stringify({ seq, ...conflict }));
  }

  /** The conflicts recorded, oldest first (handled ones included). */
  conflicts(): ConflictRecord[] {
    return (this.s.conflicts.all() as string[]).map((v) => JSON.parse(v) as ConflictRecord);
  }

  /** The conflicts nobody has marked handled yet, oldest first. */
  openConflicts(): ConflictRecord[] {
    return this.conflicts().filter((c) => !c.resolvedAt);
  }

  /**
   * Marks the conflict of down change `seq` handled by `by` (kept, no longer open). False when there is no open
   * conflict with that seq.
   */
  resolveConflict(seq: number, by: string, now: number): boolean {
    const key = `sync_conflict:${String(seq).padStart(12, '0')}`;
    const raw = this.s.meta.get(key) as string | undefined;
    const c = raw === undefined ? null : (JSON.parse(raw) as ConflictRecord);
    if (!c || c.resolvedAt) return false;
    this.s.setMeta.run(key, JSON.stringify({ ...c, resolvedAt: now, resolvedBy: by }));
    return true;
  }

  /**
   * Starts a new epoch from `fromSeq`: the centre holds other changes under this epoch's seqs from `fromSeq` on (the
   * database was restored from an older backup). Unacknowledged rows from there move to the new epoch; later rows
   * are written in it. Returns the new epoch.
   */
  rotateEpoch(fromSeq: number, now: number): string {
    const epoch = uuidv7(now);
    this.tx(() => {
      this.s.setMeta.run('epoch', epoch);
      this.s.setMeta.run(`epoch_start:${epoch}`, String(fromSeq - 1));
      this.s.relabel.run(epoch, fromSeq);
    });
    this.outbox.epoch = epoch;
    return epoch;
  }
}
