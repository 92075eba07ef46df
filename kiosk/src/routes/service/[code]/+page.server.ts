import { redirect } from '@sveltejs/kit';
import {
  adviseCardRequest,
  CARD_COLLECTION_SERVICE,
  ERROR_MESSAGES,
  formatReference,
  isUnderFour,
  PRIORITIES,
  TICKET_NOTES,
  type Priority,
  type ServiceStatus,
  type TicketNote,
} from '@dawr/core';
import { hrefFor, langOf } from '$lib/lang';
import { allowsNoId, CARD_SERVICE_CODES, RENEWAL_SERVICE_CODES, REPLACEMENT_SERVICE_CODE } from '$lib/services';
import { branchNow, branchView } from '$lib/server/branch';
import { hasCpr, lookUpReadyCard } from '$lib/server/card';
import { failed } from '$lib/server/failures';
import { issueWalkIn } from '$lib/server/ticketing';
import { currentVisit, touchVisit, type Visit } from '$lib/server/visit';
import type { Actions, PageServerLoad } from './$types';

/**
 * What this screen asks: the online-issue notice, the valid-card question, "no card is waiting for you here"
 * (collection), or the priority question.
 */
type Step = 'online' | 'valid' | 'no-card' | 'card-pending' | 'priority';

/** The visit allowed to take a ticket for `code`, and the service; otherwise a redirect. */
async function context(code: string, url: URL): Promise<{ visit: Visit; service: ServiceStatus; tz: string }> {
  const lang = langOf(url);
  const visit = currentVisit();
  if (!visit || (!visit.identity && !visit.noId)) redirect(303, hrefFor('/', lang));
  if (visit.ticket) redirect(303, hrefFor('/ticket', lang));
  const { service, tz } = await serviceOf(code);
  if (!service || !service.acceptsWalkIns || (!visit.identity && !allowsNoId(code))) redirect(303, hrefFor('/services', lang));
  return { visit, service, tz };
}

/** A note to the clerk from a query or form value; anything else is no note. */
function noteOf(raw: unknown): TicketNote | null {
  return TICKET_NOTES.find((n) => n === raw) ?? null;
}

async function serviceOf(code: string): Promise<{ service: ServiceStatus | null; tz: string }> {
  const { snapshot } = await branchView();
  return { service: snapshot?.services.find((s) => s.code === code) ?? null, tz: snapshot?.branch.timezone ?? 'Asia/Bahrain' };
}

/**
 * The seed's card rules, applied to a card read from the card itself (chip or MRZ; a typed CPR tells us
 * nothing about the card): a child under four is told the card can be issued online; a renewal or
 * replacement of a card still valid beyond the renewal window is told it need not be replaced, unless it
 * is damaged (then the replacement service) or needed for another reason, which the kiosk cannot judge:
 * then the ticket carries a note asking the clerk to decide (`?note=clerk-decision`). The visitor can always
 * go on: the clerk has the last word. Collecting a card with a CPR: a card ready here is named on the priority
 * screen; one still being made for collection here gets "your new card is being made" first, and none at all
 * "no card is waiting for you here" (`?nocard=continue` goes on to the ticket in both).
 */
export const load: PageServerLoad = async ({ params, url }) => {
  const { visit, service, tz } = await context(params.code, url);
  touchVisit();
  const id = visit.identity;
  const card = id && id.via !== 'booking' && id.via !== 'typed' ? id.card : null;
  const now = branchNow();
  let step: Step = 'priority';
  if (card?.birthDate && CARD_SERVICE_CODES.includes(service.code) && isUnderFour(card.birthDate, now, tz) && url.searchParams.get('online') !== 'continue') {
    step = 'online';
  } else if (card?.expiryDate && RENEWAL_SERVICE_CODES.includes(service.code) && url.searchParams.get('damaged') !== 'yes' && !noteOf(url.searchParams.get('note'))) {
    if (adviseCardRequest({ expiryDate: card.expiryDate, damaged: false }, now, tz).advice === 'not-needed') step = 'valid';
  }
  // Collecting a card: the kiosk knows the cards ready here. None for this CPR: say so before any ticket (it may
  // still be wanted, for a card applied for at a counter). No answer from the branch server is not "none".
  // A card the centre is still making for collection here: say that instead (no ticket unless asked for anyway).
  const lookup = service.code === CARD_COLLECTION_SERVICE && visit.identity ? await lookUpReadyCard(visit) : { answered: false, card: null, pending: null };
  const ready = lookup.card;
  if (service.code === CARD_COLLECTION_SERVICE && hasCpr(visit) && lookup.answered && !ready && url.searchParams.get('nocard') !== 'continue') {
    step = lookup.pending ? 'card-pending' : 'no-card';
  }
  const lang = langOf(url);
  // Where "yes, it is damaged" leads: adviseCardRequest routes a valid damaged card to the replacement service.
  const damagedTo =
    card?.expiryDate && adviseCardRequest({ expiryDate: card.expiryDate, damaged: true }, now, tz).advice === 'replacement-service'
      ? REPLACEMENT_SERVICE_CODE
      : service.code;
  return {
    step,
    service: { code: service.code, name: service.name, requirements: service.requirements },
    expiryDate: step === 'valid' ? card?.expiryDate ?? null : null,
    note: step === 'priority' ? noteOf(url.searchParams.get('note')) : null,
    damagedHref: hrefFor(`/service/${damagedTo}`, lang, new URLSearchParams({ damaged: 'yes' })),
    otherReasonHref: hrefFor(`/service/${service.code}`, lang, new URLSearchParams({ note: 'clerk-decision' })),
    continueHref: hrefFor(`/service/${service.code}`, lang, new URLSearchParams({ online: 'continue' })),
    cardReference: step === 'priority' && ready ? formatReference(ready.reference) : null,
    pendingReference: step === 'card-pending' && lookup.pending ? formatReference(lookup.pending.reference) : null,
    noCardContinueHref: hrefFor(`/service/${service.code}`, lang, new URLSearchParams({ nocard: 'continue' })),
  };
};

export const actions: Actions = {
  /** Issues the visit's walk-in ticket with the chosen priority, then the ticket screen. */
  issue: async ({ params, request, url }) => {
    const { visit, service } = await context(params.code, url);
    const form = await request.formData();
    const raw = String(form.get('priority') ?? 'none');
    if (raw !== 'none' && !PRIORITIES.includes(raw as Priority)) return failed({ code: 'BAD_REQUEST', msgs: ERROR_MESSAGES.BAD_REQUEST }, 400);
    const failure = await issueWalkIn(visit, service.id, raw === 'none' ? null : (raw as Priority), langOf(url), noteOf(form.get('note')));
    if (failure) return failed(failure);
    redirect(303, hrefFor('/ticket', langOf(url)));
  },
};
