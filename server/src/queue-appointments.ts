/** Today's appointments at the branch, as the kiosk's check-in finds and shows them. */
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
import type { Clock } from './clock';
import type { Catalogue } from './queue-catalogue';

/** An appointment is looked up by the visitor's CPR, or by its id (from a booking QR). */
export type AppointmentQuery = { cpr?: string; appointmentId?: string };

export class Appointments {
  constructor(
    private readonly store: Store,
    private readonly catalogue: Catalogue,
    private readonly clock: Clock,
    private readonly rules: QueueRules,
  ) {}

  /** Today's appointments at this branch for a CPR, or the one with this id if it is today's. */
  todays(input: AppointmentQuery, now: number = this.clock()): Appointment[] {
    const { start, end } = localDayRange(now, this.catalogue.branch.timezone);
    const branchId = this.catalogue.branchId;
    if (!input.appointmentId) return this.store.appointments.forCpr(branchId, input.cpr ?? '', start, end);
    const a = this.store.appointments.get(input.appointmentId);
    return a && a.branchId === branchId && a.slotAt >= start && a.slotAt < end ? [a] : [];
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
