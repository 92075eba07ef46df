/**
 * What reports read (tickets of a range of days and their events, appointments, counters opened and closed,
 * staff names) and the counter log they need written. Rows come back as arrays (`raw`) and are shaped here:
 * a month is some 125 000 events, read in one pass.
 */
import type { EventType, Priority } from '@dawr/core';
import type { CounterEvent, ReportAppointment, ReportEvent, ReportInput, ReportTicket, ServiceTarget } from '@dawr/core/reports';
import type { Db } from '../open';

type TicketRaw = [string, string, string, Priority | null, string | null, number | null, string | null];
type EventRaw = [string, EventType, number, string | null, string | null, string];

export class ReportRepo {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      tickets: db
        .prepare('SELECT id, day, number, priority, appointment_id, slot_at, outcome FROM tickets WHERE branch_id = ? AND day BETWEEN ? AND ?')
        .raw(),
      // Per ticket in the order written (rowid); tickets of the range found by the day index.
      events: db
        .prepare(
          `SELECT e.ticket_id, e.type, e.at, e.counter_id, e.clerk_id, e.service_id
           FROM tickets t JOIN ticket_events e ON e.ticket_id = t.id
           WHERE t.branch_id = ? AND t.day BETWEEN ? AND ? ORDER BY e.ticket_id, e.at, e.rowid`,
        )
        .raw(),
      appointments: db
        .prepare('SELECT id, service_id, slot_at, status, ticket_id FROM appointments WHERE branch_id = ? AND slot_at >= ? AND slot_at < ?')
        .raw(),
      counterEvents: db
        .prepare(
          `SELECT counter_id, clerk_id, open, at FROM counter_events WHERE branch_id = @branchId AND at >= @from AND at < @to
           UNION ALL
           SELECT counter_id, clerk_id, open, MAX(at) FROM counter_events WHERE branch_id = @branchId AND at < @from GROUP BY counter_id
           ORDER BY 4`,
        )
        .raw(),
      addCounterEvent: db.prepare(
        'INSERT INTO counter_events (id, branch_id, counter_id, clerk_id, open, at) VALUES (@id, @branchId, @counterId, @clerkId, @open, @at)',
      ),
      staff: db.prepare('SELECT id, name FROM staff WHERE branch_id = ?'),
      anyBefore: db.prepare('SELECT 1 FROM tickets WHERE branch_id = ? AND day < ? LIMIT 1').pluck(),
      cached: db.prepare('SELECT day, transactions FROM report_days WHERE branch_id = ? AND day BETWEEN ? AND ?').raw(),
      putCached: db.prepare('INSERT OR REPLACE INTO report_days (branch_id, day, transactions) VALUES (?, ?, ?)'),
      dropCached: db.prepare('DELETE FROM report_days WHERE branch_id = ? AND day = ?'),
      seen: db.prepare('SELECT event_rowid FROM report_cache_seen WHERE branch_id = ?').pluck(),
      setSeen: db.prepare(
        `INSERT INTO report_cache_seen (branch_id, event_rowid) VALUES (?, ?)
         ON CONFLICT (branch_id) DO UPDATE SET event_rowid = excluded.event_rowid`,
      ),
      lastEvent: db.prepare('SELECT COALESCE(MAX(rowid), 0) FROM ticket_events').pluck(),
      // Days before today whose tickets got an event after the rowid last checked (the daily close, a late write).
      touched: db
        .prepare(
          `SELECT DISTINCT t.day FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id
           WHERE e.rowid > ? AND t.branch_id = ? AND t.day < ?`,
        )
        .pluck(),
      targets: db.prepare('SELECT service_id, within_min, share FROM report_targets WHERE branch_id = ?').raw(),
      setTarget: db.prepare(
        `INSERT INTO report_targets (branch_id, service_id, within_min, share) VALUES (?, ?, ?, ?)
         ON CONFLICT (branch_id, service_id) DO UPDATE SET within_min = excluded.within_min, share = excluded.share`,
      ),
      clearTarget: db.prepare('DELETE FROM report_targets WHERE branch_id = ? AND service_id = ?'),
    };
  }

  /** The tickets of branch-local days `from`…`to`. */
  tickets(branchId: string, from: string, to: string): ReportTicket[] {
    return (this.s.tickets.all(branchId, from, to) as TicketRaw[]).map(([id, day, number, priority, appointmentId, slotAt, outcome]) => ({
      id,
      day,
      number,
      priority,
      appointmentId,
      slotAt,
      outcome,
    }));
  }

  /** Every event of the tickets of `from`…`to` (whenever it happened: the daily close may come days later), each ticket's in order. */
  events(branchId: string, from: string, to: string): ReportEvent[] {
    return (this.s.events.all(branchId, from, to) as EventRaw[]).map(([ticketId, type, at, counterId, clerkId, serviceId]) => ({
      ticketId,
      type,
      at,
      counterId,
      clerkId,
      serviceId,
    }));
  }

  /** Appointments with slots in [fromMs, toMs). */
  appointments(branchId: string, fromMs: number, toMs: number): ReportAppointment[] {
    type Raw = [string, string, number, ReportAppointment['status'], string | null];
    return (this.s.appointments.all(branchId, fromMs, toMs) as Raw[]).map(([id, serviceId, slotAt, status, ticketId]) => ({ id, serviceId, slotAt, status, ticketId }));
  }

  /** Counters opened and closed in [fromMs, toMs), with each counter's last change before (its state at the start). */
  counterEvents(branchId: string, fromMs: number, toMs: number): CounterEvent[] {
    type Raw = [string, string | null, number, number];
    return (this.s.counterEvents.all({ branchId, from: fromMs, to: toMs }) as Raw[]).map(([counterId, clerkId, open, at]) => ({ counterId, clerkId, open: open === 1, at }));
  }

  /** Everything a report of days `from`…`to` ([fromMs, toMs) their local span) is computed from. */
  input(branchId: string, from: string, to: string, fromMs: number, toMs: number): ReportInput {
    return {
      tickets: this.tickets(branchId, from, to),
      events: this.events(branchId, from, to),
      appointments: this.appointments(branchId, fromMs, toMs),
      counterEvents: this.counterEvents(branchId, fromMs, toMs),
    };
  }

  /** Records a counter opened or closed; call inside the transaction that changes it. */
  addCounterEvent(e: CounterEvent & { id: string; branchId: string }): void {
    this.s.addCounterEvent.run({ ...e, open: e.open ? 1 : 0 });
  }

  /** The service-level targets the manager set, by service id (the others use the default). */
  targets(branchId: string): Record<string, ServiceTarget> {
    const rows = this.s.targets.all(branchId) as [string, number, number][];
    return Object.fromEntries(rows.map(([serviceId, withinMin, share]) => [serviceId, { withinMin, share }]));
  }

  /** Sets a service's target, or (null) puts it back to the default. */
  setTarget(branchId: string, serviceId: string, target: ServiceTarget | null): void {
    if (target === null) this.s.clearTarget.run(branchId, serviceId);
    else this.s.setTarget.run(branchId, serviceId, target.withinMin, target.share);
  }

  /**
   * The cached transactions (core's encodeDay texts) of days `from`…`to`, by day, after dropping every cached day
   * before `today` whose tickets got an event since the last check. Read inside one transaction with the events.
   */
  cachedDays(branchId: string, from: string, to: string, today: string): Map<string, string> {
    const seen = (this.s.seen.get(branchId) as number | undefined) ?? 0;
    const last = this.s.lastEvent.get() as number;
    if (last > seen) {
      for (const day of this.s.touched.all(seen, branchId, today) as string[]) this.s.dropCached.run(branchId, day);
      this.s.setSeen.run(branchId, last);
    }
    return new Map(this.s.cached.all(branchId, from, to) as [string, string][]);
  }

  /** Caches a closed day's transactions, read from the events up to now (call in the transaction that read them). */
  putCachedDay(branchId: string, day: string, transactions: string): void {
    this.s.putCached.run(branchId, day, transactions);
  }

  /** Whether the branch has any ticket of a day before `day` (the demo's history is written once). */
  hasTicketsBefore(branchId: string, day: string): boolean {
    return this.s.anyBefore.get(branchId, day) !== undefined;
  }

  /** The branch's staff names by id (the clerks of the reports). */
  staffNames(branchId: string): Map<string, string> {
    return new Map((this.s.staff.all(branchId) as { id: string; name: string }[]).map((r) => [r.id, r.name]));
  }
}
