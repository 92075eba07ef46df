/**
 * Online bookings (the portal): an appointment with a seat, a reference and the citizen's details. A booking, its
 * seat and its down-log entry for the branch commit in one transaction (one statement: book-seat.ts); seats are taken
 * by a conditional upsert, so concurrent requests on any number of hub processes never overbook; one active booking per CPR and
 * service (a unique partial index, so two concurrent requests of one person cannot both win). A citizen finds a
 * booking by reference + CPR; a wrong CPR is answered exactly like an unknown reference.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import {
  bookableDays,
  bookingRulesOf,
  bookingStatus,
  checkApplicant,
  checkEligibility,
  checkSlot,
  localDayRange,
  makeReference,
  openSlots,
  parseCpr,
  parseReference,
  toWesternDigits,
  slotRuleFor,
  uuidv7,
  type ApplicantField,
  type Appointment,
  type Booking,
  type BookingStatus,
  type BranchCatalogue,
  type FieldProblem,
  type Lang,
  type SlotRefusal,
} from '@dawr/core';
import { cancelBooked, lockAppointment, moveAppointment } from './appointments';
import { bookSeat } from './book-seat';
import { CatalogueCache } from './catalogue-cache';
import type { Queryable, Sql } from './engine';

export { CatalogueCache } from './catalogue-cache';
import { releaseSeat, seatsTaken, takeSeat } from './seats';

export type BookingCode =
  | SlotRefusal
  | 'UNKNOWN_BRANCH'
  | 'SLOT_FULL'
  | 'ALREADY_BOOKED'
  | 'INVALID_FIELDS'
  | 'UNDER_FOUR'
  | 'CARD_STILL_VALID'
  | 'NOT_FOUND'
  | 'NOT_BOOKED';

/** A refused booking request: nothing was stored. `detail` says more (fields, dates) for the citizen. */
export class BookingRefused extends Error {
  constructor(
    readonly code: BookingCode,
    readonly detail: { fields?: Partial<Record<ApplicantField, FieldProblem>>; expiry?: string; renewFrom?: string } = {},
  ) {
    // An answer to the citizen, not a fault: no stack trace (capturing one cost more than the rest of a refusal).
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(code);
    Error.stackTraceLimit = limit;
  }
}

export interface BookingRequest {
  branchId: string;
  serviceId: string;
  slotAt: number;
  lang: Lang;
  /** As typed; checked here (core's checkApplicant and the seed's card rules). */
  applicant: Partial<Record<ApplicantField, unknown>>;
}

/** A booking as its holder sees it: the contract in core, which the portal reads too. */
export type { Booking } from '@dawr/core';

/** The CPR as stored (9 Western digits), or '' when what was typed is not one (it then matches nothing). */
function cprOf(typed: unknown): string {
  const cpr = typeof typed === 'string' ? toWesternDigits(typed.trim()) : '';
  return /^\d{9}$/.test(cpr) ? cpr : '';
}

const isUniqueViolation = (e: unknown, constraint: string): boolean =>
  (e as { code?: string }).code === '23505' && (e as { constraint?: string }).constraint === constraint;

