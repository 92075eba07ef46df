/**
 * Each branch's service-level targets, as its manager set them at the branch (report.target.set v1, synced up):
 * the centre's reports judge a branch's services by them, the others by the default. Applied in seq order when the
 * cursor advances, so a replayed batch changes nothing; a payload that does not read is left in branch_events.
 */
import { REPORT_TARGET_UP, ReportTargetUpSchema, type UpBatch } from '@dawr/core';
import type { ServiceTarget } from '@dawr/core/reports';
import type { Queryable } from './engine';

type Ev = Pick<UpBatch['events'][number], 'seq' | 'type' | 'typeVersion' | 'payload'>;

/**
 * Applies the target events of seqs `after`+1…`upTo` of (branch, epoch). `inBatch` holds those events when the batch
 * carried all of them (no read needed); null: read them from branch_events.
 */
export async function applyReportTargets(q: Queryable, branchId: string, epoch: string, after: number, upTo: number, inBatch: readonly Ev[] | null): Promise<void> {
  const events = inBatch
    ? inBatch.filter((e) => e.type === REPORT_TARGET_UP && e.typeVersion === 1)
    : await q.query<Ev>(
        `SELECT seq, type, type_version AS "typeVersion", payload FROM branch_events
         WHERE branch_id = $1 AND epoch = $2 AND seq > $3 AND seq <= $4 AND type = $5 AND type_version = 1 ORDER BY seq`,
        [branchId, epoch, after, upTo, REPORT_TARGET_UP],
      );
  for (const e of [...events].sort((a, b) => a.seq - b.seq)) {
    const p = ReportTargetUpSchema.safeParse(e.payload);
    if (!p.success) continue;
    const t = p.data;
    if (t.share === null || t.withinMin === null) {
      await q.query('DELETE FROM hub_report_targets WHERE branch_id = $1 AND service_id = $2', [branchId, t.serviceId]);
    } else {
      await q.query(
        `INSERT INTO hub_report_targets (branch_id, service_id, within_min, share, epoch, seq) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (branch_id, service_id) DO UPDATE SET within_min = EXCLUDED.within_min, share = EXCLUDED.share,
           epoch = EXCLUDED.epoch, seq = EXCLUDED.seq`,
        [branchId, t.serviceId, t.withinMin, t.share, epoch, Number(e.seq)],
      );
    }
  }
}

/** The targets each branch set, by branch then service id (all branches, or `branchIds`); none set: absent. */
export async function reportTargets(q: Queryable, branchIds: readonly string[] | null = null): Promise<Map<string, Record<string, ServiceTarget>>> {
  const rows = await q.query<{ branch_id: string; service_id: string; within_min: number; share: number }>(
    `SELECT branch_id, service_id, within_min, share FROM hub_report_targets
     WHERE $1::text[] IS NULL OR branch_id = ANY($1::text[])`,
    [branchIds],
  );
  const out = new Map<string, Record<string, ServiceTarget>>();
  for (const r of rows) {
    let b = out.get(r.branch_id);
    if (!b) out.set(r.branch_id, (b = {}));
    b[r.service_id] = { withinMin: Number(r.within_min), share: Number(r.share) };
  }
  return out;
}
