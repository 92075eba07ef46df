/**
 * The booking QR's signed token, as a contract: the centre signs it (Ed25519), the branch verifies it offline
 * with the centre's public key from its catalogue. The signing and verifying code (node:crypto) is in @dawr/web;
 * this file holds only what both sides and the kiosk agree on. Text: `DAWR-B1.<claims>.<signature>`, both parts
 * base64url; the claims are JSON.
 */

/** The token's prefix (versioned: a new format gets a new prefix). */
export const BOOKING_TOKEN_PREFIX = 'DAWR-B1.';

/** The whole token as a scanner types it (anything else is not a booking QR). */
export const BOOKING_TOKEN_PATTERN = /^DAWR-B1\.[A-Za-z0-9_-]{16,1200}\.[A-Za-z0-9_-]{86}$/;

/**
 * What the token carries: enough to create the appointment at the branch when it has not synced yet. Only the
 * CPR's last 4 digits travel (a QR is read by anyone who sees it).
 */
export interface BookingClaims {
  /** Appointment id. */
  i: string;
  /** Branch id. */
  b: string;
  /** Service id. */
  s: string;
  /** Slot start, epoch ms. */
  t: number;
  /** Last 4 digits of the CPR. */
  c: string;
  /** Not valid after (epoch ms): the end of the slot's branch-local day. */
  e: number;
}
