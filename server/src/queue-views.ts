/** Read-side projections of the queue: service statuses, public and staff views of tickets. */
import {
  waitFor,
  type Counter,
  type PublicTicket,
  type Service,
  type ServiceCount,
  type ServiceStatus,
  type StaffTicket,
  type Ticket,
  type WaitModel,
} from '@dawr/core';
import type { TicketExtras } from '@dawr/db';

/** Counters by id, for turning a ticket's counter into the number people see. */
export type CounterIndex = ReadonlyMap<string, Counter>;

/** A ticket's place in its service's queue and estimated wait (both null when it is not waiting). */
export interface TicketEstimate {
  position: number | null;
  estimatedWaitMin: number | null;
}

/** Each active service's count and estimate: what a queue push carries (the rest comes with the snapshot). */
export function serviceCounts(services: Iterable<Service>, model: WaitModel): ServiceCount[] {
  const out: ServiceCount[] = [];
  for (const s of services) {
    if (!s.active) continue;
    const waiting = model.waiting(s.id);
    out.push({ id: s.id, waiting, estimatedWaitMin: waitFor(waiting, model.ratePerMin(s.id)) });
  }
  return out;
}

/** Every active service with its queue length and the estimated wait of a ticket issued now. */
export function serviceStatuses(services: Iterable<Service>, model: WaitModel): ServiceStatus[] {
  const out: ServiceStatus[] = [];
  for (const s of services) {
    if (!s.active) continue;
    const waiting = model.waiting(s.id);
    out.push({
      id: s.id,
      code: s.code,
      prefix: s.prefix,
      name: s.name,
      requirements: s.requirements,
      acceptsWalkIns: s.acceptsWalkIns,
      acceptsAppointments: s.acceptsAppointments,
      waiting,
      estimatedWaitMin: waitFor(waiting, model.ratePerMin(s.id)),
    });
  }
  return out;
}

/** A ticket as a kiosk, display or phone may see it: number, place and wait, never a person. */
export function toPublic(t: Ticket, counters: CounterIndex, est: TicketEstimate): PublicTicket {
  return {
    id: t.id,
    number: t.number,
    serviceId: t.serviceId,
    state: t.state,
    priority: t.priority,
    arrivedAt: t.arrivedAt,
    counterNumber: t.counterId ? (counters.get(t.counterId)?.number ?? null) : null,
    position: est.position,
    estimatedWaitMin: est.estimatedWaitMin,
  };
}

/** A ticket as clerks see it in the live queue, with who the visitor is (names, CPR's last 4 digits). */
export function toStaff(t: Ticket, visitor: TicketExtras['visitor'], counters: CounterIndex, est: TicketEstimate): StaffTicket {
  const name = visitor && (visitor.nameAr || visitor.nameEn) ? { ar: visitor.nameAr ?? visitor.nameEn ?? '', en: visitor.nameEn ?? visitor.nameAr ?? '' } : null;
  return {
    ...toPublic(t, counters, est),
    // The note only when the kiosk made one: most tickets have none.
    visitor: visitor ? { name, cprLast4: visitor.cprLast4, ...(visitor.note ? { note: visitor.note } : {}) } : null,
    slotAt: t.slotAt,
    appointmentId: t.appointmentId,
    calledAt: t.calledAt,
    startedAt: t.startedAt,
  };
}
