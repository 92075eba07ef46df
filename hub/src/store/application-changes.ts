/**
 * The citizen's own changes to the application they submitted online (signed in with the e-key): another pickup
 * until the card has left the centre (ready at a branch, or posted), or a cancel until production starts. Each
 * commits with its history row and the down changes that keep the branches' copies right: the branch the card no
 * longer comes to is told it is withdrawn, the new pickup branch that it is being made there.
 */
import { canCancel, canChangePickup, CARD_WITHDRAWN_DOWN, type CardApplication, type Pickup } from '@dawr/core';
import { ApplicationRefused, handoverBranches, history, pendingDown, toApplication, type Row } from './applications';
import type { Queryable, Sql } from './engine';
import { appendDown } from './sync-down';

/** Locks the citizen's own application; someone else's is "not found" (its existence is not theirs to learn). */
async function lockOwn(q: Queryable, id: string, cpr: string): Promise<Row> {
  const [r] = await q.query<Row>('SELECT * FROM hub_applications WHERE id = $1 FOR UPDATE', [id]);
  if (!r || r.cpr !== cpr) throw new ApplicationRefused('NOT_FOUND');
  return r;
}

/** Tells the pickup branch, in the caller's transaction, that the card it was told about no longer comes to it. */
async function withdrawDown(q: Queryable, a: CardApplication, now: number): Promise<void> {
  if (a.pickup.kind !== 'branch') return;
  await appendDown(q, a.pickup.branchId, CARD_WITHDRAWN_DOWN, 1, { card: { id: a.id, branchId: a.pickup.branchId } }, now);
}

/** What a pickup change leaves in the history (the address itself stays on the application). */
const pickupDetail = (p: Pickup): string => (p.kind === 'branch' ? `pickup:branch:${p.branchId}` : 'pickup:post');

/**
 * The citizen chooses another pickup (core's canChangePickup): refused TOO_LATE_TO_CHANGE once the card is ready or posted,
 * NOT_HANDOVER_BRANCH for a branch that does not hand cards over.
 */
export async function changePickup(sql: Sql, id: string, cpr: string, pickup: Pickup, now: number): Promise<CardApplication> {
  return sql.tx(async (q) => {
    const r = await lockOwn(q, id, cpr);
    if (!canChangePickup(r.status)) throw new ApplicationRefused('TOO_LATE_TO_CHANGE');
    if (pickup.kind === 'branch' && !(await handoverBranches(q)).some((b) => b.id === pickup.branchId)) {
      throw new ApplicationRefused('NOT_HANDOVER_BRANCH');
    }
    const before = toApplication(r);
    const [row] = await q.query<Row>(
      'UPDATE hub_applications SET pickup = $2, branch_id = $3, address = $4, updated_at = $5 WHERE id = $1 RETURNING *',
      [id, pickup.kind, pickup.kind === 'branch' ? pickup.branchId : null, pickup.kind === 'post' ? pickup.address : null, now],
    );
    const after = toApplication(row!);
    const sameBranch = before.pickup.kind === 'branch' && after.pickup.kind === 'branch' && before.pickup.branchId === after.pickup.branchId;
    if (!sameBranch) {
      await withdrawDown(q, before, now);
      await pendingDown(q, after, now);
    }
    await history(q, id, after.status, 'citizen', now, pickupDetail(after.pickup));
    return after;
  });
}

/** The citizen cancels (core's canCancel): refused TOO_LATE_TO_CANCEL once production has started. They may then apply again. */
export async function cancelApplication(sql: Sql, id: string, cpr: string, now: number): Promise<CardApplication> {
  return sql.tx(async (q) => {
    const r = await lockOwn(q, id, cpr);
    if (!canCancel(r.status)) throw new ApplicationRefused('TOO_LATE_TO_CANCEL');
    const [row] = await q.query<Row>("UPDATE hub_applications SET status = 'cancelled', updated_at = $2 WHERE id = $1 RETURNING *", [id, now]);
    const a = toApplication(row!);
    await withdrawDown(q, a, now);
    await history(q, id, 'cancelled', 'citizen', now);
    return a;
  });
}
