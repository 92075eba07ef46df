/**
 * Which services need what, by service code (the same codes at every branch; see server/src/demo/branches.ts).
 * This is the one place these rules live: the screens, the actions and the tests all read them from here.
 */

/**
 * Services a visitor may take a ticket for without identifying (no card, no CPR): collecting something that
 * is already made. The clerk checks the ID at the counter; the kiosk has nothing to look up for them.
 */
export const NO_ID_SERVICE_CODES: readonly string[] = ['collection', 'birth-certificate'];

/** Services about the visitor's own ID card: a child under four is told the card can be issued online. */
export const CARD_SERVICE_CODES: readonly string[] = ['new-card', 'renewal', 'replacement'];

/**
 * Requests for a new card in place of the current one: with a card read from the card itself (chip or
 * MRZ), core's adviseCardRequest decides whether a still-valid card needs replacing at all.
 */
export const RENEWAL_SERVICE_CODES: readonly string[] = ['renewal', 'replacement'];

/** Where a damaged card goes (the seed's "replacement of a damaged card"). */
export const REPLACEMENT_SERVICE_CODE = 'replacement';

/** Whether a visitor without ID may take a ticket for the service with this code. */
export function allowsNoId(code: string): boolean {
  return NO_ID_SERVICE_CODES.includes(code);
}
