/**
 * A booking's status as the citizen sees it (domain.md: booked → checked_in → served | no_show | cancelled),
 * derived from the centre's appointment and the branch's ticket for it (synced up as events). Pure.
 */
import { localDayRange } from '../clock';
import type { AppointmentStatus } from '../domain';

export const BOOKING_STATUSES = ['booked', 'checked_in', 'served', 'no_show', 'cancelled'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

/**
 * The status of an appointment at `now`. A checked-in visit follows its ticket (done → served); a booking never
 * checked in is a no-show once its branch-local day is over.
 */
export function bookingStatus(
  appointment: { status: AppointmentStatus; slotAt: number },
  ticket: { state: string } | null,
  now: number,
  tz: string,
): BookingStatus {
  if (appointment.status === 'cancelled' || appointment.status === 'no_show') return appointment.status;
  if (appointment.status === 'checked_in') {
    if (ticket?.state === 'done') return 'served';
    if (ticket?.state === 'no_show' || ticket?.state === 'cancelled') return ticket.state;
    return 'checked_in';
  }
  return now >= localDayRange(appointment.slotAt, tz).end ? 'no_show' : 'booked';
}
