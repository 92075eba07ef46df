/**
 * Today's demo appointments, in the shape the central hub will send them (id, CPR, service, slot,
 * status). Slots are placed around the branch clock's `now` so every check-in case can be tried by hand.
 */
import { localDay, type Appointment } from '@dawr/core';
import type { Store } from '@dawr/db';

const MIN = 60_000;

/** The demo's CPRs and what each shows at the kiosk. */
export const DEMO_APPOINTMENTS = [
  { cpr: '850101001', service: 'new-card', offsetMin: 10, shows: 'on time: keeps its slot' },
  { cpr: '850101002', service: 'renewal', offsetMin: 90, shows: 'too early: asked to come back' },
  { cpr: '850101003', service: 'replacement', offsetMin: -40, shows: 'late: joins the walk-in queue' },
  { cpr: '850101004', service: 'renewal', offsetMin: 0, shows: 'on time' },
] as const;

/** Writes today's demo appointments for `branchId` unless they are already there (ids are per day). */
export function seedDemoAppointments(store: Store, branchId: string, timezone: string, now: number): void {
  const day = localDay(now, timezone);
  const services = new Set(store.config.listServices(branchId).map((s) => s.code));
  const slotBase = Math.floor(now / (5 * MIN)) * 5 * MIN;
  store.tx(() => {
    DEMO_APPOINTMENTS.forEach((a, i) => {
      if (!services.has(a.service)) return;
      const id = `demo-${branchId}-${day}-${i + 1}`;
      if (store.appointments.get(id)) return;
      const appt: Appointment = {
        id,
        branchId,
        serviceId: `${branchId}.${a.service}`,
        cpr: a.cpr,
        slotAt: slotBase + a.offsetMin * MIN,
        status: 'booked',
        ticketId: null,
      };
      store.appointments.upsert(appt);
    });
  });
}
