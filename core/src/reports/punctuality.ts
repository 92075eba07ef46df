/** Appointment punctuality: when booked visitors came against their slot. Pure. */
import { DEFAULT_CHECK_IN_WINDOW, type CheckInWindowRules } from '../queue/checkin';
import type { ReportAppointment, ReportTicket, Transaction } from './types';

const MIN = 60_000;

/**
 * How booked visitors came. `early`: checked in more than `graceMin` before the slot; `onTime`: within
 * `graceMin` of it either way; `late`: more than `graceMin` after it (of those, `lostPlace` after the check-in
 * window closed, so they joined as walk-ins); `noShow`: never checked in and the window has closed;
 * `pending`: not yet come and the window still open (today). `noShow` and `pending` are null when the
 * appointments themselves are unknown (the hub's side-by-side reads tickets only).
 */
export interface Punctuality {
  booked: number | null;
  early: number;
  onTime: number;
  late: number;
  lostPlace: number;
  noShow: number | null;
  pending: number | null;
  graceMin: number;
}

/** The tolerance around the slot that still counts as on time. */
export const DEFAULT_PUNCTUALITY_GRACE_MIN = 5;

/**
 * Punctuality of the period's appointments. With `appointments`, every booking not cancelled counts (its
 * ticket's arrival, or no-show once its window closed before `now`); without, the tickets that came with an
 * appointment are classed and no-shows are unknown.
 */
export function punctualityOf(
  tickets: ReadonlyMap<string, ReportTicket>,
  firstTx: ReadonlyMap<string, Transaction>,
  appointments: readonly ReportAppointment[] | undefined,
  opts: { graceMin?: number; checkIn?: Readonly<CheckInWindowRules>; now?: number } = {},
): Punctuality {
  const graceMin = opts.graceMin ?? DEFAULT_PUNCTUALITY_GRACE_MIN;
  const lateMin = (opts.checkIn ?? DEFAULT_CHECK_IN_WINDOW).lateMin;
  const p: Punctuality = { booked: 0, early: 0, onTime: 0, late: 0, lostPlace: 0, noShow: 0, pending: 0, graceMin };
  const classify = (slotAt: number, arrivedAt: number) => {
    const d = arrivedAt - slotAt;
    if (d < -graceMin * MIN) p.early++;
    else if (d <= graceMin * MIN) p.onTime++;
    else {
      p.late++;
      if (d > lateMin * MIN) p.lostPlace++;
    }
  };
  if (appointments === undefined) {
    for (const [id, tx] of firstTx) {
      const t = tickets.get(id);
      if (t?.appointmentId != null && t.slotAt !== null) classify(t.slotAt, tx.enteredAt);
    }
    return { ...p, booked: null, noShow: null, pending: null };
  }
  for (const a of appointments) {
    if (a.status === 'cancelled') continue;
    p.booked!++;
    const tx = a.ticketId === null ? undefined : firstTx.get(a.ticketId);
    if (tx) classify(a.slotAt, tx.enteredAt);
    else if (opts.now !== undefined && a.slotAt + lateMin * MIN >= opts.now) p.pending!++;
    else p.noShow!++;
  }
  return p;
}
