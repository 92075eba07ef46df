/**
 * The catalogues as the booking path reads them: each branch's document cached with its version (re-read only when it
 * changed), and a rush's prechecks asked together, so the last seats of a slot cost the database a few queries per
 * tick rather than one per request.
 */
import type { BranchCatalogue } from '@dawr/core';
import type { Queryable } from './engine';

/** Each branch's catalogue as last read, with its version: a request re-reads the document only when it changed. */
export class CatalogueCache {
  private readonly byBranch = new Map<string, { version: number; catalogue: BranchCatalogue }>();

  /** The branch's current catalogue (one small query when unchanged), or null for an unknown branch. */
  async get(q: Queryable, branchId: string): Promise<BranchCatalogue | null> {
    const cached = this.byBranch.get(branchId);
    const [row] = await q.query<{ version: number; doc: BranchCatalogue | null }>(
      'SELECT version, CASE WHEN version = $2 THEN NULL ELSE doc END AS doc FROM hub_catalogues WHERE branch_id = $1',
      [branchId, cached?.version ?? -1],
    );
    if (!row) return null;
    if (row.doc) this.byBranch.set(branchId, { version: row.version, catalogue: row.doc });
    return this.byBranch.get(branchId)!.catalogue;
  }

  /**
   * The branch's current catalogue with the seats taken in one slot and whether `cpr` holds an active booking of
   * the service (by its code); null for an unknown branch. Requests that arrive together are asked together: one
   * query for their catalogues, one for all their slots and people (a rush on the last seats costs the database a
   * few queries, not one per request). Nothing is locked: the seat itself is taken under the row's lock.
   */
  withSlot(q: Queryable, branchId: string, serviceId: string, slotAt: number, cpr: string): Promise<SlotView | null> {
    return new Promise((resolve, reject) => {
      this.asks.push({ branchId, serviceId, slotAt: Number.isSafeInteger(slotAt) ? slotAt : 0, cpr, resolve, reject });
      if (this.asks.length === 1) setImmediate(() => void this.flush(q));
    });
  }

  private asks: { branchId: string; serviceId: string; slotAt: number; cpr: string; resolve: (v: SlotView | null) => void; reject: (e: unknown) => void }[] = [];

  private async flush(q: Queryable): Promise<void> {
    const asks = this.asks;
    this.asks = [];
    try {
      const branches = [...new Set(asks.map((a) => a.branchId))];
      const rows = await q.query<{ branch_id: string; version: number; doc: BranchCatalogue | null }>(
        `SELECT c.branch_id, c.version, CASE WHEN c.version = v.version THEN NULL ELSE c.doc END AS doc
         FROM hub_catalogues c JOIN unnest($1::text[], $2::int[]) AS v(branch_id, version) ON v.branch_id = c.branch_id`,
        [branches, branches.map((b) => this.byBranch.get(b)?.version ?? -1)],
      );
      const known = new Set(rows.map((r) => r.branch_id));
      for (const r of rows) if (r.doc) this.byBranch.set(r.branch_id, { version: r.version, catalogue: r.doc });
      const codes = asks.map((a) => (known.has(a.branchId) ? this.byBranch.get(a.branchId)!.catalogue.services.find((s) => s.id === a.serviceId)?.code ?? '' : ''));
      const probes = await q.query<{ i: number; booked: number | null; active: boolean }>(
        `SELECT r.i, (SELECT booked FROM hub_slots s WHERE s.service_id = r.service_id AND s.slot_at = r.slot_at) AS booked,
           EXISTS (SELECT 1 FROM hub_appointments a WHERE a.cpr = r.cpr AND a.service_code = r.code AND a.status = 'booked') AS active
         FROM unnest($1::int[], $2::text[], $3::int8[], $4::text[], $5::text[]) AS r(i, service_id, slot_at, cpr, code)`,
        [asks.map((_, i) => i), asks.map((a) => a.serviceId), asks.map((a) => a.slotAt), asks.map((a) => a.cpr), codes],
      );
      const byIndex = new Map(probes.map((p) => [p.i, p]));
      asks.forEach((a, i) => {
        if (!known.has(a.branchId)) return a.resolve(null);
        const p = byIndex.get(i)!;
        a.resolve({ catalogue: this.byBranch.get(a.branchId)!.catalogue, booked: p.booked ?? 0, active: p.active });
      });
    } catch (e) {
      for (const a of asks) a.reject(e);
    }
  }
}

/** A slot as a booking request needs it before taking a seat. */
export type SlotView = { catalogue: BranchCatalogue; booked: number; active: boolean };
