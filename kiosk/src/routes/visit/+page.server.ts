import { redirect } from '@sveltejs/kit';
import { CARD_COLLECTION_SERVICE, maskCpr } from '@dawr/core';
import { formatTime } from '$lib/format';
import { hrefFor, langOf } from '$lib/lang';
import type { AppointmentRow } from '$lib/views';
import { branchView, findAppointments } from '$lib/server/branch';
import { readyCardOf } from '$lib/server/card';
import { failed, type ShownError } from '$lib/server/failures';
import { checkInAppointment } from '$lib/server/ticketing';
import { currentVisit, touchVisit } from '$lib/server/visit';
import type { Actions, PageServerLoad } from './$types';

/**
 * After identification: today's appointments at this branch (looked up once per visit). None → the
 * services. This is the one screen that shows the visitor's name (from the card) and a masked CPR.
 */
export const load: PageServerLoad = async ({ url }) => {
  const lang = langOf(url);
  const v = currentVisit();
  if (!v?.identity) redirect(303, hrefFor('/', lang));
  if (v.ticket) redirect(303, hrefFor('/ticket', lang));
  touchVisit();
  let error: ShownError | null = null;
  if (v.appointments === null) {
    const r = await findAppointments(v.identity.via === 'booking' ? { token: v.identity.token } : { cpr: v.identity.card.cpr });
    if (r.ok) v.appointments = r.appointments;
    else error = { code: r.code, msgs: r.msgs };
  }
  if (v.appointments?.length === 0 && v.identity.via !== 'booking') redirect(303, hrefFor('/services', lang));
  const { snapshot } = await branchView(0);
  const tz = snapshot?.branch.timezone ?? 'Asia/Bahrain';
  const id = v.identity;
  const collection = snapshot?.services.find((s) => s.code === CARD_COLLECTION_SERVICE);
  return {
    error,
    // Their new card is here too: offered beside the appointments.
    cardReady: collection?.acceptsWalkIns ? (await readyCardOf(v)) !== null : false,
    person:
      id.via === 'booking'
        ? null
        : { nameAr: id.card.nameAr, nameEn: id.card.nameEn, cpr: maskCpr(id.card.cpr) },
    appointments: (v.appointments ?? []).map(
      (a): AppointmentRow => ({
        id: a.id,
        service: snapshot?.services.find((s) => s.id === a.serviceId)?.name ?? null,
        time: formatTime(a.slotAt, tz),
        opensAt: formatTime(a.checkInOpensAt, tz),
        window: a.window,
        status: a.status,
      }),
    ),
  };
};

export const actions: Actions = {
  /** Checks in one of the visit's appointments (on time, or late as a walk-in), then the ticket screen. */
  checkIn: async ({ request, url }) => {
    const lang = langOf(url);
    const v = currentVisit();
    if (!v?.identity) redirect(303, hrefFor('/', lang));
    const id = String((await request.formData()).get('appointmentId') ?? '');
    if (!v.appointments?.some((a) => a.id === id)) redirect(303, hrefFor('/visit', lang));
    const failure = await checkInAppointment(v, id, lang);
    if (failure) return failed(failure);
    redirect(303, hrefFor('/ticket', lang));
  },
};
