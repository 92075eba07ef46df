/**
 * Cards ready for collection at this branch (sent down by the centre): found by CPR when a collection ticket is
 * issued and linked to it; collected when that ticket is served. Also the applications for collection here the
 * centre is still making (card_pending), until their card is ready.
 */
import type { CardPickup, PendingCard } from '@dawr/core';
import type { Db } from '../open';

interface PickupRow {
  id: string;
  reference: string;
  branch_id: string;
  cpr: string;
  name: string;
  status: CardPickup['status'];
  ready_at: number;
  ticket_id: string | null;
  collected_at: number | null;
}

/** A pickup with the ticket it is linked to. */
export type LinkedPickup = CardPickup & { ticketId: string | null; collectedAt: number | null };

const toPickup = (r: PickupRow): LinkedPickup => ({
  id: r.id,
  reference: r.reference,
  branchId: r.branch_id,
  cpr: r.cpr,
  name: r.name,
  status: r.status,
  readyAt: r.ready_at,
  ticketId: r.ticket_id,
  collectedAt: r.collected_at,
});

export class PickupRepo {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      upsert: db.prepare(
        `INSERT INTO card_pickups (id, reference, branch_id, cpr, name, status, ready_at)
         VALUES (@id, @reference, @branchId, @cpr, @name, @status, @readyAt)
         ON CONFLICT (id) DO UPDATE SET reference = excluded.reference,
           cpr = CASE WHEN card_pickups.status = 'collected' THEN card_pickups.cpr ELSE excluded.cpr END,
           name = CASE WHEN card_pickups.status = 'collected' THEN card_pickups.name ELSE excluded.name END,
           ready_at = excluded.ready_at,
           status = CASE WHEN card_pickups.status = 'collected' THEN card_pickups.status ELSE excluded.status END`,
      ),
      get: db.prepare('SELECT * FROM card_pickups WHERE id = ?'),
      readyFor: db.prepare("SELECT * FROM card_pickups WHERE branch_id = ? AND cpr = ? AND status = 'ready' ORDER BY ready_at LIMIT 1"),
      link: db.prepare('UPDATE card_pickups SET ticket_id = ? WHERE id = ?'),
      forTicket: db.prepare('SELECT * FROM card_pickups WHERE ticket_id = ? LIMIT 1'),
      collect: db.prepare("UPDATE card_pickups SET status = 'collected', collected_at = ? WHERE id = ? AND status = 'ready'"),
      // A card already sent down as ready (or collected) is past pending: a late pending change does not bring it back.
      pending: db.prepare(
        `INSERT INTO card_pending (id, reference, branch_id, cpr, status, at)
         SELECT @id, @reference, @branchId, @cpr, @status, @at WHERE NOT EXISTS (SELECT 1 FROM card_pickups WHERE id = @id)
         ON CONFLICT (id) DO UPDATE SET reference = excluded.reference, cpr = excluded.cpr, status = excluded.status, at = excluded.at`,
      ),
      pendingFor: db.prepare('SELECT * FROM card_pending WHERE branch_id = ? AND cpr = ? ORDER BY at LIMIT 1'),
      dropPending: db.prepare('DELETE FROM card_pending WHERE id = ?'),
      reduce: db.prepare(
        "UPDATE card_pickups SET cpr = '*****' || substr(cpr, -4), name = '' WHERE branch_id = ? AND status = 'collected' AND collected_at < ? AND cpr NOT LIKE '*%'",
      ),
    };
  }

  /**
   * Stores a card as the centre sent it (and forgets it as pending); applying the same one twice is harmless, and a
   * collected card stays collected.
   */
  upsert(p: CardPickup): void {
    this.s.upsert.run(p);
    this.s.dropPending.run(p.id);
  }

  /** Stores (or updates) an application still being made for collection here; ignored once its card is ready. */
  upsertPending(p: PendingCard): void {
    this.s.pending.run(p);
  }

  /** Forgets an application still being made that no longer comes here (cancelled, or its pickup moved elsewhere). */
  withdrawPending(id: string): void {
    this.s.dropPending.run(id);
  }

  /** The application still being made for collection here for this CPR (the oldest, should there be two), or undefined. */
  pendingFor(branchId: string, cpr: string): PendingCard | undefined {
    const r = this.s.pendingFor.get(branchId, cpr) as { id: string; reference: string; branch_id: string; cpr: string; status: PendingCard['status']; at: number } | undefined;
    return r && { id: r.id, reference: r.reference, branchId: r.branch_id, cpr: r.cpr, status: r.status, at: r.at };
  }

  get(id: string): LinkedPickup | undefined {
    const r = this.s.get.get(id) as PickupRow | undefined;
    return r && toPickup(r);
  }

  /** The card waiting here for this CPR (the oldest, should there be two), or undefined. */
  readyFor(branchId: string, cpr: string): LinkedPickup | undefined {
    const r = this.s.readyFor.get(branchId, cpr) as PickupRow | undefined;
    return r && toPickup(r);
  }

  /** Links a ready card to the collection ticket just issued for it (a later ticket replaces an unused one). */
  linkTicket(id: string, ticketId: string): void {
    this.s.link.run(ticketId, id);
  }

  /** The card a ticket was issued to collect, or undefined. */
  forTicket(ticketId: string): LinkedPickup | undefined {
    const r = this.s.forTicket.get(ticketId) as PickupRow | undefined;
    return r && toPickup(r);
  }

  /** Marks a ready card collected; false when it was not ready. */
  markCollected(id: string, at: number): boolean {
    return this.s.collect.run(at, id).changes > 0;
  }

  /**
   * Reduces the CPR of cards collected before `before` to its last 4 digits and forgets the holder's name
   * (retention: the collection is over). A replayed "ready" change keeps a collected card as it is. Returns how many.
   */
  reduceCollectedBefore(branchId: string, before: number): number {
    return this.s.reduce.run(branchId, before).changes;
  }
}
