/** The sync outbox: every committed change appends a row in the same transaction (shared/docs/sync.md). */
import type { Db } from './open';

export interface OutboxRow {
  seq: number;
  epoch: string;
  type: string;
  typeVersion: number;
  entityId: string;
  payload: unknown;
  createdAt: number;
}

export class Outbox {
  private readonly s;
  /**
   * The database incarnation; a restored backup gets a new one so its seqs are never confused. Changed only by
   * SyncState.rotateEpoch.
   */
  epoch: string;

  constructor(db: Db) {
    this.epoch = (db.prepare("SELECT value FROM meta WHERE key = 'epoch'").get() as { value: string }).value;
    this.s = {
      append: db.prepare(
        `INSERT INTO outbox (epoch, type, type_version, entity_id, payload, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
      ),
      max: db.prepare('SELECT COALESCE(MAX(seq), 0) AS seq FROM outbox'),
      after: db.prepare('SELECT * FROM outbox WHERE seq > ? ORDER BY seq LIMIT ?'),
    };
  }

  /** Appends a change and returns its seq, which doubles as the branch's change version. */
  append(type: string, typeVersion: number, entityId: string, payload: unknown, now: number): number {
    const r = this.s.append.run(this.epoch, type, typeVersion, entityId, JSON.stringify(payload), now);
    return Number(r.lastInsertRowid);
  }

  /** The latest seq: the version a snapshot is taken at. */
  latestSeq(): number {
    return (this.s.max.get() as { seq: number }).seq;
  }

  /** Rows after `seq`, in order, at most `limit`. */
  after(seq: number, limit: number): OutboxRow[] {
    const rows = this.s.after.all(seq, limit) as {
      seq: number;
      epoch: string;
      type: string;
      type_version: number;
      entity_id: string;
      payload: string;
      created_at: number;
    }[];
    return rows.map((r) => ({
      seq: r.seq,
      epoch: r.epoch,
      type: r.type,
      typeVersion: r.type_version,
      entityId: r.entity_id,
      payload: JSON.parse(r.payload) as unknown,
      createdAt: r.created_at,
    }));
  }
}
