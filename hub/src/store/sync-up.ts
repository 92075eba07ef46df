/**
 * Sync up, at the centre: a branch's outbox batch applied in one transaction — the events (idempotent), the
 * projection of its tickets, and the cursor — acknowledging the highest contiguous seq of the (branch, epoch).
 * Gaps are waited for, never skipped; replays change nothing (sync.md §3, §4).
 */
import { isKnownUpEvent, type UpAck, type UpBatch } from '@dawr/core';
import { applyCheckIns } from './appointments';
import { applyCollections } from './applications';
import { applyReportTargets } from './report-targets';
import type { Queryable, Sql } from './engine';

/**
 * A batch replays a seq the hub holds with other content: the branch database was restored from an older backup
 * and reused seqs of its epoch. The branch must move its unacknowledged rows to a new epoch (sync.md §3).
 */
export class EpochReused extends Error {
  constructor(readonly seq: number) {
    super(`seq ${seq} of this epoch already holds another change: start a new epoch`);
  }
}

/** The most events one batch advances the cursor over (a longer contiguous run continues with the next batch). */
const ADVANCE_LIMIT = 5_000;

/** Applies a batch (already validated and authenticated for `batch.branchId`) and answers its ack. */
export async function applyUpBatch(sql: Sql, batch: UpBatch, receivedAt: number): Promise<UpAck> {
  return sql.tx(async (q) => {
    const { branchId, epoch } = batch;
    await q.query(
      `INSERT INTO sync_cursors (branch_id, epoch, start_seq, acked_seq, first_contact, last_contact)
       VALUES ($1, $2, $3, $3, $4, $4) ON CONFLICT (branch_id, epoch) DO NOTHING`,
      [branchId, epoch, batch.epochStartSeq, receivedAt],
    );
    // The row lock makes concurrent batches of one (branch, epoch) — two hub processes — apply one after the other.
    const [cursor] = await q.query<{ acked_seq: number }>(
      'SELECT acked_seq FROM sync_cursors WHERE branch_id = $1 AND epoch = $2 FOR UPDATE',
      [branchId, epoch],
    );
    const before = cursor!.acked_seq;
    const fresh = batch.events.filter((e) => e.seq > before);
    await assertSameReplays(q, batch, before);
    if (fresh.length > 0) {
      const rows = fresh.map((e) => ({
        seq: e.seq,
        type: e.type,
        type_version: e.typeVersion,
        entity_id: e.entityId,
        payload: e.payload ?? null,
        created_at: e.createdAt,
        known: isKnownUpEvent(e.type, e.typeVersion),
      }));
      await q.query(
        `INSERT INTO branch_events (branch_id, epoch, seq, type, type_version, entity_id, payload, created_at, received_at, known)
         SELECT $1, $2, x.seq, x.type, x.type_version, x.entity_id, COALESCE(x.payload, 'null'::jsonb), x.created_at, $4, x.known
         FROM jsonb_to_recordset($3::jsonb) AS x(seq bigint, type text, type_version int, entity_id text, payload jsonb,
                                                 created_at bigint, known boolean)
         ON CONFLICT (branch_id, epoch, seq) DO NOTHING`,
        [branchId, epoch, JSON.stringify(rows), receivedAt],
      );
    }
    const pending = await q.query<{ seq: number }>(
      'SELECT seq FROM branch_events WHERE branch_id = $1 AND epoch = $2 AND seq > $3 ORDER BY seq LIMIT $4',
      [branchId, epoch, before, ADVANCE_LIMIT],
    );
    let acked = before;
    for (const { seq } of pending) {
      if (seq !== acked + 1) break;
      acked = seq;
    }
    if (acked > before) {
      // Usually every newly contiguous event came in this batch: project them from memory, not from the table.
      const inBatch = fresh.filter((e) => e.seq <= acked);
      const whole = inBatch.length === acked - before;
      if (whole) await projectFromBatch(q, branchId, epoch, inBatch);
      else await projectTickets(q, branchId, epoch, before, acked);
      await applyReportTargets(q, branchId, epoch, before, acked, whole ? inBatch : null);
      await projectCounters(q, branchId, epoch, before, acked);
      await applyCheckIns(q, branchId, epoch, before, acked, receivedAt);
      await applyCollections(q, branchId, epoch, before, acked, receivedAt);
    }
    // The branch clock's offset from ours (transit included): the national picture reads branch-local times with it.
    await q.query('UPDATE sync_cursors SET acked_seq = $3, last_contact = $4, clock_offset = $5 WHERE branch_id = $1 AND epoch = $2', [
      branchId,
      epoch,
      acked,
      receivedAt,
      receivedAt - batch.sentAt,
    ]);
    const waitingFor = pending.length > 0 && pending.at(-1)!.seq > acked ? acked + 1 : null;
    return { epoch, ackedSeq: acked, waitingFor, hubTime: receivedAt };
  });
}

