/**
 * An online booking written by one statement, so one round trip to the database: the seat (seats.ts's conditional
 * upsert), the appointment, the citizen's details and the branch's down-log entry (sync-down.ts's counter and
 * entry). A statement is its own transaction: all of it commits, or none (a full slot writes nothing; a second
 * active booking of the person or a reference drawn twice fails the whole statement on its unique index).
 */
import type { Appointment } from '@dawr/core';
import type { Queryable } from './engine';
import { appendDownCtes } from './sync-down';

/** The citizen's details kept beside the appointment. */
export interface BookingDetails {
  reference: string;
  name: string;
  mobile: string;
  email: string;
  nationality: string;
  birthDate: string;
  cardExpiry: string | null;
  lang: string;
}

const BOOK = `WITH seat AS (
    INSERT INTO hub_slots (service_id, slot_at, branch_id, seats, booked) VALUES ($1::text, $2::int8, $3::text, $4::int, 1)
    ON CONFLICT (service_id, slot_at) DO UPDATE SET booked = hub_slots.booked + 1, seats = EXCLUDED.seats
    WHERE hub_slots.booked < EXCLUDED.seats
    RETURNING booked),
  appointment AS (
    INSERT INTO hub_appointments (id, branch_id, service_id, cpr, slot_at, status, ticket_id, created_at, updated_at, service_code)
    SELECT $5::text, $3::text, $1::text, $6::text, $2::int8, 'booked', NULL, $7::int8, $7::int8, $8::text FROM seat
    RETURNING id),
  details AS (
    INSERT INTO hub_bookings (appointment_id, reference, name, mobile, email, nationality, birth_date, card_expiry, lang, created_at)
    SELECT id, $9::text, $10::text, $11::text, $12::text, $13::text, $14::text, $15::text, $16::text, $7::int8 FROM appointment
    RETURNING appointment_id),
  ${appendDownCtes('details', { branch: '$3::text', type: "'appointment.created'", payload: '$17::jsonb', now: '$7::int8' })}
  SELECT (SELECT booked FROM seat) AS booked, (SELECT seq FROM down_entry) AS seq`;

/**
 * Takes a seat of `a`'s slot (at most `seats`) and stores the booked appointment with its details and its
 * appointment.created change for the branch, in one statement. Returns the seats taken after it, or null when the
 * slot was full (nothing written). Throws the database's unique violation for a second active booking of the
 * person (hub_appointments_one_active) or a reference already used (hub_bookings_reference_key).
 */
export async function bookSeat(q: Queryable, a: Appointment, seats: number, serviceCode: string, d: BookingDetails, now: number): Promise<number | null> {
  if (seats < 1) return null;
  const [row] = await q.query<{ booked: number | null }>(BOOK, [
    a.serviceId, a.slotAt, a.branchId, seats, a.id, a.cpr, now, serviceCode,
    d.reference, d.name, d.mobile, d.email, d.nationality, d.birthDate, d.cardExpiry, d.lang,
    JSON.stringify({ appointment: a }),
  ], 'book_seat');
  return row?.booked ?? null;
}
