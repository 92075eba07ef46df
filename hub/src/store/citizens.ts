/**
 * Citizens signed in through the identity provider (e-key): the pending login (state, nonce and PKCE verifier, kept
 * here so any hub process can finish it, bound to the browser by a cookie holding a random id) and the session
 * that follows. Cookie tokens are stored only as their SHA-256; both expire.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Citizen } from '@dawr/core';
import type { Queryable } from './engine';

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

/** What a login needs when the provider sends the citizen back. */
export interface PendingLogin {
  state: string;
  nonce: string;
  verifier: string;
  returnTo: string;
}

/** A signed-in citizen: who the provider says they are, and the CSRF token of their writes. */
export interface CitizenSession extends Citizen {
  csrf: string;
  /** Contact details the provider shared, to prefill the form (the citizen may change them). */
  email: string | null;
  mobile: string | null;
}

/** Keeps a login until `expiresAt`; returns the browser's cookie value. Expired logins are swept on the way. */
export async function openLogin(q: Queryable, login: PendingLogin, now: number, expiresAt: number): Promise<string> {
  const id = randomBytes(32).toString('base64url');
  await q.query('DELETE FROM hub_citizen_logins WHERE expires_at <= $1', [now]);
  await q.query(
    'INSERT INTO hub_citizen_logins (id_hash, state, nonce, verifier, return_to, expires_at) VALUES ($1, $2, $3, $4, $5, $6)',
    [sha256(id), login.state, login.nonce, login.verifier, login.returnTo, expiresAt],
  );
  return id;
}

/** Takes a login (once: a replayed callback finds nothing), or null when unknown or expired. */
export async function takeLogin(q: Queryable, id: string, now: number): Promise<PendingLogin | null> {
  const [r] = await q.query<{ state: string; nonce: string; verifier: string; return_to: string; expires_at: number }>(
    'DELETE FROM hub_citizen_logins WHERE id_hash = $1 RETURNING state, nonce, verifier, return_to, expires_at',
    [sha256(id)],
  );
  return r && r.expires_at > now ? { state: r.state, nonce: r.nonce, verifier: r.verifier, returnTo: r.return_to } : null;
}

/** Opens a citizen's session; returns the cookie token. */
export async function openCitizenSession(
  q: Queryable,
  c: Citizen & { email: string | null; mobile: string | null },
  expiresAt: number,
): Promise<{ token: string; csrf: string }> {
  const token = randomBytes(32).toString('base64url');
  const csrf = randomBytes(16).toString('base64url');
  await q.query(
    `INSERT INTO hub_citizen_sessions (token_hash, cpr, name, birth_date, nationality, email, mobile, csrf, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [sha256(token), c.cpr, c.name, c.birthDate, c.nationality, c.email, c.mobile, csrf, expiresAt],
  );
  return { token, csrf };
}

/** The citizen of a live session, or null. */
export async function citizenOfSession(q: Queryable, token: string, now: number): Promise<CitizenSession | null> {
  const [r] = await q.query<{ cpr: string; name: string; birth_date: string | null; nationality: string | null; email: string | null; mobile: string | null; csrf: string }>(
    'SELECT cpr, name, birth_date, nationality, email, mobile, csrf FROM hub_citizen_sessions WHERE token_hash = $1 AND expires_at > $2',
    [sha256(token), now],
  );
  return r ? { cpr: r.cpr, name: r.name, birthDate: r.birth_date, nationality: r.nationality, email: r.email, mobile: r.mobile, csrf: r.csrf } : null;
}

/** Ends a citizen's session (and sweeps expired ones). */
export async function closeCitizenSession(q: Queryable, token: string, now: number): Promise<void> {
  await q.query('DELETE FROM hub_citizen_sessions WHERE token_hash = $1 OR expires_at <= $2', [sha256(token), now]);
}
