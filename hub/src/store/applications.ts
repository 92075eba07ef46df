/**
 * Card applications at the centre (domain.md: owned by the centre): submitted online after an e-key login, moved
 * along by central staff, sent down to the pickup branch when the card is ready there, collected when the branch
 * serves the collection ticket. Each change commits with its history row, and a card ready (or posted) commits
 * with its notices in the notification outbox. For a branch pickup, each change up to ready commits with its
 * down-log entry to that branch (card.pending while it is being made, then card.ready).
 */
import { randomBytes } from 'node:crypto';
import {
  CARD_COLLECTED_UP,
  CARD_COLLECTION_SERVICE,
  CARD_PENDING_DOWN,
  CARD_READY_DOWN,
  cardReadyNotice,
  makeReference,
  staffMoves,
  uuidv7,
  type ApplicationStatus,
  type BranchCatalogue,
  type CardApplication,
  type CardPickup,
  type Citizen,
  type Localized,
  type PendingCard,
  type Pickup,
} from '@dawr/core';
import type { Queryable, Sql } from './engine';
import { queueNotice } from './notifications';
import { appendDown } from './sync-down';

/** A refused application or move, with a code the API turns into a message in the caller's language. */
export class ApplicationRefused extends Error {
  constructor(readonly code: 'ALREADY_APPLIED' | 'NOT_FOUND' | 'BAD_MOVE' | 'NOT_HANDOVER_BRANCH' | 'TOO_LATE_TO_CANCEL' | 'TOO_LATE_TO_CHANGE') {
    super(code);
  }
}

/** What the citizen submits after the form was checked (core's checkRenewal). */
export interface ApplicationInput {
  citizen: Citizen;
  pickup: Pickup;
  email: string | null;
  mobile: string | null;
  lang: 'ar' | 'en';
}

/** A hub_applications row. */
export type Row = {
  id: string; reference: string; cpr: string; name: string; birth_date: string | null; nationality: string | null;
  email: string | null; mobile: string | null; lang: 'ar' | 'en'; pickup: 'branch' | 'post'; branch_id: string | null;
  address: string | null; status: ApplicationStatus; created_at: number; updated_at: number;
};

