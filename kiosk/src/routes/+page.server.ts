import { fail, redirect } from '@sveltejs/kit';
import { ERROR_MESSAGES } from '@dawr/core';
import { hrefFor, langOf } from '$lib/lang';
import { branchView, issueTicket, type KioskErrorCode, type KioskFailure } from '$lib/server/branch';
import type { Actions, PageServerLoad } from './$types';

/** The start screen: the branch's services with their live queues. */
export const load: PageServerLoad = async () => {
  const { connected, snapshot, open } = await branchView();
  return { connected: connected && snapshot !== null, open, services: snapshot?.services ?? [], requestId: crypto.randomUUID() };
};

const STATUS: Partial<Record<KioskErrorCode, number>> = { OFFLINE: 503, BAD_REQUEST: 400, UNKNOWN_SERVICE: 400 };

function failed(f: KioskFailure) {
  return fail(STATUS[f.code] ?? 409, { error: { code: f.code, msgs: f.msgs } });
}

export const actions: Actions = {
  /** A walk-in ticket for the chosen service, then the ticket screen (a GET, safe to reload). */
  issue: async ({ request, url }) => {
    const form = await request.formData();
    const serviceId = form.get('serviceId');
    const requestId = form.get('requestId');
    if (typeof serviceId !== 'string' || serviceId.length === 0 || serviceId.length > 64) {
      return failed({ ok: false, code: 'BAD_REQUEST', msgs: ERROR_MESSAGES.BAD_REQUEST });
    }
    const r = await issueTicket(serviceId, typeof requestId === 'string' && requestId.length <= 64 ? requestId : undefined);
    if (!r.ok) return failed(r);
    const { ticket } = r;
    const query = new URLSearchParams({
      number: ticket.number,
      service: ticket.serviceId,
      position: ticket.position === null ? '' : String(ticket.position),
      wait: ticket.estimatedWaitMin === null ? '' : String(ticket.estimatedWaitMin),
    });
    redirect(303, hrefFor('/ticket', langOf(url), query));
  },
};
