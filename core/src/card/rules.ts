/**
 * Seed rules the kiosk applies to card data. Pure: `now` (epoch ms) and the branch time zone are passed in,
 * and every calendar comparison is made on the branch-local day. Returns values; the words come from i18n.
 */
import { localDay } from '../clock';
import { daysBetween, isoParts } from './dates';

/**
 * Days before expiry from which a renewal is accepted. 90 days is a working assumption (a common renewal
 * window for identity documents), not a published iGA rule: confirm it and change it here.
 */
export const RENEWAL_WINDOW_DAYS = 90;

/** Below this age (in whole years) a child's card can be issued online, without a branch visit. */
export const ONLINE_ISSUE_MAX_AGE = 4;

/**
 * Whole years from `birthDate` (YYYY-MM-DD) to the branch-local day of `now`. A 29 February birthday counts
 * on 1 March in common years. Negative for a birth date in the future. Throws RangeError on a malformed date.
 */
export function ageInYears(birthDate: string, now: number, tz: string): number {
  const b = isoParts(birthDate);
  const t = isoParts(localDay(now, tz));
  const hadBirthday = t.m > b.m || (t.m === b.m && t.d >= b.d);
  return t.y - b.y - (hadBirthday ? 0 : 1);
}

/** Whether the holder is under four (0-3 full years): a child under four can have the card issued online. */
export function isUnderFour(birthDate: string, now: number, tz: string): boolean {
  const age = ageInYears(birthDate, now, tz);
  return age >= 0 && age < ONLINE_ISSUE_MAX_AGE;
}

/**
 * A card's standing for renewal: 'expired' after its expiry day, 'due' from `windowDays` before it up to and
 * including the expiry day, else 'valid'. `daysLeft` counts branch-local days to the expiry day (0 on it).
 */
export interface RenewalCheck {
  needed: boolean;
  status: 'expired' | 'due' | 'valid';
  daysLeft: number;
}

/** Whether a card expiring on `expiryDate` (YYYY-MM-DD) needs renewing now. Throws RangeError on a malformed date. */
export function renewalNeeded(expiryDate: string, now: number, tz: string, windowDays = RENEWAL_WINDOW_DAYS): RenewalCheck {
  const daysLeft = daysBetween(localDay(now, tz), expiryDate);
  const status = daysLeft < 0 ? 'expired' : daysLeft <= windowDays ? 'due' : 'valid';
  return { needed: status !== 'valid', status, daysLeft };
}

/**
 * What the kiosk does with a renewal or replacement request: 'proceed' when the card is expired or due;
 * 'replacement-service' when it is still valid but damaged (routed to the damaged-card replacement service);
 * 'not-needed' when it is valid and undamaged (the visitor is told a valid card need not be replaced).
 */
export type CardRequestAdvice = 'proceed' | 'replacement-service' | 'not-needed';

/** Applies the renewal rule to a renewal/replacement request for the card expiring on `expiryDate`. */
export function adviseCardRequest(
  request: { expiryDate: string; damaged: boolean },
  now: number,
  tz: string,
  windowDays = RENEWAL_WINDOW_DAYS,
): { advice: CardRequestAdvice; check: RenewalCheck } {
  const check = renewalNeeded(request.expiryDate, now, tz, windowDays);
  const advice = check.needed ? 'proceed' : request.damaged ? 'replacement-service' : 'not-needed';
  return { advice, check };
}
