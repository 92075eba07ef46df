/**
 * No overbooking at national scale (issue 10): two hub processes on one real PostgreSQL, 1 000 booking requests at
 * once for the last 10 seats of a slot (900 people, 100 asking twice, each time at the other hub) → exactly 10
 * bookings, each with its seat and its down-log entry, nobody with two active bookings of the service, every other
 * request a clear refusal.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rush, RUSH } from '../helpers/booking-contention';
import { startPostgres, type TestPostgres } from '../helpers/postgres';

describe('booking contention on PostgreSQL', () => {
  let pg: TestPostgres;
  beforeAll(async () => {
    pg = await startPostgres();
  }, 120_000);
  afterAll(() => pg?.stop());

  it('1 000 requests for 10 remaining seats across two hub processes: exactly 10 booked', async () => {
    const r = await rush(pg.createDatabase('booking_rush'));
    const [round] = r.rounds;
    expect(round!.booked).toBe(RUSH.seats - RUSH.taken);
    // Every other answer is a refusal with its reason: the slot is full, or that person already holds one.
    expect(Object.keys(round!.answers)).toEqual(expect.arrayContaining(['ok', 'SLOT_FULL']));
    expect(Object.keys(round!.answers).every((code) => ['ok', 'SLOT_FULL', 'ALREADY_BOOKED'].includes(code))).toBe(true);
    expect(Object.values(round!.answers).reduce((a, b) => a + b, 0)).toBe(RUSH.requests);
    // The warm-up's own slot (renewal, 3 seats) is full too; nothing else was stored or sent down.
    expect(r.warmBooked).toBe(3);
    expect(r.census).toEqual({ bookings: RUSH.seats + r.warmBooked, seats: RUSH.seats + r.warmBooked, doubleBooked: 0 });
    expect(r.sentDown).toBe(RUSH.seats + r.warmBooked);
    // The bare baseline ran on the same database: its row took exactly its 10 seats too.
    expect(round!.bare.booked).toBe(10);
  }, 180_000);
});
