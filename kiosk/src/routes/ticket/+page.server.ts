import { redirect } from '@sveltejs/kit';
import { formatDateTime } from '$lib/format';
import { hrefFor, langOf } from '$lib/lang';
import { branchView } from '$lib/server/branch';
import { currentVisit, touchVisit } from '$lib/server/visit';
import type { PageServerLoad } from './$types';

/**
 * The visit's ticket, from the server's memory (nothing in the URL: a reload shows it again, a reset ends
 * it). The same facts as the printed ticket (see printing.ts printoutOf): number, service, branch, time,
 * people ahead, estimated wait, the phone-tracking QR code, the hotline.
 */
export const load: PageServerLoad = async ({ url }) => {
  const v = currentVisit();
  if (!v?.ticket) redirect(303, hrefFor('/', langOf(url)));
  touchVisit();
  const { ticket, qrUrl, late } = v.ticket;
  const { snapshot } = await branchView(0);
  const tz = snapshot?.branch.timezone ?? 'Asia/Bahrain';
  return {
    number: ticket.number,
    service: snapshot?.services.find((s) => s.id === ticket.serviceId)?.name ?? null,
    branchName: snapshot?.branch.name ?? null,
    issuedAt: formatDateTime(ticket.arrivedAt, tz),
    ahead: ticket.position !== null && ticket.position >= 1 ? ticket.position - 1 : null,
    estimatedWaitMin: ticket.estimatedWaitMin,
    qrUrl,
    late,
    print: v.print,
  };
};
