import { redirect } from '@sveltejs/kit';
import { CARD_COLLECTION_SERVICE, formatReference } from '@dawr/core';
import { hrefFor, langOf } from '$lib/lang';
import { allowsNoId } from '$lib/services';
import { branchView } from '$lib/server/branch';
import { lookUpReadyCard } from '$lib/server/card';
import { currentVisit, touchVisit } from '$lib/server/visit';
import type { ServiceRow } from '$lib/views';
import type { PageServerLoad } from './$types';

/**
 * The services this branch offers, each with what it needs (the seed's conditions for non-Bahrainis and
 * the photo rules are in each service's `requirements`). Without an ID only some can be chosen. A visitor
 * whose new card is ready here is told so first and offered its collection ticket; one whose card is still being
 * made for collection here is told that first.
 */
export const load: PageServerLoad = async ({ url }) => {
  const lang = langOf(url);
  const v = currentVisit();
  if (!v || (!v.identity && !v.noId)) redirect(303, hrefFor('/', lang));
  if (v.ticket) redirect(303, hrefFor('/ticket', lang));
  touchVisit();
  const { snapshot, open, holiday, connected } = await branchView();
  const identified = v.identity !== null;
  const collection = snapshot?.services.find((s) => s.code === CARD_COLLECTION_SERVICE);
  // A new card waiting here for this CPR: said first, with its collection ticket (when walk-ins can take one).
  // One still being made for collection here: said first too, so they need not queue for it.
  const lookup = collection?.acceptsWalkIns ? await lookUpReadyCard(v) : null;
  const card = lookup?.card ?? null;
  const pending = lookup?.pending ?? null;
  return {
    readyCard: card ? { reference: formatReference(card.reference) } : null,
    pendingCard: pending ? { reference: formatReference(pending.reference) } : null,
    connected: connected && snapshot !== null,
    open,
    holiday,
    noId: !identified,
    // Looked up and none found (a booking code always has its appointment).
    noAppointment: identified && v.identity?.via !== 'booking' && v.appointments?.length === 0,
    // The services that can be chosen first (without an ID: the collections), the rest after them.
    services: (snapshot?.services ?? []).map(
      (s): ServiceRow => ({
        code: s.code,
        prefix: s.prefix,
        name: s.name,
        requirements: s.requirements,
        waiting: s.waiting,
        estimatedWaitMin: s.estimatedWaitMin,
        blocked: !s.acceptsWalkIns ? 'appointments_only' : !identified && !allowsNoId(s.code) ? 'needs_id' : null,
      }),
    ).sort((a, b) => Number(a.blocked !== null) - Number(b.blocked !== null)),
  };
};
