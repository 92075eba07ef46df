/**
 * Appointments at the centre (domain.md: owned by the centre). Each change commits with its down-log entry for the
 * branch, so the branch gets it exactly once. A check-in that comes back up for an appointment the centre
 * cancelled meanwhile is recorded as a conflict for the managers, never merged silently. The steps inside a
 * transaction (insert, move, cancel) are shared with online bookings (bookings.ts), which add seats; when centre
 * staff move or cancel an online booking here, its seats follow.
 */
import { slotRuleFor, uuidv7, type Appointment, type BranchCatalogue } from '@dawr/core';
import type { Queryable, Sql } from './engine';
import { forceSeat, releaseSeat } from './seats';
import { appendDown } from './sync-down';

/** A refused change, with a code the API turns into a message in the caller's language. */
export class AppointmentRefused extends Error {
  constructor(readonly code: 'UNKNOWN_BRANCH' | 'UNKNOWN_SERVICE' | 'NO_APPOINTMENTS' | 'NOT_FOUND' | 'NOT_BOOKED' | 'BAD_CPR' | 'BAD_SLOT') {
    super(code);
  }
}

type Row = {
  id: string; branch_id: string; service_id: string; cpr: string; slot_at: number; status: Appointment['status']; ticket_id: string | null;
  service_code: string | null;
};
const toAppointment = (r: Row): Appointment => ({
  id: r.id, branchId: r.branch_id, serviceId: r.service_id, cpr: r.cpr, slotAt: r.slot_at, status: r.status, ticketId: r.ticket_id,
});

/** An appointment locked for change (inside the caller's transaction), and whether it is an online booking. */
export async function lockAppointment(q: Queryable, id: string): Promise<Appointment & { online: boolean }> {
  const [r] = await q.query<Row>('SELECT * FROM hub_appointments WHERE id = $1 FOR UPDATE', [id]);
  if (!r) throw new AppointmentRefused('NOT_FOUND');
  return { ...toAppointment(r), online: r.service_code !== null };
}

/** Inserts a booked appointment and queues it for its branch (inside the caller's transaction). */
export async function insertAppointment(q: Queryable, a: Appointment, serviceCode: string | null, now: number): Promise<void> {
  await q.query(
    `INSERT INTO hub_appointments (id, branch_id, service_id, cpr, slot_at, status, ticket_id, created_at, updated_at, service_code)
     VALUES ($1, $2, $3, $4, $5, 'booked', NULL, $6, $6, $7)`,
    [a.id, a.branchId, a.serviceId, a.cpr, a.slotAt, now, serviceCode],
  );
  await appendDown(q, a.branchId, 'appointment.created', 1, { appointment: a }, now);
}

/** Moves a locked, booked appointment to `slotAt` and queues the change (inside the caller's transaction). */
export async function moveAppointment(q: Queryable, a: Appointment, slotAt: number, now: number): Promise<Appointment> {
  const moved = { ...a, slotAt };
  await q.query('UPDATE hub_appointments SET slot_at = $2, updated_at = $3 WHERE id = $1', [a.id, slotAt, now]);
  await appendDown(q, a.branchId, 'appointment.rescheduled', 1, { appointment: toPlain(moved) }, now);
  return moved;
}

/** Cancels a locked, booked appointment and queues the change (inside the caller's transaction). */
export async function cancelBooked(q: Queryable, a: Appointment, now: number): Promise<Appointment> {
  const cancelled = { ...a, status: 'cancelled' as const };
  await q.query("UPDATE hub_appointments SET status = 'cancelled', updated_at = $2 WHERE id = $1", [a.id, now]);
  await appendDown(q, a.branchId, 'appointment.cancelled', 1, { appointment: toPlain(cancelled) }, now);
  return cancelled;
}

/** The appointment as the branch receives it (nothing of the hub's own bookkeeping). */
const toPlain = (a: Appointment): Appointment => ({
  id: a.id, branchId: a.branchId, serviceId: a.serviceId, cpr: a.cpr, slotAt: a.slotAt, status: a.status, ticketId: a.ticketId,
});

/** Books an appointment for a branch's service that takes appointments. */
export async function createAppointment(sql: Sql, input: { branchId: string; serviceId: string; cpr: string; slotAt: number }, now: number): Promise<Appointment> {
  if (!/^\d{9}$/.test(input.cpr)) throw new AppointmentRefused('BAD_CPR');
  if (!Number.isSafeInteger(input.slotAt) || input.slotAt <= 0) throw new AppointmentRefused('BAD_SLOT');
  return sql.tx(async (q) => {
    const [c] = await q.query<{ doc: BranchCatalogue }>('SELECT doc FROM hub_catalogues WHERE branch_id = $1', [input.branchId]);
    if (!c) throw new AppointmentRefused('UNKNOWN_BRANCH');
    const service = c.doc.services.find((s) => s.id === input.serviceId && s.active);
    if (!service) throw new AppointmentRefused('UNKNOWN_SERVICE');
    if (!service.acceptsAppointments) throw new AppointmentRefused('NO_APPOINTMENTS');
    const a: Appointment = { id: uuidv7(now), ...input, status: 'booked', ticketId: null };
    await insertAppointment(q, a, null, now);
    return a;
  });
}

