/** Staff accounts and their sessions. Passwords and session tokens are stored only as hashes. */
import type { Staff, StaffRole } from '@dawr/core';
import type { Db } from '../open';

export interface Session {
  staff: Staff;
  csrfToken: string;
  expiresAt: number;
  /** The counter the session works at (the last it called or served at), if any. */
  counterId: string | null;
}

interface StaffRow {
  id: string;
  username: string;
  name: string;
  role: StaffRole;
}

export class StaffRepo {
  constructor(private readonly db: Db) {}

  /** Creates or updates an account (by id). */
  upsert(s: Staff & { branchId: string; passwordHash: string }): void {
    this.db
      .prepare(
        `INSERT INTO staff (id, branch_id, username, name, role, password_hash)
         VALUES (@id, @branchId, @username, @name, @role, @passwordHash)
         ON CONFLICT (id) DO UPDATE SET username = excluded.username, name = excluded.name, role = excluded.role,
           password_hash = excluded.password_hash, disabled_at = NULL`,
      )
      .run(s);
  }

  /** The active account with this username and its password hash. */
  findForLogin(username: string): (Staff & { passwordHash: string }) | undefined {
    const r = this.db
      .prepare(
        'SELECT id, username, name, role, password_hash FROM staff WHERE username = ? AND disabled_at IS NULL',
      )
      .get(username) as (StaffRow & { password_hash: string }) | undefined;
    return r && { id: r.id, username: r.username, name: r.name, role: r.role, passwordHash: r.password_hash };
  }

  count(): number {
    return this.db.prepare('SELECT COUNT(*) FROM staff').pluck().get() as number;
  }

  createSession(tokenHash: string, staffId: string, csrfToken: string, now: number, expiresAt: number): void {
    this.db
      .prepare('INSERT INTO sessions (token_hash, staff_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)')
      .run(tokenHash, staffId, csrfToken, now, expiresAt);
  }

  /** The live session for a token hash (expired sessions and disabled accounts give nothing). */
  findSession(tokenHash: string, now: number): Session | undefined {
    const r = this.db
      .prepare(
        `SELECT s.csrf_token, s.expires_at, s.counter_id, st.id, st.username, st.name, st.role FROM sessions s
         JOIN staff st ON st.id = s.staff_id
         WHERE s.token_hash = ? AND s.expires_at > ? AND st.disabled_at IS NULL`,
      )
      .get(tokenHash, now) as (StaffRow & { csrf_token: string; expires_at: number; counter_id: string | null }) | undefined;
    return (
      r && {
        staff: { id: r.id, username: r.username, name: r.name, role: r.role },
        csrfToken: r.csrf_token,
        expiresAt: r.expires_at,
        counterId: r.counter_id,
      }
    );
  }

  /** Records the counter a session works at. */
  setSessionCounter(tokenHash: string, counterId: string): void {
    this.db.prepare('UPDATE sessions SET counter_id = ? WHERE token_hash = ? AND counter_id IS NOT ?').run(counterId, tokenHash, counterId);
  }

  deleteSession(tokenHash: string): void {
    this.db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(tokenHash);
  }

  deleteExpiredSessions(now: number): void {
    this.db.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(now);
  }
}