/** Books a slot for a citizen; throws BookingRefused (nothing stored) when it cannot. */
export async function createBooking(sql: Sql, cache: CatalogueCache, r: BookingRequest, now: number): Promise<Booking> {
  // One query, without a lock: the catalogue (re-read only when it changed), the seats taken and whether this person
  // already holds a booking of the service. A full slot or an existing booking is refused at once (most requests for
  // the last seats); the seat itself is taken below, under the row's lock.
  const arrived = cache.seats.stamp();
  const pre = await cache.withSlot(sql, r.branchId, r.serviceId, r.slotAt, cprOf(r.applicant.cpr));
  if (!pre) throw new BookingRefused('UNKNOWN_BRANCH');
  const c = pre.catalogue;
  const slot = checkSlot(c, r.serviceId, r.slotAt, now);
  if (!slot.ok) throw new BookingRefused(slot.code);
  const tz = c.branch.timezone;
  const checked = checkApplicant(r.applicant, slot.service.code, now, tz);
  if (!checked.ok) throw new BookingRefused('INVALID_FIELDS', { fields: checked.fields });
  const person = checked.applicant;
  const eligible = checkEligibility(person, slot.service.code, now, tz);
  if (!eligible.ok) throw new BookingRefused(eligible.code, eligible.code === 'CARD_STILL_VALID' ? { expiry: eligible.expiry, renewFrom: eligible.renewFrom } : {});
  if (pre.active) throw new BookingRefused('ALREADY_BOOKED');
  const seats = slot.rule.seats;
  if (pre.booked >= seats) throw new BookingRefused('SLOT_FULL');
  const key = `${r.serviceId}|${r.slotAt}`;
  const a: Appointment = { id: uuidv7(now), branchId: r.branchId, serviceId: r.serviceId, cpr: person.cpr, slotAt: r.slotAt, status: 'booked', ticketId: null };
  const details = { name: person.name, mobile: person.mobile, email: person.email, nationality: person.nationality, birthDate: person.birthDate, cardExpiry: person.cardExpiry, lang: r.lang };
  for (let attempt = 0; ; attempt++) {
    const reference = makeReference(randomBytes(8));
    // This process's view of the slot: refused at once when an attempt sent since this request arrived found it full.
    if (!(await cache.seats.turn(key, seats, pre.booked, arrived))) throw new BookingRefused('SLOT_FULL');
    const sent = cache.seats.stamp();
    let booked: number | null = null;
    let full = false;
    try {
      // The seat, the appointment, the details and the branch's down-log entry: one statement, one transaction.
      booked = await bookSeat(sql, a, seats, slot.service.code, { reference, ...details }, now);
      full = booked === null;
    } catch (e) {
      if (isUniqueViolation(e, 'hub_appointments_one_active')) throw new BookingRefused('ALREADY_BOOKED');
      if (isUniqueViolation(e, 'hub_bookings_reference_key') && attempt < 3) continue; // one in 10^12: draw again
      throw e;
    } finally {
      cache.seats.done(key, sent, seats, booked, full);
    }
    if (booked === null) throw new BookingRefused('SLOT_FULL');
    return {
      id: a.id, reference, branchId: a.branchId, serviceId: a.serviceId, serviceCode: slot.service.code, slotAt: a.slotAt,
      slotMin: slot.rule.slotMin, status: 'booked', name: person.name, cprLast4: person.cpr.slice(-4), lang: r.lang, createdAt: now, ticketNumber: null,
      validUntil: localDayRange(r.slotAt, tz).end,
    };
  }
}

type Found = Booking & { cpr: string; appointment: Appointment; catalogue: BranchCatalogue };

/** The booking with this reference whose CPR matches, or NOT_FOUND (the same answer for either mismatch). */
async function findBooking(q: Queryable, cache: CatalogueCache, reference: string, cprInput: string, now: number): Promise<Found> {
  const cpr = parseCpr(cprInput);
  const ref = parseReference(reference);
  if (!ref) throw new BookingRefused('NOT_FOUND');
  const [row] = await q.query<{
    id: string; branch_id: string; service_id: string; service_code: string; cpr: string; slot_at: number; status: Appointment['status'];
    ticket_id: string | null; reference: string; name: string; lang: Lang; created_at: number; ticket_state: string | null; ticket_number: string | null;
  }>(
    `SELECT a.id, a.branch_id, a.service_id, a.service_code, a.cpr, a.slot_at, a.status, a.ticket_id, b.reference, b.name, b.lang, b.created_at,
       t.state AS ticket_state, t.number AS ticket_number
     FROM hub_bookings b JOIN hub_appointments a ON a.id = b.appointment_id LEFT JOIN hub_tickets t ON t.id = a.ticket_id
     WHERE b.reference = $1`,
    [ref],
  );
  const same = row && cpr.ok && timingSafeEqual(Buffer.from(row.cpr.padEnd(9)), Buffer.from(cpr.cpr.padEnd(9)));
  if (!row || !same) throw new BookingRefused('NOT_FOUND');
  const catalogue = await cache.get(q, row.branch_id);
  if (!catalogue) throw new BookingRefused('NOT_FOUND');
  const rule = slotRuleFor(catalogue, row.service_id);
  const appointment: Appointment = {
    id: row.id, branchId: row.branch_id, serviceId: row.service_id, cpr: row.cpr, slotAt: row.slot_at, status: row.status, ticketId: row.ticket_id,
  };
  return {
    id: row.id, reference: row.reference, branchId: row.branch_id, serviceId: row.service_id, serviceCode: row.service_code, slotAt: row.slot_at,
    slotMin: rule.ok ? rule.rule.slotMin : 15,
    status: bookingStatus(appointment, row.ticket_state === null ? null : { state: row.ticket_state }, now, catalogue.branch.timezone),
    name: row.name, cprLast4: row.cpr.slice(-4), lang: row.lang, createdAt: row.created_at, ticketNumber: row.ticket_number,
    validUntil: localDayRange(row.slot_at, catalogue.branch.timezone).end,
    cpr: row.cpr, appointment, catalogue,
  };
}

const publicView = ({ cpr: _cpr, appointment: _a, catalogue: _c, ...b }: Found): Booking => b;

/** A booking by reference + CPR, with its status as of `now`. */
export async function lookupBooking(sql: Sql, cache: CatalogueCache, reference: string, cpr: string, now: number): Promise<Booking> {
  return publicView(await findBooking(sql, cache, reference, cpr, now));
}