/** Counters as the branch last reported them (opened, closed, profile changed). */
async function projectCounters(q: Queryable, branchId: string, epoch: string, after: number, upTo: number): Promise<void> {
  await q.query(
    `INSERT INTO hub_counters (id, branch_id, number, open, epoch, seq)
     SELECT DISTINCT ON (c.id) c.id, $1, c.number, c.open, $2, e.seq
     FROM branch_events e, jsonb_to_record(e.payload->'counter') AS c(id text, number int, open boolean)
     WHERE e.branch_id = $1 AND e.epoch = $2 AND e.seq > $3 AND e.seq <= $4 AND e.known AND e.type = 'counter.changed'
       AND c.id IS NOT NULL
     ORDER BY c.id, e.seq DESC
     ON CONFLICT (id) DO UPDATE SET number = EXCLUDED.number, open = EXCLUDED.open, epoch = EXCLUDED.epoch, seq = EXCLUDED.seq`,
    [branchId, epoch, after, upTo],
  );
}

/** Replayed seqs (at or below the ack) must be the changes the hub holds; anything else is a reused epoch. */
async function assertSameReplays(q: Queryable, batch: UpBatch, acked: number): Promise<void> {
  const replays = batch.events.filter((e) => e.seq <= acked);
  if (replays.length === 0) return;
  const held = await q.query<{ seq: number; type: string; entity_id: string }>(
    'SELECT seq, type, entity_id FROM branch_events WHERE branch_id = $1 AND epoch = $2 AND seq = ANY($3::int8[])',
    [batch.branchId, batch.epoch, replays.map((e) => e.seq)],
  );
  const bySeq = new Map(held.map((h) => [h.seq, h]));
  for (const e of replays) {
    const h = bySeq.get(e.seq);
    if (h && (h.type !== e.type || h.entity_id !== e.entityId)) throw new EpochReused(e.seq);
  }
}

const TICKET_UPSERT = `
     ON CONFLICT (id) DO UPDATE SET
       state = EXCLUDED.state, priority = EXCLUDED.priority, counter_id = EXCLUDED.counter_id,
       service_id = EXCLUDED.service_id, appointment_id = EXCLUDED.appointment_id, slot_at = EXCLUDED.slot_at,
       arrived_at = EXCLUDED.arrived_at, called_at = EXCLUDED.called_at, started_at = EXCLUDED.started_at,
       ended_at = EXCLUDED.ended_at, outcome = EXCLUDED.outcome, epoch = EXCLUDED.epoch, seq = EXCLUDED.seq`;

const TICKET_COLUMNS = `t(id text, day text, "serviceId" text, number text, state text,
            priority text, "counterId" text, "appointmentId" text, "slotAt" bigint, "arrivedAt" bigint,
            "calledAt" bigint, "startedAt" bigint, "endedAt" bigint, outcome text)`;

/** Projects the batch's own events (in seq order): the last state of each ticket, one statement. */
async function projectFromBatch(q: Queryable, branchId: string, epoch: string, events: UpBatch['events']): Promise<void> {
  const latest = new Map<string, { seq: number; ticket: Record<string, unknown> }>();
  for (const e of events) {
    if (!e.type.startsWith('ticket.') || !isKnownUpEvent(e.type, e.typeVersion)) continue;
    const ticket = (e.payload as { ticket?: Record<string, unknown> } | null)?.ticket;
    if (!ticket || typeof ticket.id !== 'string') continue;
    const seen = latest.get(ticket.id);
    if (!seen || seen.seq < e.seq) latest.set(ticket.id, { seq: e.seq, ticket });
  }
  if (latest.size === 0) return;
  const rows = [...latest.values()].map(({ seq, ticket }) => ({ ...ticket, _seq: seq }));
  await q.query(
    `INSERT INTO hub_tickets (id, branch_id, day, service_id, number, state, priority, counter_id, appointment_id,
                              slot_at, arrived_at, called_at, started_at, ended_at, outcome, epoch, seq)
     SELECT t.id, $1, t.day, t."serviceId", t.number, t.state, t.priority, t."counterId", t."appointmentId",
            t."slotAt", t."arrivedAt", t."calledAt", t."startedAt", t."endedAt", t.outcome, $2, x._seq
     FROM jsonb_array_elements($3::jsonb) AS r(doc),
          jsonb_to_record(r.doc) AS ${TICKET_COLUMNS},
          jsonb_to_record(r.doc) AS x(_seq bigint)
     WHERE t.id IS NOT NULL
     ${TICKET_UPSERT}`,
    [branchId, epoch, JSON.stringify(rows)],
  );
}

/** The hub's tickets from the newly contiguous events: each ticket event carries the ticket's whole state. */
async function projectTickets(q: Queryable, branchId: string, epoch: string, after: number, upTo: number): Promise<void> {
  await q.query(
    `INSERT INTO hub_tickets (id, branch_id, day, service_id, number, state, priority, counter_id, appointment_id,
                              slot_at, arrived_at, called_at, started_at, ended_at, outcome, epoch, seq)
     SELECT DISTINCT ON (t.id) t.id, $1, t.day, t."serviceId", t.number, t.state, t.priority, t."counterId",
            t."appointmentId", t."slotAt", t."arrivedAt", t."calledAt", t."startedAt", t."endedAt", t.outcome, $2, e.seq
     FROM branch_events e,
          jsonb_to_record(e.payload->'ticket') AS ${TICKET_COLUMNS}
     WHERE e.branch_id = $1 AND e.epoch = $2 AND e.seq > $3 AND e.seq <= $4 AND e.known AND e.type LIKE 'ticket.%'
       AND t.id IS NOT NULL
     ORDER BY t.id, e.seq DESC
     ${TICKET_UPSERT}`,
    [branchId, epoch, after, upTo],
  );
}
