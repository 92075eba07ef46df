/**
 * The centre's staff (role `central`: the national picture; `admin`: also the catalogue) and their sessions:
 * a random token in an HttpOnly cookie, stored only as its SHA-256, with a CSRF token for writes.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from './engine';

export type HubRole = 'central' | 'admin';

export interface HubStaff {
  id: string;
  username: string;
  name: string;
  role: HubRole;
}

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

/** Creates or updates an account (the password already hashed). */
export async function upsertStaff(q: Queryable, s: HubStaff & { passwordHash: string }): Promise<void> {
  await q.query(
    `INSERT INTO hub_staff (id, username, name, role, password_hash) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (id) DO UPDATE SET username = EXCLUDED.username, name = EXCLUDED.name, role = EXCLUDED.role,
       password_hash = EXCLUDED.password_hash`,
    [s.id, s.username, s.name, s.role, s.passwordHash],
  );
}

/** An account by username with its password hash, for sign-in. */
export async function staffForLogin(q: Queryable, username: string): Promise<(HubStaff & { passwordHash: string }) | null> {
  const [r] = await q.query<{ id: string; username: string; name: string; role: HubRole; password_hash: string }>(
    'SELECT id, username, name, role, password_hash FROM hub_staff WHERE username = $1',
    [username],
  );
  return r ? { id: r.id, username: r.username, name: r.name, role: r.role, passwordHash: r.password_hash } : null;
}

/** Opens a session; returns the cookie token and the CSRF token. */
export async function openSession(q: Queryable, staffId: string, expiresAt: number): Promise<{ token: string; csrf: string }> {
  const token = randomBytes(32).toString('base64url');
  const csrf = randomBytes(16).toString('base64url');
  await q.query('INSERT INTO hub_sessions (token_hash, staff_id, csrf, expires_at) VALUES ($1, $2, $3, $4)', [sha256(token), staffId, csrf, expiresAt]);
  return { token, csrf };
}

/** The staff member of a live session, or null (unknown or expired). */
export async function sessionStaff(q: Queryable, token: string, now: number): Promise<(HubStaff & { csrf: string }) | null> {
  const [r] = await q.query<{ id: string; username: string; name: string; role: HubRole; csrf: string }>(
    `SELECT s.id, s.username, s.name, s.role, x.csrf FROM hub_sessions x JOIN hub_staff s ON s.id = x.staff_id
     WHERE x.token_hash = $1 AND x.expires_at > $2`,
    [sha256(token), now],
  );
  return r ?? null;
}

/** Ends a session. */
export async function closeSession(q: Queryable, token: string): Promise<void> {
  await q.query('DELETE FROM hub_sessions WHERE token_hash = $1', [sha256(token)]);
}
