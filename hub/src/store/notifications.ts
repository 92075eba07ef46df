/**
 * The notification outbox: a notice is queued in the transaction of the change it tells about, and a sender takes
 * due notices with a lease (FOR UPDATE SKIP LOCKED: two hub processes never take the same one), sends, and marks
 * each sent, or due again later with backoff, or failed after its last attempt, for central staff to see.
 */
import type { Queryable, Sql } from './engine';

export type NoticeChannel = 'email' | 'sms';
export type NoticeStatus = 'pending' | 'sent' | 'failed';

/** A queued notice with its delivery state. */
export interface Notice {
  id: number;
  applicationId: string | null;
  channel: NoticeChannel;
  recipient: string;
  subject: string;
  body: string;
  status: NoticeStatus;
  attempts: number;
  nextAttemptAt: number;
  lastError: string | null;
  createdAt: number;
  sentAt: number | null;
}

type Row = {
  id: number; application_id: string | null; channel: NoticeChannel; recipient: string; subject: string; body: string;
  status: NoticeStatus; attempts: number; next_attempt_at: number; last_error: string | null; created_at: number; sent_at: number | null;
};

const toNotice = (r: Row): Notice => ({
  id: r.id,
  applicationId: r.application_id,
  channel: r.channel,
  recipient: r.recipient,
  subject: r.subject,
  body: r.body,
  status: r.status,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
  lastError: r.last_error,
  createdAt: r.created_at,
  sentAt: r.sent_at,
});

/** Queues a notice inside the caller's transaction; due at once. */
export async function queueNotice(
  q: Queryable,
  n: { applicationId: string | null; channel: NoticeChannel; recipient: string; subject: string; body: string },
  now: number,
): Promise<number> {
  const [r] = await q.query<{ id: number }>(
    `INSERT INTO hub_notifications (application_id, channel, recipient, subject, body, status, attempts, next_attempt_at, created_at)
     VALUES ($1, $2, $3, $4, $5, 'pending', 0, $6, $6) RETURNING id`,
    [n.applicationId, n.channel, n.recipient, n.subject, n.body, now],
  );
  return r!.id;
}

/**
 * Takes up to `limit` due notices: each gets an attempt counted and a lease (it is due again at `now + leaseMs`
 * should this process die while sending).
 */
export async function claimDueNotices(sql: Sql, now: number, leaseMs: number, limit: number): Promise<Notice[]> {
  const rows = await sql.query<Row>(
    `UPDATE hub_notifications SET attempts = attempts + 1, next_attempt_at = $2
     WHERE id IN (SELECT id FROM hub_notifications WHERE status = 'pending' AND next_attempt_at <= $1
                  ORDER BY next_attempt_at, id LIMIT $3 FOR UPDATE SKIP LOCKED)
     RETURNING *`,
    [now, now + leaseMs, limit],
  );
  return rows.map(toNotice).sort((a, b) => a.id - b.id);
}

/** The notice went out. */
export async function markNoticeSent(q: Queryable, id: number, now: number): Promise<void> {
  await q.query("UPDATE hub_notifications SET status = 'sent', sent_at = $2, last_error = NULL WHERE id = $1", [id, now]);
}

/** The attempt failed: due again at `retryAt`, or failed for good when `retryAt` is null. */
export async function markNoticeFailed(q: Queryable, id: number, error: string, retryAt: number | null): Promise<void> {
  await q.query(
    `UPDATE hub_notifications SET last_error = $2, status = CASE WHEN $3::int8 IS NULL THEN 'failed' ELSE 'pending' END,
       next_attempt_at = COALESCE($3::int8, next_attempt_at) WHERE id = $1`,
    [id, error.slice(0, 500), retryAt],
  );
}

/**
 * Notices for central staff, newest first: of one status, or (`troubled`) every one not sent that failed at least
 * once (given up, or still retrying).
 */
export async function listNotices(q: Queryable, filter: { status?: NoticeStatus; troubled?: boolean; applicationId?: string }, limit = 200): Promise<Notice[]> {
  const rows = await q.query<Row>(
    `SELECT * FROM hub_notifications
     WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR application_id = $2)
       AND (NOT $3::boolean OR (status <> 'sent' AND last_error IS NOT NULL))
     ORDER BY id DESC LIMIT $4`,
    [filter.status ?? null, filter.applicationId ?? null, filter.troubled ?? false, limit],
  );
  return rows.map(toNotice);
}

/** Staff send a failed notice again (after fixing the address or the provider): due now, attempts from zero. */
export async function retryNotice(q: Queryable, id: number, now: number): Promise<Notice | null> {
  const [r] = await q.query<Row>(
    "UPDATE hub_notifications SET status = 'pending', attempts = 0, next_attempt_at = $2 WHERE id = $1 AND status = 'failed' RETURNING *",
    [id, now],
  );
  return r ? toNotice(r) : null;
}
