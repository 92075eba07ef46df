/**
 * The visit's one ticket: issued (walk-in) or checked in (appointment) exactly once, then printed. The
 * visit's requestId makes a retry after a timeout return the same ticket; `pending` makes a second tap
 * wait for the first instead of sending another request.
 */
import type { VisitorLang, Priority, TicketNote } from '@dawr/core';
import { checkIn, issueTicket, type KioskFailure } from './branch';
import { printVisitTicket, trackUrl } from './printing';
import { visitChanged, visitorOf, type IssuedTicket, type Visit } from './visit';

type Outcome = { ok: true; ticket: IssuedTicket['ticket']; trackToken: string; late: boolean } | KioskFailure;

async function once(visit: Visit, lang: VisitorLang, request: () => Promise<Outcome>): Promise<KioskFailure | null> {
  if (visit.ticket) return null;
  if (visit.pending) {
    await visit.pending.catch(() => undefined);
    if (visit.ticket) return null;
  }
  const running = request();
  visit.pending = running;
  try {
    const r = await running;
    if (!r.ok) return r;
    const issued: IssuedTicket = { ticket: r.ticket, trackToken: r.trackToken, late: r.late, qrUrl: trackUrl(r.trackToken, lang) };
    visit.ticket = issued;
    visitChanged();
    // Not awaited: the ticket screen shows at once and follows the print over /events.
    void printVisitTicket(visit, issued);
    return null;
  } finally {
    visit.pending = null;
  }
}

/**
 * A walk-in ticket for `serviceId` with the visitor's priority (null: none) and the kiosk's note to the
 * clerk (kept with who the visitor is, so only an identified visitor's ticket carries one). `lang`: the
 * screen's language, which the ticket's phone page follows. Null on success.
 */
export function issueWalkIn(
  visit: Visit,
  serviceId: string,
  priority: Priority | null,
  lang: VisitorLang,
  note: TicketNote | null = null,
): Promise<KioskFailure | null> {
  return once(visit, lang, async () => {
    const who = visitorOf(visit.identity);
    const visitor = who && note ? { ...who, note } : who;
    const r = await issueTicket({ serviceId, priority, requestId: visit.requestId, ...(visitor ? { visitor } : {}) });
    return r.ok ? { ...r, late: false } : r;
  });
}

/**
 * Checks in the visit's appointment `appointmentId` (`lang` as for issueWalkIn). Null on success. A visit that came
 * with a booking QR checks in by its token: the branch honours it even when the booking has not synced yet.
 */
export function checkInAppointment(visit: Visit, appointmentId: string, lang: VisitorLang): Promise<KioskFailure | null> {
  return once(visit, lang, async () => {
    const visitor = visitorOf(visit.identity);
    const by = visit.identity?.via === 'booking' ? { token: visit.identity.token } : { appointmentId };
    const r = await checkIn({ ...by, priority: null, requestId: visit.requestId, ...(visitor ? { visitor } : {}) });
    return r.ok ? { ok: true, ticket: r.ticket, trackToken: r.trackToken, late: r.late } : r;
  });
}