/** Moves a booked appointment to a new slot (same booking); an online booking's seat moves with it. */
export async function rescheduleAppointment(sql: Sql, id: string, slotAt: number, now: number): Promise<Appointment> {
  if (!Number.isSafeInteger(slotAt) || slotAt <= 0) throw new AppointmentRefused('BAD_SLOT');
  return sql.tx(async (q) => {
    const a = await lockAppointment(q, id);
    if (a.status !== 'booked') throw new AppointmentRefused('NOT_BOOKED');
    if (a.online && slotAt !== a.slotAt) {
      // Staff decide: the new slot's seat is taken even when it is full.
      const [c] = await q.query<{ doc: BranchCatalogue }>('SELECT doc FROM hub_catalogues WHERE branch_id = $1', [a.branchId]);
      const rule = c ? slotRuleFor(c.doc, a.serviceId) : null;
      await releaseSeat(q, a);
      await forceSeat(q, { ...a, slotAt }, rule?.ok ? rule.rule.seats : 0);
    }
    return toPlain(await moveAppointment(q, a, slotAt, now));
  });
}

/** Cancels a booked appointment; an online booking's seat is given back. */
export async function cancelAppointment(sql: Sql, id: string, now: number): Promise<Appointment> {
  return sql.tx(async (q) => {
    const a = await lockAppointment(q, id);
    if (a.status !== 'booked') throw new AppointmentRefused('NOT_BOOKED');
    if (a.online) await releaseSeat(q, a);
    return toPlain(await cancelBooked(q, a, now));
  });
}

/** An appointment with what became of it at the branch: its ticket as the branch last reported it. */
export interface AppointmentOutcome extends Appointment {
  ticket: { number: string; state: string; outcome: string | null } | null;
}

type OutcomeRow = Row & { number: string | null; state: string | null; outcome: string | null };
const WITH_TICKET = 'SELECT a.*, t.number, t.state, t.outcome FROM hub_appointments a LEFT JOIN hub_tickets t ON t.id = a.ticket_id';
const toOutcome = (r: OutcomeRow): AppointmentOutcome => ({
  ...toAppointment(r),
  ticket: r.number === null ? null : { number: r.number, state: r.state ?? '', outcome: r.outcome },
});

/** A branch's appointments with slots in [from, to), by slot, each with its ticket's state and outcome. */
export async function listAppointments(q: Queryable, branchId: string, from: number, to: number): Promise<AppointmentOutcome[]> {
  const rows = await q.query<OutcomeRow>(
    `${WITH_TICKET} WHERE a.branch_id = $1 AND a.slot_at >= $2 AND a.slot_at < $3 ORDER BY a.slot_at, a.id LIMIT 1000`,
    [branchId, from, to],
  );
  return rows.map(toOutcome);
}

/** One appointment with its ticket's state and outcome, or null. */
export async function appointmentOutcome(q: Queryable, id: string): Promise<AppointmentOutcome | null> {
  const [r] = await q.query<OutcomeRow>(`${WITH_TICKET} WHERE a.id = $1`, [id]);
  return r ? toOutcome(r) : null;
}

/** One appointment, or null. */
export async function getAppointment(q: Queryable, id: string): Promise<Appointment | null> {
  const [r] = await q.query<Row>('SELECT * FROM hub_appointments WHERE id = $1', [id]);
  return r ? toAppointment(r) : null;
}

/**
 * Check-ins the branch reported (ticket.checked_in events between two seqs): the appointment becomes checked in,
 * or, when the centre had cancelled it, a conflict is recorded for the managers.
 */
export async function applyCheckIns(q: Queryable, branchId: string, epoch: string, after: number, upTo: number, now: number): Promise<void> {
  await q.query(
    `WITH checkins AS (
       SELECT e.payload->'ticket'->>'appointmentId' AS appointment_id, e.payload->'ticket'->>'id' AS ticket_id, e.seq
       FROM branch_events e
       WHERE e.branch_id = $1 AND e.epoch = $2 AND e.seq > $3 AND e.seq <= $4 AND e.known AND e.type = 'ticket.checked_in'),
     conflicts AS (
       INSERT INTO sync_conflicts (branch_id, kind, entity_id, detail, created_at)
       SELECT $1, 'checked_in_after_cancel', c.appointment_id, jsonb_build_object('ticketId', c.ticket_id, 'seq', c.seq), $5
       FROM checkins c JOIN hub_appointments a ON a.id = c.appointment_id WHERE a.status = 'cancelled')
     UPDATE hub_appointments a SET status = 'checked_in', ticket_id = c.ticket_id, updated_at = $5
     FROM checkins c WHERE a.id = c.appointment_id AND a.status = 'booked'`,
    [branchId, epoch, after, upTo, now],
  );
}

/** Unresolved conflicts, newest first. */
export async function listConflicts(q: Queryable): Promise<{ id: number; branchId: string; kind: string; entityId: string; detail: unknown; createdAt: number }[]> {
  const rows = await q.query<{ id: number; branch_id: string; kind: string; entity_id: string; detail: unknown; created_at: number }>(
    'SELECT id, branch_id, kind, entity_id, detail, created_at FROM sync_conflicts WHERE resolved_at IS NULL ORDER BY id DESC LIMIT 200',
  );
  return rows.map((r) => ({ id: r.id, branchId: r.branch_id, kind: r.kind, entityId: r.entity_id, detail: r.detail, createdAt: r.created_at }));
}
