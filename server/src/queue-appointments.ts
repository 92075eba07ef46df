/**
 * Today's appointments at the branch, as the kiosk's check-in finds and shows them: by CPR, by id, or by the booking
 * QR's token, which the branch verifies offline with the centre's key. A genuine token for an appointment that has
 * not synced yet stands for it (the check-in then stores it); a used one finds the appointment checked in.
 */
import {
  DawrError,
  checkInOpensAt,
  checkInWindow,
  localDayRange,
  type Appointment,
  type AppointmentView,
  type QueueRules,
} from '@dawr/core';
import type { Store } from '@dawr/db';
import { verifyBookingToken } from '@dawr/web';
import type { Clock } from './clock';
import type { Catalogue } from './queue-catalogue';

/** An appointment is looked up by the visitor's CPR, its id, or the booking QR's signed token. */
export type AppointmentQuery = { cpr?: string; appointmentId?: string; token?: string };

export class Appointments {
  constructor(
    private readonly store: Store,
    private readonly catalogue: Catalogue,
    private readonly clock: Clock,
    private readonly rules: QueueRules,
  ) {}

  /** Today's appointments at this branch for a CPR, or the one with this id or token if it is today's. */
  todays(input: AppointmentQuery, now: number = this.clock()): Appointment[] {
    const { start, end } = localDayRange(now, this.catalogue.branch.timezone);
    const branchId = this.catalogue.branchId;
    if (input.token !== undefined) {
      const a = this.fromToken(input.token, now);
      return a.slotAt >= start && a.slotAt < end ? [a] : [];
    }
    if (!input.appointmentId) return this.store.appointments.forCpr(branchId, input.cpr ?? '', start, end);
    const a = this.store.appointments.get(input.appointmentId);
    return a && a.branchId === branchId && a.slotAt >= start && a.slotAt < end ? [a] : [];
  }

  /**
   * The appointment a booking token stands for: the branch's copy when it has synced (the centre may have moved or
   * cancelled it since), else one made from the token (only the CPR's last 4 digits travel in it).
   */
  private fromToken(token: string, now: number): Appointment {
    const key = this.store.config.bookingKey();
    const check = key ? verifyBookingToken(token, key, now) : ({ ok: false, code: 'TOKEN_INVALID' } as const);
    if (!check.ok) throw new DawrError(check.code === 'TOKEN_EXPIRED' ? 'BOOKING_EXPIRED' : 'BOOKING_INVALID');
    const c = check.claims;
    if (c.b !== this.catalogue.branchId) throw new DawrError('BOOKING_OTHER_BRANCH');
    return (
      this.store.appointments.get(c.i) ?? { id: c.i, branchId: c.b, serviceId: c.s, cpr: `*****${c.c}`, slotAt: c.t, status: 'booked', ticketId: null }
    );
  }

  /** The kiosk's view of today's appointments: where each stands in its check-in window. */
  views(input: AppointmentQuery): AppointmentView[] {
    const now = this.clock();
    return this.todays(input, now).map((a) => ({
      id: a.id,
      serviceId: a.serviceId,
      slotAt: a.slotAt,
      status: a.status,
      window: checkInWindow(a.slotAt, now, this.rules.checkIn),
      checkInOpensAt: checkInOpensAt(a.slotAt, this.rules.checkIn),
    }));
  }

  /** Today's appointment to check in (the earliest not yet used), or why there is none. */
  find(input: AppointmentQuery, now: number): Appointment {
    const todays = this.todays(input, now);
    const usable = todays.find((a) => a.status === 'booked');
    if (usable) return usable;
    if (todays.some((a) => a.status === 'checked_in')) throw new DawrError('ALREADY_CHECKED_IN');
    throw new DawrError('NO_APPOINTMENT');
  }
}
