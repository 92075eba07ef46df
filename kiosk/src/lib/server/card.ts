/**
 * A new ID card ready for collection at this branch (online renewal) for the visitor, looked up once per visit by
 * the CPR they identified with (card, MRZ or typed; a booking code carries none). The branch knows the cards the
 * centre sent down as ready here, and the applications for collection here it is still making (the kiosk says the
 * card is being made); one ready at another branch or sent by post is the centre's, not known here, so the kiosk
 * says what the centre's "card ready" message tells instead.
 */
import type { PendingCardView, ReadyCard } from '@dawr/core';
import { findReadyCard } from './branch';
import type { Visit } from './visit';

/** What the branch server answered about the visit's ready card: `answered` is false when it could not be asked. */
export interface CardLookup {
  answered: boolean;
  card: ReadyCard | null;
  /** No card ready here, but one being made for collection here. */
  pending: PendingCardView | null;
}

/**
 * Looks up the visit's ready card once per visit (a booking code carries no CPR: answered, none). No answer from
 * the branch server is not "none": it is asked again on the next screen, and the visitor is never told "no card
 * is waiting" because the branch was unreachable.
 */
export async function lookUpReadyCard(v: Visit): Promise<CardLookup> {
  if (!v.identity || v.identity.via === 'booking') return { answered: true, card: null, pending: null };
  if (v.readyCard === undefined) {
    const r = await findReadyCard(v.identity.card.cpr);
    if (!r.ok) return { answered: false, card: null, pending: null };
    v.readyCard = r.card;
    v.pendingCard = r.card ? null : r.pending;
  }
  return { answered: true, card: v.readyCard, pending: v.pendingCard };
}

/** The visit's ready card, or null (none, a booking code, or no answer from the branch server). */
export async function readyCardOf(v: Visit): Promise<ReadyCard | null> {
  return (await lookUpReadyCard(v)).card;
}

/** Whether the visit identified with a CPR (so the kiosk can know whether a card is ready for it). */
export function hasCpr(v: Visit): boolean {
  return v.identity !== null && v.identity.via !== 'booking';
}
