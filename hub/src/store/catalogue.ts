/**
 * The centre's catalogue (domain.md): one document per branch, versioned. Every change commits with its
 * `catalogue.changed` entry in the branch's down log, in one transaction, so the branch gets it exactly once.
 */
import { SEED_BRANCH_IDS, seedCatalogue, type BranchCatalogue } from '@dawr/core';
import type { Queryable, Sql } from './engine';
import { appendDown } from './sync-down';

/** The down-log type a branch applies to replace its catalogue. */
export const CATALOGUE_CHANGED = 'catalogue.changed';

/** A refused catalogue change, with a code the API turns into a message in the caller's language. */
export class CatalogueRefused extends Error {
  constructor(readonly code: 'UNKNOWN_BRANCH' | 'UNKNOWN_SERVICE' | 'STALE_CATALOGUE' | 'NO_WAY_IN') {
    super(code);
  }
}

/** A catalogue with its version (1 for the first). */
export interface VersionedCatalogue {
  version: number;
  catalogue: BranchCatalogue;
}

/**
 * Writes the seed catalogue of every seed branch that has none yet (the centre's initial catalogue), carrying the
 * centre's booking public key when given.
 */
export async function seedCatalogues(sql: Sql, now: number, bookingKey?: string): Promise<void> {
  for (const id of SEED_BRANCH_IDS) {
    const catalogue: BranchCatalogue = { ...seedCatalogue(id), ...(bookingKey ? { bookingKey } : {}) };
    await sql.tx(async (q) => {
      const inserted = await q.query(
        `INSERT INTO hub_catalogues (branch_id, version, doc, updated_at) VALUES ($1, 1, $2::jsonb, $3)
         ON CONFLICT (branch_id) DO NOTHING RETURNING branch_id`,
        [id, JSON.stringify(catalogue), now],
      );
      if (inserted.length > 0) await appendDown(q, id, CATALOGUE_CHANGED, 1, { version: 1, catalogue }, now);
    });
  }
}

/** Every branch's catalogue, by branch id. */
export async function listCatalogues(q: Queryable): Promise<VersionedCatalogue[]> {
  const rows = await q.query<{ version: number; doc: BranchCatalogue }>('SELECT version, doc FROM hub_catalogues ORDER BY branch_id');
  return rows.map((r) => ({ version: r.version, catalogue: r.doc }));
}

/**
 * Changes one branch's catalogue: `edit` gets the current one and returns the new one (throw to refuse).
 * With `expectVersion`, a catalogue changed meanwhile by someone else is refused (STALE_CATALOGUE) rather than
 * overwritten. Returns the new version; the branch hears of it through its down log.
 */
export async function editCatalogue(
  sql: Sql,
  branchId: string,
  edit: (current: BranchCatalogue) => BranchCatalogue,
  now: number,
  expectVersion?: number,
): Promise<VersionedCatalogue> {
  return sql.tx(async (q) => {
    const [row] = await q.query<{ version: number; doc: BranchCatalogue }>(
      'SELECT version, doc FROM hub_catalogues WHERE branch_id = $1 FOR UPDATE',
      [branchId],
    );
    if (!row) throw new CatalogueRefused('UNKNOWN_BRANCH');
    if (expectVersion !== undefined && expectVersion !== row.version) throw new CatalogueRefused('STALE_CATALOGUE');
    const catalogue = edit(row.doc);
    const version = row.version + 1;
    await q.query('UPDATE hub_catalogues SET version = $2, doc = $3::jsonb, updated_at = $4 WHERE branch_id = $1', [
      branchId,
      version,
      JSON.stringify(catalogue),
      now,
    ]);
    await appendDown(q, branchId, CATALOGUE_CHANGED, 1, { version, catalogue }, now);
    return { version, catalogue };
  });
}
