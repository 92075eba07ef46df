/**
 * The catalogues as the booking path reads them: each branch's document cached with its version (re-read only when it
 * changed), and a rush's prechecks asked together, one query at a time, so the last seats of a slot cost the database
 * one query per round trip rather than one per request.
 */
import type { BranchCatalogue } from '@dawr/core';
import type { Queryable } from './engine';
import { SeatGate } from './seat-gate';

/** Each branch's catalogue as last read, with its version: a request re-reads the document only when it changed. */
export class CatalogueCache {
  /** What this process has seen of its slots' seats (a fast path for full slots; the database decides). */
  readonly seats = new SeatGate();
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
   * the service (by its code); null for an unknown branch. Requests are asked together, one query at a time: those
   * that arrive while a query is out wait for it and go in the next (a rush on the last seats costs the database a
   * query per round trip, not one per request; a lone request goes at once). Nothing is locked: the seat itself is
   * taken under the row's lock.
   */
  withSlot(q: Queryable, branchId: string, serviceId: string, slotAt: number, cpr: string): Promise<SlotView | null> {
    return new Promise((resolve, reject) => {
      this.asks.push({ branchId, serviceId, slotAt: Number.isSafeInteger(slotAt) ? slotAt : 0, cpr, resolve, reject });
      if (this.asks.length === 1 && !this.flushing) setImmediate(() => void this.flush(q));
    });
  }

  private asks: Ask[] = [];
  private flushing = false;

  private async flush(q: Queryable): Promise<void> {
    const asks = this.asks;
    this.asks = [];
    this.flushing = true;
    try {
      const views = await this.probe(q, asks);
      asks.forEach((a, i) => a.resolve(views[i]!));
    } catch (e) {
      for (const a of asks) a.reject(e);
    } finally {
      this.flushing = false;
      if (this.asks.length > 0) setImmediate(() => void this.flush(q));
    }
  }

  /** The service's code as the cached catalogue gives it ('' when unknown: it matches no booking). */
  private codeOf(a: Ask): string {
    return this.byBranch.get(a.branchId)?.catalogue.services.find((s) => s.id === a.serviceId)?.code ?? '';
  }

  /**
   * One query for every ask: the catalogues' versions (a document only when it changed) and each slot's seats and
   * person's active booking, by the codes the cached catalogues give. Asks whose code the fresh catalogue changes (a
   * branch seen for the first time) are asked again.
   */
  private async probe(q: Queryable, asks: Ask[]): Promise<(SlotView | null)[]> {
    const branches = [...new Set(asks.map((a) => a.branchId))];
    const sentCodes = asks.map((a) => this.codeOf(a));
    const rows = await q.query<{ branch_id: string | null; version: number | null; doc: BranchCatalogue | null; i: number | null; booked: number | null; active: boolean | null }>(
      `SELECT c.branch_id, c.version, CASE WHEN c.version = v.version THEN NULL ELSE c.doc END AS doc, NULL::int AS i, NULL::int AS booked, NULL::bool AS active
       FROM hub_catalogues c JOIN unnest($1::text[], $2::int[]) AS v(branch_id, version) ON v.branch_id = c.branch_id
       UNION ALL
       SELECT NULL, NULL, NULL, r.i, (SELECT booked FROM hub_slots s WHERE s.service_id = r.service_id AND s.slot_at = r.slot_at),
         EXISTS (SELECT 1 FROM hub_appointments a WHERE a.cpr = r.cpr AND a.service_code = r.code AND a.status = 'booked')
       FROM unnest($3::int[], $4::text[], $5::int8[], $6::text[], $7::text[]) AS r(i, service_id, slot_at, cpr, code)`,
      [
        branches, branches.map((b) => this.byBranch.get(b)?.version ?? -1),
        asks.map((_, i) => i), asks.map((a) => a.serviceId), asks.map((a) => a.slotAt), asks.map((a) => a.cpr), sentCodes,
      ],
      'booking_precheck',
    );
    const known = new Set<string>();
    const byIndex = new Map<number, { booked: number | null; active: boolean }>();
    for (const r of rows) {
      if (r.i !== null) byIndex.set(r.i, { booked: r.booked, active: r.active ?? false });
      else {
        known.add(r.branch_id!);
        if (r.doc) this.byBranch.set(r.branch_id!, { version: r.version!, catalogue: r.doc });
      }
    }
    const again = asks.map((a, i) => (known.has(a.branchId) && this.codeOf(a) !== sentCodes[i] ? i : -1)).filter((i) => i >= 0);
    if (again.length > 0) {
      const fresh = await q.query<{ i: number; active: boolean }>(
        `SELECT r.i, EXISTS (SELECT 1 FROM hub_appointments a WHERE a.cpr = r.cpr AND a.service_code = r.code AND a.status = 'booked') AS active
         FROM unnest($1::int[], $2::text[], $3::text[]) AS r(i, cpr, code)`,
        [again, again.map((i) => asks[i]!.cpr), again.map((i) => this.codeOf(asks[i]!))],
      );
      for (const f of fresh) byIndex.get(f.i)!.active = f.active;
    }
    return asks.map((a, i) => {
      if (!known.has(a.branchId)) return null;
      const p = byIndex.get(i)!;
      return { catalogue: this.byBranch.get(a.branchId)!.catalogue, booked: p.booked ?? 0, active: p.active };
    });
  }
}

type Ask = { branchId: string; serviceId: string; slotAt: number; cpr: string; resolve: (v: SlotView | null) => void; reject: (e: unknown) => void };

/** A slot as a booking request needs it before taking a seat. */
export type SlotView = { catalogue: BranchCatalogue; booked: number; active: boolean };
