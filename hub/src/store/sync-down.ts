/**
 * Sync down, at the centre: a per-branch change log numbered by a per-branch counter row updated in the same
 * transaction as the change (sync.md §5: over a shared serial, `id > cursor` can skip a row that commits late;
 * the counter row's lock makes each branch's numbers commit in order).
 */
import type { DownChange } from '@dawr/core';
import type { Queryable } from './engine';

/** Appends a change for a branch inside the caller's transaction; returns its per-branch seq. */
export async function appendDown(q: Queryable, branchId: string, type: string, typeVersion: number, payload: unknown, now: number): Promise<number> {
  const [row] = await q.query<{ last_seq: number }>(
    `INSERT INTO down_counters (branch_id, last_seq) VALUES ($1, 1)
     ON CONFLICT (branch_id) DO UPDATE SET last_seq = down_counters.last_seq + 1 RETURNING last_seq`,
    [branchId],
  );
  const seq = row!.last_seq;
  await q.query(
    'INSERT INTO down_log (branch_id, seq, type, type_version, payload, created_at) VALUES ($1, $2, $3, $4, $5::jsonb, $6)',
    [branchId, seq, type, typeVersion, JSON.stringify(payload ?? null), now],
  );
  return seq;
}

/**
 * appendDown as the tail of a larger statement's WITH list: \`down_seq\` bumps the branch's counter and \`down_entry\`
 * (RETURNING seq) writes the change, once for each row of the CTE named \`after\` (nothing when it has none). The
 * arguments are SQL expressions (typed placeholders) of the caller's statement.
 */
export function appendDownCtes(after: string, e: { branch: string; type: string; payload: string; now: string }): string {
  return `down_seq AS (
    INSERT INTO down_counters (branch_id, last_seq) SELECT ${e.branch}, 1 FROM ${after}
    ON CONFLICT (branch_id) DO UPDATE SET last_seq = down_counters.last_seq + 1 RETURNING last_seq),
  down_entry AS (
    INSERT INTO down_log (branch_id, seq, type, type_version, payload, created_at)
    SELECT ${e.branch}, last_seq, ${e.type}, 1, ${e.payload}, ${e.now} FROM down_seq RETURNING seq)`;
}

/** A branch's changes after its cursor, in order, at most `limit`; only that branch's. */
export async function pullDown(q: Queryable, branchId: string, after: number, limit: number): Promise<DownChange[]> {
  const rows = await q.query<{ seq: number; type: string; type_version: number; payload: unknown; created_at: number }>(
    'SELECT seq, type, type_version, payload, created_at FROM down_log WHERE branch_id = $1 AND seq > $2 ORDER BY seq LIMIT $3',
    [branchId, after, limit],
  );
  return rows.map((r) => ({ seq: r.seq, type: r.type, typeVersion: r.type_version, payload: r.payload, createdAt: r.created_at }));
}
