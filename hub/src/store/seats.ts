/**
 * Seats of online-booking slots. A seat is taken by one conditional upsert: the slot's row is made with its first
 * seat taken, or its count goes up only while it is below the seats the catalogue gives now. PostgreSQL locks the
 * row for the statement, so concurrent bookings, from any number of hub processes, never take more seats than
 * there are; the caller's transaction holds the row until it commits or rolls back.
 */
import type { Queryable } from './engine';

export interface SlotKey {
  branchId: string;
  serviceId: string;
  slotAt: number;
}

/** Takes one seat (inside the caller's transaction); false when the slot is full. */
export async function takeSeat(q: Queryable, slot: SlotKey, seats: number): Promise<boolean> {
  if (seats < 1) return false;
  const rows = await q.query(
    `INSERT INTO hub_slots (service_id, slot_at, branch_id, seats, booked) VALUES ($1, $2, $3, $4, 1)
     ON CONFLICT (service_id, slot_at) DO UPDATE SET booked = hub_slots.booked + 1, seats = EXCLUDED.seats
     WHERE hub_slots.booked < EXCLUDED.seats
     RETURNING booked`,
    [slot.serviceId, slot.slotAt, slot.branchId, seats],
  );
  return rows.length === 1;
}

/** Takes a seat whatever the count (centre staff moving a booking decide so). */
export async function forceSeat(q: Queryable, slot: SlotKey, seats: number): Promise<void> {
  await q.query(
    `INSERT INTO hub_slots (service_id, slot_at, branch_id, seats, booked) VALUES ($1, $2, $3, $4, 1)
     ON CONFLICT (service_id, slot_at) DO UPDATE SET booked = hub_slots.booked + 1`,
    [slot.serviceId, slot.slotAt, slot.branchId, seats],
  );
}

/** Gives a seat back (a booking cancelled or moved away). */
export async function releaseSeat(q: Queryable, slot: Omit<SlotKey, 'branchId'>): Promise<void> {
  await q.query('UPDATE hub_slots SET booked = booked - 1 WHERE service_id = $1 AND slot_at = $2 AND booked > 0', [slot.serviceId, slot.slotAt]);
}

/** Seats taken per slot start of a service in [from, to). */
export async function seatsTaken(q: Queryable, serviceId: string, from: number, to: number): Promise<Map<number, number>> {
  const rows = await q.query<{ slot_at: number; booked: number }>(
    'SELECT slot_at, booked FROM hub_slots WHERE service_id = $1 AND slot_at >= $2 AND slot_at < $3',
    [serviceId, from, to],
  );
  return new Map(rows.map((r) => [r.slot_at, r.booked]));
}
