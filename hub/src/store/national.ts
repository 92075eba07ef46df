/**
 * The national live picture from the hub's projections: per branch, today's queues by service, the longest wait,
 * counters open, tickets today, and when the branch was last heard from. "Today" and waits use the branch's own
 * clock (the hub's clock minus the branch's last reported offset), so a branch whose clock differs still reads right.
 */
import { localDay, type BranchCatalogue, type BranchLive } from '@dawr/core';
import type { Queryable } from './engine';

/** The live figures of one branch at hub time `now`. */
export async function branchLive(q: Queryable, catalogue: BranchCatalogue, now: number): Promise<BranchLive> {
  const branchId = catalogue.branch.id;
  // Last contact is any authenticated sync request (branch_contact), or an up batch recorded before that table.
  const [contact] = await q.query<{ last_contact: number | null; clock_offset: number | null }>(
    `SELECT GREATEST((SELECT last_contact FROM branch_contact WHERE branch_id = $1),
                     (SELECT MAX(last_contact) FROM sync_cursors WHERE branch_id = $1)) AS last_contact,
            (SELECT clock_offset FROM sync_cursors WHERE branch_id = $1 ORDER BY last_contact DESC LIMIT 1) AS clock_offset`,
    [branchId],
  );
  const branchNow = now - (contact?.clock_offset ?? 0);
  const day = localDay(branchNow, catalogue.branch.timezone);
  const rows = await q.query<{ service_id: string; waiting: number; issued: number; served: number; oldest: number | null }>(
    `SELECT service_id,
            COUNT(*) FILTER (WHERE state = 'waiting')::int8 AS waiting,
            COUNT(*)::int8 AS issued,
            COUNT(*) FILTER (WHERE state = 'done')::int8 AS served,
            MIN(arrived_at) FILTER (WHERE state = 'waiting') AS oldest
     FROM hub_tickets WHERE branch_id = $1 AND day = $2 GROUP BY service_id`,
    [branchId, day],
  );
  const byService = new Map(rows.map((r) => [r.service_id, r]));
  const [counters] = await q.query<{ open: number; total: number }>(
    'SELECT COUNT(*) FILTER (WHERE open)::int8 AS open, COUNT(*)::int8 AS total FROM hub_counters WHERE branch_id = $1',
    [branchId],
  );
  const reported = (counters?.total ?? 0) > 0;
  const oldest = rows.map((r) => r.oldest).filter((x): x is number => x !== null);
  const services = catalogue.services
    .filter((s) => s.active)
    .map((s) => {
      const r = byService.get(s.id);
      return { serviceId: s.id, name: s.name, waiting: r?.waiting ?? 0, issued: r?.issued ?? 0, served: r?.served ?? 0 };
    });
  return {
    branchId,
    name: catalogue.branch.name,
    day,
    services,
    waiting: services.reduce((n, s) => n + s.waiting, 0),
    ticketsToday: rows.reduce((n, r) => n + r.issued, 0),
    servedToday: rows.reduce((n, r) => n + r.served, 0),
    longestWaitMin: oldest.length ? Math.max(0, Math.floor((branchNow - Math.min(...oldest)) / 60_000)) : null,
    countersOpen: reported ? counters!.open : catalogue.counters.filter((c) => c.open).length,
    countersTotal: reported ? counters!.total : catalogue.counters.length,
    lastContact: contact?.last_contact ?? null,
  };
}

/**
 * Records that a branch reached the hub with a valid credential at hub time `now` (an up batch or a pull: a branch
 * that only pulls is still in contact). Never moves the contact back. Returns the contact before this one, or null.
 */
export async function recordContact(q: Queryable, branchId: string, now: number): Promise<number | null> {
  const [row] = await q.query<{ previous: number | null }>(
    `WITH prev AS (SELECT last_contact FROM branch_contact WHERE branch_id = $1)
     INSERT INTO branch_contact (branch_id, last_contact) VALUES ($1, $2)
     ON CONFLICT (branch_id) DO UPDATE SET last_contact = GREATEST(branch_contact.last_contact, EXCLUDED.last_contact)
     RETURNING (SELECT last_contact FROM prev) AS previous`,
    [branchId, now],
  );
  return row?.previous ?? null;
}
