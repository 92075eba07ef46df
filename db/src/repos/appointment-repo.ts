/** The branch's copy of today's appointments (booked centrally) and their check-ins. */
import type { Appointment, AppointmentStatus } from '@dawr/core';
import type { Db } from '../open';

interface AppointmentRow {
  id: string;
  branch_id: string;
  service_id: string;
  cpr: string;
  slot_at: number;
  status: AppointmentStatus;
  ticket_id: string | null;
}

const toAppointment = (r: AppointmentRow): Appointment => ({
  id: r.id,
  branchId: r.branch_id,
  serviceId: r.service_id,
  cpr: r.cpr,
  slotAt: r.slot_at,
  status: r.status,
  ticketId: r.ticket_id,
});

export class AppointmentRepo {
  constructor(private readonly db: Db) {}

  /**
   * Stores an appointment as the centre sent it; applying the same one twice is harmless. A check-in made here
   * keeps its state and ticket. A copy made from a booking QR before the booking synced holds only the CPR's last 4
   * digits (all the token carries): the centre's copy fills in the full CPR, when its last 4 agree.
   */
  upsert(a: Appointment): void {
    this.db
      .prepare(
        `INSERT INTO appointments (id, branch_id, service_id, cpr, slot_at, status, ticket_id)
         VALUES (@id, @branchId, @serviceId, @cpr, @slotAt, @status, @ticketId)
         ON CONFLICT (id) DO UPDATE SET service_id = excluded.service_id, slot_at = excluded.slot_at,
           status = CASE WHEN appointments.status = 'checked_in' THEN appointments.status ELSE excluded.status END,
           cpr = CASE WHEN appointments.cpr LIKE '*%' AND excluded.cpr NOT LIKE '*%' AND substr(appointments.cpr, -4) = substr(excluded.cpr, -4)
             THEN excluded.cpr ELSE appointments.cpr END`,
      )
      .run(a);
  }

  get(id: string): Appointment | undefined {
    const r = this.db.prepare('SELECT * FROM appointments WHERE id = ?').get(id) as AppointmentRow | undefined;
    return r && toAppointment(r);
  }

  /** A person's appointments at a branch with slots in [from, to), earliest first. */
  forCpr(branchId: string, cpr: string, from: number, to: number): Appointment[] {
    return (
      this.db
        .prepare('SELECT * FROM appointments WHERE branch_id = ? AND cpr = ? AND slot_at >= ? AND slot_at < ? ORDER BY slot_at')
        .all(branchId, cpr, from, to) as AppointmentRow[]
    ).map(toAppointment);
  }

  /**
   * Reduces the CPR of appointments whose slot is before `before` to its last 4 digits (retention): the
   * day that needed the full number to find the appointment is over. Returns how many were reduced.
   */
  reduceCprsBefore(branchId: string, before: number): number {
    return this.db
      .prepare("UPDATE appointments SET cpr = '*****' || substr(cpr, -4) WHERE branch_id = ? AND slot_at < ? AND cpr NOT LIKE '*%'")
      .run(branchId, before).changes;
  }

  markCheckedIn(id: string, ticketId: string): void {
    this.db.prepare("UPDATE appointments SET status = 'checked_in', ticket_id = ? WHERE id = ?").run(ticketId, id);
  }
}