/** The application a row holds. */
export const toApplication = (r: Row): CardApplication => ({
  id: r.id,
  reference: r.reference,
  cpr: r.cpr,
  name: r.name,
  pickup: r.pickup === 'branch' ? { kind: 'branch', branchId: r.branch_id! } : { kind: 'post', address: r.address! },
  email: r.email,
  mobile: r.mobile,
  lang: r.lang,
  status: r.status,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** The branches that hand cards over: their catalogue offers the card-collection service. */
export async function handoverBranches(q: Queryable): Promise<{ id: string; name: Localized }[]> {
  const rows = await q.query<{ doc: BranchCatalogue }>('SELECT doc FROM hub_catalogues ORDER BY branch_id');
  return rows
    .map((r) => r.doc)
    .filter((c) => c.services.some((s) => s.code === CARD_COLLECTION_SERVICE && s.active))
    .map((c) => ({ id: c.branch.id, name: c.branch.name }));
}

/** Records a citizen's application as submitted; one open application per CPR. */
export async function submitApplication(sql: Sql, input: ApplicationInput, now: number): Promise<CardApplication> {
  return sql.tx(async (q) => {
    if (input.pickup.kind === 'branch') {
      const branchId = input.pickup.branchId;
      if (!(await handoverBranches(q)).some((b) => b.id === branchId)) throw new ApplicationRefused('NOT_HANDOVER_BRANCH');
    }
    const [open] = await q.query<{ id: string }>("SELECT id FROM hub_applications WHERE cpr = $1 AND status NOT IN ('collected', 'cancelled') LIMIT 1", [input.citizen.cpr]);
    if (open) throw new ApplicationRefused('ALREADY_APPLIED');
    const id = uuidv7(now);
    const { citizen: c, pickup } = input;
    const rows = await q.query<Row>(
      `INSERT INTO hub_applications (id, reference, cpr, name, birth_date, nationality, email, mobile, lang, pickup, branch_id,
                                     address, status, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'submitted', $13, $13)
       ON CONFLICT DO NOTHING RETURNING *`,
      [id, makeReference(randomBytes(8)), c.cpr, c.name, c.birthDate, c.nationality, input.email, input.mobile, input.lang, pickup.kind,
        pickup.kind === 'branch' ? pickup.branchId : null, pickup.kind === 'post' ? pickup.address : null, now],
    );
    // A concurrent submission of the same CPR took the one open slot (unique index) first.
    if (!rows[0]) throw new ApplicationRefused('ALREADY_APPLIED');
    await history(q, id, 'submitted', 'citizen', now);
    const a = toApplication(rows[0]);
    await pendingDown(q, a, now);
    return a;
  });
}

/**
 * Tells the pickup branch that a card for collection there is being made (submitted, in production), in the
 * caller's transaction: its kiosk then says so to the citizen instead of "no card is waiting". Posted cards: nothing.
 */
export async function pendingDown(q: Queryable, a: CardApplication, now: number): Promise<void> {
  if (a.pickup.kind !== 'branch' || (a.status !== 'submitted' && a.status !== 'in_production')) return;
  const card: PendingCard = { id: a.id, reference: a.reference, branchId: a.pickup.branchId, cpr: a.cpr, status: a.status, at: now };
  await appendDown(q, a.pickup.branchId, CARD_PENDING_DOWN, 1, { card }, now);
}

/** Writes a history row: the status the application has after the change, who made it, and what else changed. */
export async function history(q: Queryable, id: string, status: ApplicationStatus, actor: string, now: number, detail: string | null = null): Promise<void> {
  await q.query('INSERT INTO hub_application_events (application_id, status, actor, at, detail) VALUES ($1, $2, $3, $4, $5)', [id, status, actor, now, detail]);
}

/**
 * A staff move (core's staffMoves). A card ready at a branch goes down to it, and the citizen's notices (ready,
 * or posted) are queued, all in this transaction.
 */
export async function moveApplication(sql: Sql, id: string, to: ApplicationStatus, actor: string, now: number): Promise<CardApplication> {
  return sql.tx(async (q) => {
    const [r] = await q.query<Row>('SELECT * FROM hub_applications WHERE id = $1 FOR UPDATE', [id]);
    if (!r) throw new ApplicationRefused('NOT_FOUND');
    if (!(staffMoves(r.status, r.pickup) as ApplicationStatus[]).includes(to)) throw new ApplicationRefused('BAD_MOVE');
    const [moved] = await q.query<Row>('UPDATE hub_applications SET status = $2, updated_at = $3 WHERE id = $1 RETURNING *', [id, to, now]);
    const a = toApplication(moved!);
    await history(q, id, to, actor, now);
    await pendingDown(q, a, now);
    if (to === 'ready' || to === 'posted') {
      let branchName: Localized | null = null;
      if (a.pickup.kind === 'branch') {
        const [c] = await q.query<{ doc: BranchCatalogue }>('SELECT doc FROM hub_catalogues WHERE branch_id = $1', [a.pickup.branchId]);
        branchName = c?.doc.branch.name ?? null;
        const pickup: CardPickup = { id: a.id, reference: a.reference, branchId: a.pickup.branchId, cpr: a.cpr, name: a.name, status: 'ready', readyAt: now };
        await appendDown(q, a.pickup.branchId, CARD_READY_DOWN, 1, { pickup }, now);
      }
      const notice = cardReadyNotice(a.lang, { reference: a.reference, status: to }, branchName);
      if (a.email) await queueNotice(q, { applicationId: a.id, channel: 'email', recipient: a.email, subject: notice.subject, body: notice.body }, now);
      if (a.mobile) await queueNotice(q, { applicationId: a.id, channel: 'sms', recipient: a.mobile, subject: notice.subject, body: notice.sms }, now);
    }
    return a;
  });
}

/** One application, or null. */
export async function getApplication(q: Queryable, id: string): Promise<CardApplication | null> {
  const [r] = await q.query<Row>('SELECT * FROM hub_applications WHERE id = $1', [id]);
  return r ? toApplication(r) : null;
}

/** A citizen's applications, newest first. */
export async function applicationsOf(q: Queryable, cpr: string): Promise<CardApplication[]> {
  const rows = await q.query<Row>('SELECT * FROM hub_applications WHERE cpr = $1 ORDER BY created_at DESC, id DESC LIMIT 20', [cpr]);
  return rows.map(toApplication);
}

/** Applications for central staff, oldest change first (the ones waiting longest), optionally of one status. */
export async function listApplications(q: Queryable, status: ApplicationStatus | null, limit = 500): Promise<CardApplication[]> {
  const rows = await q.query<Row>(
    'SELECT * FROM hub_applications WHERE ($1::text IS NULL OR status = $1) ORDER BY updated_at, id LIMIT $2',
    [status, limit],
  );
  return rows.map(toApplication);
}

/** An application's history: each status with who set it and when, oldest first. */
export async function applicationHistory(q: Queryable, id: string): Promise<{ status: ApplicationStatus; actor: string; at: number; detail: string | null }[]> {
  return q.query('SELECT status, actor, at, detail FROM hub_application_events WHERE application_id = $1 ORDER BY id', [id]);
}

/**
 * Collections the branch reported (card.collected events between two seqs): a card ready at that branch becomes
 * collected. Replays change nothing (the status is no longer ready).
 */
export async function applyCollections(q: Queryable, branchId: string, epoch: string, after: number, upTo: number, now: number): Promise<void> {
  await q.query(
    `WITH collected AS (
       UPDATE hub_applications a SET status = 'collected', updated_at = $5
       FROM branch_events e
       WHERE e.branch_id = $1 AND e.epoch = $2 AND e.seq > $3 AND e.seq <= $4 AND e.known AND e.type = $6
         AND a.id = e.payload->>'applicationId' AND a.status = 'ready' AND a.branch_id = $1
       RETURNING a.id)
     INSERT INTO hub_application_events (application_id, status, actor, at)
     SELECT id, 'collected', 'branch:' || $1, $5 FROM collected`,
    [branchId, epoch, after, upTo, now, CARD_COLLECTED_UP],
  );
}
