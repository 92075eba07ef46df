/**
 * A new ID card ready for collection at this branch (online renewal) for the visitor, looked up once per visit by
 * the CPR they identified with (card, MRZ or typed; a booking code carries none). The branch knows only the cards
 * the centre sent down as ready here: an application still in production, ready at another branch or sent by post
 * is the centre's, not known here, so the kiosk says what the centre's "card ready" message tells instead.
 */
import type { ReadyCard } from '@dawr/core';
import { findReadyCard } from './branch';
import type { Visit } from './visit';

/**
 * The visit's ready card, or null (none, a booking code, or no answer from the branch server: then it is asked
 * again on the next screen, and the visitor can still choose the collection service).
 */
export async function readyCardOf(v: Visit): Promise<ReadyCard | null> {
  if (!v.identity || v.identity.via === 'booking') return null;
  if (v.readyCard === undefined) {
    const r = await findReadyCard(v.identity.card.cpr);
    if (!r.ok) return null;
    v.readyCard = r.card;
  }
  return v.readyCard;
}

/** Whether the visit identified with a CPR (so the kiosk can know whether a card is ready for it). */
export function hasCpr(v: Visit): boolean {
  return v.identity !== null && v.identity.via !== 'booking';
}