/** Moves a booking to another slot of its service at its branch (a seat there, the old one given back). */
export async function rescheduleBooking(sql: Sql, cache: CatalogueCache, reference: string, cpr: string, slotAt: number, now: number): Promise<Booking> {
  const found = await findBooking(sql, cache, reference, cpr, now);
  if (found.status !== 'booked') throw new BookingRefused('NOT_BOOKED');
  if (slotAt === found.slotAt) return publicView(found);
  const slot = checkSlot(found.catalogue, found.serviceId, slotAt, now);
  if (!slot.ok) throw new BookingRefused(slot.code);
  await sql.tx(async (q) => {
    const a = await lockAppointment(q, found.id);
    if (a.status !== 'booked' || a.slotAt !== found.slotAt) throw new BookingRefused('NOT_BOOKED');
    // Seat rows in key order, so two bookings swapping slots cannot deadlock.
    const give = () => releaseSeat(q, a);
    const take = async () => {
      if (!(await takeSeat(q, { ...a, slotAt }, slot.rule.seats))) throw new BookingRefused('SLOT_FULL');
    };
    if (a.slotAt < slotAt) await give().then(take);
    else await take().then(give);
    await moveAppointment(q, a, slotAt, now);
  });
  return { ...publicView(found), slotAt, slotMin: slot.rule.slotMin, validUntil: localDayRange(slotAt, found.catalogue.branch.timezone).end };
}

/** Cancels a booking that is still booked; its seat is given back. */
export async function cancelBooking(sql: Sql, cache: CatalogueCache, reference: string, cpr: string, now: number): Promise<Booking> {
  const found = await findBooking(sql, cache, reference, cpr, now);
  if (found.status !== 'booked') throw new BookingRefused('NOT_BOOKED');
  await sql.tx(async (q) => {
    const a = await lockAppointment(q, found.id);
    if (a.status !== 'booked') throw new BookingRefused('NOT_BOOKED');
    await releaseSeat(q, a);
    await cancelBooked(q, a, now);
  });
  return { ...publicView(found), status: 'cancelled' };
}

/** The catalogue and slot rule of a bookable service, or why it cannot be booked. */
async function bookable(q: Queryable, cache: CatalogueCache, branchId: string, serviceId: string) {
  const c = await cache.get(q, branchId);
  if (!c) throw new BookingRefused('UNKNOWN_BRANCH');
  const r = slotRuleFor(c, serviceId);
  if (!r.ok) throw new BookingRefused(r.code);
  return { c, rule: r.rule };
}

/** A day's bookable slots of a service with their free seats (0: full). */
export async function daySlots(sql: Sql, cache: CatalogueCache, branchId: string, serviceId: string, day: string, now: number) {
  const { c, rule } = await bookable(sql, cache, branchId, serviceId);
  const starts = openSlots(c, serviceId, day, now);
  if (starts.length === 0) return { day, slotMin: rule.slotMin, slots: [] as { at: number; free: number }[] };
  const taken = await seatsTaken(sql, serviceId, starts[0]!, starts.at(-1)! + 1);
  return { day, slotMin: rule.slotMin, slots: starts.map((at) => ({ at, free: Math.max(0, rule.seats - (taken.get(at) ?? 0)) })) };
}

/** The horizon's bookable days of a service with their free seats in total. */
export async function bookingDays(sql: Sql, cache: CatalogueCache, branchId: string, serviceId: string, now: number) {
  const { c, rule } = await bookable(sql, cache, branchId, serviceId);
  const days = bookableDays(c, serviceId, now);
  if (days.length === 0) return { days: [] as { day: string; free: number }[] };
  const from = localDayRange(now, c.branch.timezone).start;
  const taken = await seatsTaken(sql, serviceId, from, from + (bookingRulesOf(c).horizonDays + 1) * 86_400_000);
  return {
    days: days.map((day) => ({
      day,
      free: openSlots(c, serviceId, day, now).reduce((sum, at) => sum + Math.max(0, rule.seats - (taken.get(at) ?? 0)), 0),
    })),
  };
}

/**
 * How many bookings are stored, seats taken in all, and people holding two active bookings of one service (always
 * 0: the unique index), for the tests' "nothing stored" and the contention checks.
 */
export async function bookingCensus(q: Queryable): Promise<{ bookings: number; seats: number; doubleBooked: number }> {
  const [r] = await q.query<{ bookings: number; seats: number; doubleBooked: number }>(
    `SELECT (SELECT COUNT(*)::int8 FROM hub_bookings) AS bookings, (SELECT COALESCE(SUM(booked), 0)::int8 FROM hub_slots) AS seats,
       (SELECT COUNT(*)::int8 FROM (SELECT 1 FROM hub_appointments WHERE status = 'booked' AND service_code IS NOT NULL
          GROUP BY cpr, service_code HAVING COUNT(*) > 1) d) AS "doubleBooked"`,
  );
  return r!;
}
