/**
 * Per-branch sync credentials (sync.md §9): a branch presents `<branchId>.<secret>`; the hub keeps only the
 * secret's SHA-256 (the secret is 256 random bits, so a plain hash is enough) and compares in constant time.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Queryable } from './engine';

const hash = (secret: string): string => createHash('sha256').update(secret).digest('hex');

/** Issues (or replaces) a branch's credential; returns the token, shown once. */
export async function issueBranchCredential(q: Queryable, branchId: string, now: number, secret = randomBytes(32).toString('base64url')): Promise<string> {
  await q.query(
    `INSERT INTO branch_credentials (branch_id, secret_hash, created_at) VALUES ($1, $2, $3)
     ON CONFLICT (branch_id) DO UPDATE SET secret_hash = EXCLUDED.secret_hash, created_at = EXCLUDED.created_at`,
    [branchId, hash(secret), now],
  );
  return `${branchId}.${secret}`;
}

/** The branch a token belongs to, or null when it is unknown or wrong. */
export async function branchOfToken(q: Queryable, token: string): Promise<string | null> {
  const dot = token.indexOf('.');
  if (dot <= 0 || token.length > 512) return null;
  const branchId = token.slice(0, dot);
  const [row] = await q.query<{ secret_hash: string }>('SELECT secret_hash FROM branch_credentials WHERE branch_id = $1', [branchId]);
  if (!row) return null;
  const given = Buffer.from(hash(token.slice(dot + 1)), 'hex');
  const stored = Buffer.from(row.secret_hash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored) ? branchId : null;
}
