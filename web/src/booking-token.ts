/**
 * The booking QR's token (core/src/booking/token.ts): signed by the centre with its Ed25519 key, verified by a
 * branch offline with the centre's public key from its catalogue. node:crypto only; keys travel as base64url
 * (public: SPKI DER; private: PKCS#8 DER).
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { BOOKING_TOKEN_PATTERN, BOOKING_TOKEN_PREFIX, type BookingClaims } from '@dawr/core';

/** A new Ed25519 key pair for signing booking tokens. */
export function generateBookingKey(): { privateKey: string; publicKey: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKey: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64url'),
    publicKey: publicKey.export({ format: 'der', type: 'spki' }).toString('base64url'),
  };
}

const privateKeys = new Map<string, KeyObject>();
const publicKeys = new Map<string, KeyObject | null>();

function privateKeyOf(key: string): KeyObject {
  let k = privateKeys.get(key);
  if (!k) {
    k = createPrivateKey({ key: Buffer.from(key, 'base64url'), format: 'der', type: 'pkcs8' });
    privateKeys.set(key, k);
  }
  return k;
}

/** The public key object, or null when the text is not an Ed25519 SPKI key. */
function publicKeyOf(key: string): KeyObject | null {
  if (!publicKeys.has(key)) {
    let k: KeyObject | null = null;
    try {
      k = createPublicKey({ key: Buffer.from(key, 'base64url'), format: 'der', type: 'spki' });
      if (k.asymmetricKeyType !== 'ed25519') k = null;
    } catch {
      k = null;
    }
    publicKeys.set(key, k);
  }
  return publicKeys.get(key)!;
}

/** The token text for a booking's claims, signed with the centre's private key. */
export function signBookingToken(claims: BookingClaims, privateKey: string): string {
  const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
  const signature = sign(null, Buffer.from(`${BOOKING_TOKEN_PREFIX}${body}`), privateKeyOf(privateKey)).toString('base64url');
  return `${BOOKING_TOKEN_PREFIX}${body}.${signature}`;
}

export type TokenCheck = { ok: true; claims: BookingClaims } | { ok: false; code: 'TOKEN_INVALID' | 'TOKEN_EXPIRED' };

const ID = /^[A-Za-z0-9._:-]{1,64}$/;
const isClaims = (x: unknown): x is BookingClaims => {
  const c = x as Partial<BookingClaims> | null;
  return (
    typeof c === 'object' && c !== null &&
    typeof c.i === 'string' && ID.test(c.i) &&
    typeof c.b === 'string' && ID.test(c.b) &&
    typeof c.s === 'string' && c.s.length > 0 && c.s.length <= 128 &&
    Number.isSafeInteger(c.t) && Number.isSafeInteger(c.e) &&
    typeof c.c === 'string' && /^\d{4}$/.test(c.c)
  );
};

/**
 * Verifies a token against the centre's public key at `now`: a malformed, forged or altered token is
 * TOKEN_INVALID; a genuine one past its end (the slot's day) is TOKEN_EXPIRED.
 */
export function verifyBookingToken(token: string, publicKey: string, now: number): TokenCheck {
  const invalid = { ok: false, code: 'TOKEN_INVALID' } as const;
  const key = publicKeyOf(publicKey);
  if (!key || typeof token !== 'string' || !BOOKING_TOKEN_PATTERN.test(token)) return invalid;
  const dot = token.lastIndexOf('.');
  const signed = token.slice(0, dot);
  const signature = Buffer.from(token.slice(dot + 1), 'base64url');
  // Only the canonical spelling: base64url's unused trailing bits would otherwise let one token have many texts.
  if (signature.toString('base64url') !== token.slice(dot + 1)) return invalid;
  if (!verify(null, Buffer.from(signed), key, signature)) return invalid;
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(signed.slice(BOOKING_TOKEN_PREFIX.length), 'base64url').toString('utf8'));
  } catch {
    return invalid;
  }
  if (!isClaims(claims)) return invalid;
  return now > claims.e ? { ok: false, code: 'TOKEN_EXPIRED' } : { ok: true, claims };
}
