/** The booking QR token: Ed25519-signed claims, verified with the public key alone; forged, altered or expired refused. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BOOKING_TOKEN_PATTERN, type BookingClaims } from '@dawr/core';
import { encode } from 'uqr';
import { generateBookingKey, qrPath, signBookingToken, verifyBookingToken } from '@dawr/web';

const key = generateBookingKey();
const other = generateBookingKey();
const claims: BookingClaims = { i: '019b0000-0000-7000-8000-000000000001', b: 'seef-mall', s: 'seef-mall.renewal', t: 1_797_000_000_000, c: '1234', e: 1_797_050_000_000 };

describe('booking token', () => {
  it('round-trips with the public key, and is one scanner line', () => {
    const token = signBookingToken(claims, key.privateKey);
    expect(token).toMatch(BOOKING_TOKEN_PATTERN);
    expect(token.length).toBeLessThan(300);
    expect(verifyBookingToken(token, key.publicKey, claims.t)).toEqual({ ok: true, claims });
    expect(verifyBookingToken(token, key.publicKey, claims.e)).toEqual({ ok: true, claims });
    expect(verifyBookingToken(token, key.publicKey, claims.e + 1)).toEqual({ ok: false, code: 'TOKEN_EXPIRED' });
  });

  it('refuses a token signed by another key, with altered claims, or a garbled one', () => {
    const token = signBookingToken(claims, key.privateKey);
    expect(verifyBookingToken(signBookingToken(claims, other.privateKey), key.publicKey, claims.t)).toEqual({ ok: false, code: 'TOKEN_INVALID' });
    const [prefix, body, sig] = token.split('.');
    const altered = Buffer.from(JSON.stringify({ ...claims, t: claims.t + 3600_000 })).toString('base64url');
    expect(verifyBookingToken(`${prefix}.${altered}.${sig}`, key.publicKey, claims.t)).toEqual({ ok: false, code: 'TOKEN_INVALID' });
    expect(verifyBookingToken(`${prefix}.${body}.${sig!.slice(0, -2)}AA`, key.publicKey, claims.t)).toEqual({ ok: false, code: 'TOKEN_INVALID' });
    expect(verifyBookingToken(token, 'not-a-key', claims.t)).toEqual({ ok: false, code: 'TOKEN_INVALID' });
    // A well-signed token whose claims are not a booking's (no CPR digits) is refused too.
    const odd = signBookingToken({ ...claims, c: 'abcd' }, key.privateKey);
    expect(verifyBookingToken(odd, key.publicKey, claims.t)).toEqual({ ok: false, code: 'TOKEN_INVALID' });
  });

  it('never throws and never accepts what the key did not sign (fuzzed)', () => {
    const token = signBookingToken(claims, key.privateKey);
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), fc.oneof(fc.integer({ min: 0, max: token.length - 1 }), fc.constant(token.length - 1)), fc.constantFrom(...'ABCDxyz019-_.'), (junk, pos, ch) => {
        expect(verifyBookingToken(junk, key.publicKey, claims.t).ok).toBe(false);
        const flipped = token.slice(0, pos) + ch + token.slice(pos + 1); // the signature's last character too
        if (flipped !== token) expect(verifyBookingToken(flipped, key.publicKey, claims.t).ok).toBe(false);
      }),
      { numRuns: 3000 },
    );
  });

  it('draws its QR as a path covering exactly the dark modules (each row’s runs as rectangles)', () => {
    const token = signBookingToken(claims, key.privateKey);
    const { size, path } = qrPath(token);
    const modules = encode(token, { ecc: 'M', border: 4 }).data;
    expect(size).toBe(modules.length);
    const drawn = modules.map((row) => row.map(() => false));
    for (const [, x, y, w] of path.matchAll(/M(\d+) (\d+)h(\d+)v1h-\3z/g)) for (let i = 0; i < Number(w); i++) drawn[Number(y)]![Number(x) + i] = true;
    expect(path.replace(/M(\d+) (\d+)h(\d+)v1h-\3z/g, '')).toBe('');
    expect(drawn).toEqual(modules);
  });
});
