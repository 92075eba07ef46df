/**
 * The centre's reports read only what the branches synced: each ticket event (branch_events, type ticket.*)
 * carries the ticket as it was after the change, its branch-local time and the clerk. A range of days is read by
 * the tickets' own days (an expression index), so the daily close that ends a ticket days later still belongs to
 * its day. Returns core's report input per branch.
 */
import type { EventType, Priority } from '@dawr/core';
import type { ReportEvent, ReportInput, ReportTicket } from '@dawr/core/reports';
import type { Queryable } from './engine';

interface Row {
  branch_id: string;
  type: string;
  at: number;
  ticket_id: string;
  day: string;
  number: string;
  service_id: string;
  counter_id: string | null;
  clerk_id: string | null;
  priority: Priority | null;
  appointment_id: string | null;
  slot_at: number | null;
  outcome: string | null;
}

/** Every synced ticket event of tickets of days `from`…`to` (all branches, or `branchIds`), per branch in log order. */
export async function reportInputs(q: Queryable, from: string, to: string, branchIds: readonly string[] | null = null): Promise<Map<string, ReportInput>> {
  const rows = await q.query<Row>(
    `SELECT e.branch_id, substr(e.type, 8) AS type, e.created_at AS at,
            t->>'id' AS ticket_id, t->>'day' AS day, t->>'number' AS number, t->>'serviceId' AS service_id,
            t->>'counterId' AS counter_id, e.payload->>'clerkId' AS clerk_id, t->>'priority' AS priority,
            t->>'appointmentId' AS appointment_id, (t->>'slotAt')::int8 AS slot_at, t->>'outcome' AS outcome
     FROM branch_events e, LATERAL (SELECT e.payload->'ticket' AS t) x
     WHERE e.known AND e.type LIKE 'ticket.%' AND (e.payload->'ticket'->>'day') BETWEEN $1 AND $2
       AND ($3::text[] IS NULL OR e.branch_id = ANY($3::text[]))
     ORDER BY e.branch_id, e.epoch, e.seq`,
    [from, to, branchIds],
  );
  const out = new Map<string, { tickets: Map<string, ReportTicket>; events: ReportEvent[] }>();
  for (const r of rows) {
    if (!r.ticket_id || !r.day) continue;
    let b = out.get(r.branch_id);
    if (!b) out.set(r.branch_id, (b = { tickets: new Map(), events: [] }));
    // The latest event carries the ticket's latest state (its outcome once ended).
    b.tickets.set(r.ticket_id, {
      id: r.ticket_id,
      day: r.day,
      number: r.number,
      priority: r.priority,
      appointmentId: r.appointment_id,
      slotAt: r.slot_at === null ? null : Number(r.slot_at),
      outcome: r.outcome,
    });
    b.events.push({ ticketId: r.ticket_id, type: r.type as EventType, at: Number(r.at), counterId: r.counter_id, clerkId: r.clerk_id, serviceId: r.service_id });
  }
  return new Map([...out].map(([id, b]) => [id, { tickets: [...b.tickets.values()], events: b.events }]));
}
