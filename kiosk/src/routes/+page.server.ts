import { redirect } from '@sveltejs/kit';
import { CARD_ERROR_MESSAGES, idCardFromMrz, parseMrz } from '@dawr/core';
import { hrefFor, langOf } from '$lib/lang';
import { classifyScan } from '$lib/scan';
import { allowsNoId } from '$lib/services';
import { branchNow, branchView, findAppointments } from '$lib/server/branch';
import { cardUi } from '$lib/server/card-bridge';
import { both, failed } from '$lib/server/failures';
import { currentVisit, ensureVisit, identify, resetVisit } from '$lib/server/visit';
import type { Actions, PageServerLoad } from './$types';

/** A card read this recently, with the page still on the start screen, is the visitor at the kiosk now. */
const FRESH_CARD_MS = 15_000;

/**
 * The start screen: the ways in and the live queues. Showing it ends any visit (the start screen belongs to
 * the next visitor), except a card read a moment ago that the page has not caught up with yet.
 */
export const load: PageServerLoad = async ({ url }) => {
  const v = currentVisit();
  if (v) {
    if (v.identity?.via === 'chip' && !v.ticket && Date.now() - v.identifiedAt < FRESH_CARD_MS) redirect(303, hrefFor('/visit', langOf(url)));
    resetVisit();
  }
  const { connected, snapshot, open, holiday } = await branchView();
  const services = snapshot?.services ?? [];
  return {
    connected: connected && snapshot !== null,
    open,
    holiday,
    services,
    noIdServices: services.filter((s) => s.acceptsWalkIns && allowsNoId(s.code)).map((s) => s.name),
    card: cardUi(),
  };
};

export const actions: Actions = {
  /**
   * What the scanner typed: a booking QR (the centre's signed token) or the card's MRZ. The text is never logged
   * (an MRZ holds the visitor's name, birth date and CPR).
   */
  scan: async ({ request, url }) => {
    const text = String((await request.formData()).get('scan') ?? '').slice(0, 1500);
    const scan = classifyScan(text);
    if (scan.kind === 'booking') {
      const r = await findAppointments({ token: scan.token });
      if (!r.ok) return failed(r);
      if (r.appointments.length === 0) return failed({ code: 'NO_APPOINTMENT', msgs: both('kiosk.scan.noBooking') }, 404);
      identify({ via: 'booking', token: scan.token }).appointments = r.appointments;
      redirect(303, hrefFor('/visit', langOf(url)));
    }
    if (scan.kind === 'mrz') {
      const tz = (await branchView(0)).snapshot?.branch.timezone ?? 'Asia/Bahrain';
      const mrz = parseMrz(scan.text, branchNow(), tz);
      if (!mrz.ok) return failed({ code: mrz.error, msgs: CARD_ERROR_MESSAGES[mrz.error] }, 400);
      const card = idCardFromMrz(mrz.data);
      if (!card) return failed({ code: 'MRZ_NO_CPR', msgs: both('kiosk.scan.noCpr') }, 400);
      identify({ via: 'mrz', card });
      redirect(303, hrefFor('/visit', langOf(url)));
    }
    return failed({ code: 'SCAN_UNKNOWN', msgs: both('kiosk.scan.unknown') }, 400);
  },

  /** "Continue without an ID card": the services that allow it (see $lib/services). */
  noId: async ({ url }) => {
    ensureVisit().noId = true;
    redirect(303, hrefFor('/services', langOf(url)));
  },
};
