/**
 * The centre's Ed25519 key that signs booking QR tokens. Made once (the first hub process to open the database
 * makes it; the others read the same one) and published in every branch's catalogue, so each branch gets the
 * public key through its down log and can verify tokens offline.
 */
import { generateBookingKey } from '@dawr/web';
import type { BranchCatalogue } from '@dawr/core';
import type { Sql } from './engine';
import { CATALOGUE_CHANGED } from './catalogue';
import { appendDown } from './sync-down';

export interface BookingKey {
  /** PKCS#8 DER, base64url. Never leaves the hub. */
  privateKey: string;
  /** SPKI DER, base64url: what branches verify with. */
  publicKey: string;
}

/** The signing key, made on first use. */
export async function ensureBookingKey(sql: Sql, now: number): Promise<BookingKey> {
  const fresh = generateBookingKey();
  await sql.query(
    "INSERT INTO hub_keys (id, private_key, public_key, created_at) VALUES ('booking', $1, $2, $3) ON CONFLICT (id) DO NOTHING",
    [fresh.privateKey, fresh.publicKey, now],
  );
  const [key] = await sql.query<{ private_key: string; public_key: string }>("SELECT private_key, public_key FROM hub_keys WHERE id = 'booking'");
  return { privateKey: key!.private_key, publicKey: key!.public_key };
}

/** Every catalogue that does not carry the public key gets it, as a new version sent down to its branch. */
export async function publishBookingKey(sql: Sql, publicKey: string, now: number): Promise<void> {
  const stale = await sql.query<{ branch_id: string }>("SELECT branch_id FROM hub_catalogues WHERE doc->>'bookingKey' IS DISTINCT FROM $1", [publicKey]);
  for (const { branch_id } of stale) {
    await sql.tx(async (q) => {
      const [row] = await q.query<{ version: number; doc: BranchCatalogue }>('SELECT version, doc FROM hub_catalogues WHERE branch_id = $1 FOR UPDATE', [branch_id]);
      if (!row || row.doc.bookingKey === publicKey) return; // another hub process got there first
      const catalogue = { ...row.doc, bookingKey: publicKey };
      const version = row.version + 1;
      await q.query('UPDATE hub_catalogues SET version = $2, doc = $3::jsonb, updated_at = $4 WHERE branch_id = $1', [branch_id, version, JSON.stringify(catalogue), now]);
      await appendDown(q, branch_id, CATALOGUE_CHANGED, 1, { version, catalogue }, now);
    });
  }
}
