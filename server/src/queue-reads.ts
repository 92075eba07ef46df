/**
 * The queue's read side: the snapshot a display or counter draws from, the clerks' live queue, one
 * ticket as staff, kiosk or phone see it, and the counts and estimates after a change. Reads only
 * memory (catalogue, waiting set) and the store; never writes.
 */
import {
  CARD_COLLECTION_SERVICE,
  DawrError,
  closedReason,
  localDay,
  waitFor,
  type BranchSnapshot,
  type PublicTicket,
  type QueueChange,
  type ServiceCount,
  type ServiceStatus,
  type StaffTicket,
  type Ticket,
  type TrackedTicket,
  type WaitModel,
} from '@dawr/core';
import type { Store } from '@dawr/db';
import type { Clock } from './clock';
import type { Catalogue } from './queue-catalogue';
import { serviceCounts, serviceStatuses, toPublic, toStaff, type TicketEstimate } from './queue-views';
import type { WaitingSet } from './queue-waiting';

const RECENT_CALLS = 8;

/** One moment's estimates: many views computed from one read share it. */
export interface Moment {
  now: number;
  model: WaitModel;
}

export class QueueReads {
  constructor(
    private readonly store: Store,
    private readonly catalogue: Catalogue,
    private readonly waiting: WaitingSet,
    private readonly clock: Clock,
  ) {}

  /** The estimates at `now` (the clock's now by default). */
  moment(now: number = this.clock()): Moment {
    return { now, model: this.waiting.model(now, { counters: this.catalogue.counters(), typicalMin: this.catalogue.typicalMin }) };
  }

  /** A ticket's place and wait at a moment. */
  estimate(t: Ticket, m: Moment): TicketEstimate {
    const position = this.waiting.position(t, m.now);
    if (position === null) return { position: null, estimatedWaitMin: null };
    return { position, estimatedWaitMin: waitFor(position - 1, m.model.ratePerMin(t.serviceId)) };
  }

  /** A ticket as kiosks, displays and phones see it. */
  publicTicket(t: Ticket, m: Moment = this.moment()): PublicTicket {
    return toPublic(t, this.catalogue.counterIndex, this.estimate(t, m));
  }

  /** The estimated wait (minutes) of a ticket issued to a service now, or null when unknown. */
  serviceWaitMin(serviceId: string, m: Moment): number | null {
    return waitFor(m.model.waiting(serviceId), m.model.ratePerMin(serviceId));
  }

  /** The whole picture a display or counter draws from, at the latest committed version. */
  snapshot(): BranchSnapshot {
    const m = this.moment();
    const version = this.store.outbox.latestSeq();
    const branch = this.catalogue.branch;
    const today = localDay(m.now, branch.timezone);
    return {
      version,
      serverTime: m.now,
      branch,
      open: closedReason(m.now, branch, this.catalogue.holidays) === null,
      holidays: this.catalogue.holidays.filter((d) => d >= today),
      services: this.statuses(m),
      counters: this.catalogue.counters(),
      counterTickets: this.store.tickets
        .listActive(this.catalogue.branchId)
        .filter((t) => t.counterId !== null && (t.state === 'called' || t.state === 'serving'))
        .map((t) => ({ counterId: t.counterId!, ticketId: t.id, number: t.number, state: t.state })),
      recentCalls: this.store.tickets
        .recentCalls(this.catalogue.branchId, today, RECENT_CALLS)
        .map((c) => ({ ...c, version })),
    };
  }

  /** Every ticket in the branch (waiting, called, serving, parked) as clerks see it: one query. */
  queueList(): StaffTicket[] {
    const m = this.moment();
    return this.store.tickets
      .listActiveWithExtras(this.catalogue.branchId)
      .map(({ ticket, extras }) => this.withCard(toStaff(ticket, extras.visitor, this.catalogue.counterIndex, this.estimate(ticket, m))));
  }

  /** The phone page's view of one ticket, at the latest committed version. */
  tracked(ticketId: string, m: Moment = this.moment()): TrackedTicket {
    return this.trackedOf(this.ticket(ticketId), m, this.store.outbox.latestSeq());
  }

  /** The phone page's view of a ticket already read. */
  trackedOf(t: Ticket, m: Moment, version: number): TrackedTicket {
    const pub = this.publicTicket(t, m);
    return {
      number: t.number,
      service: this.catalogue.serviceName(t.serviceId),
      branch: this.catalogue.branch.name,
      state: t.state,
      position: pub.position,
      estimatedWaitMin: pub.estimatedWaitMin,
      counterNumber: pub.counterNumber,
      version,
    };
  }

  /** One ticket as staff see it. */
  staffTicket(ticketId: string): StaffTicket {
    return this.staffView(this.ticket(ticketId), this.moment());
  }

  /** A ticket already read, as staff see it at a moment. */
  staffView(t: Ticket, m: Moment): StaffTicket {
    return this.withCard(toStaff(t, this.store.tickets.extras(t.id).visitor, this.catalogue.counterIndex, this.estimate(t, m)));
  }

  /** A collection ticket issued for a card waiting here shows the clerk that card (online renewal). */
  private withCard(t: StaffTicket): StaffTicket {
    if (this.catalogue.service(t.serviceId).code !== CARD_COLLECTION_SERVICE) return t;
    const card = this.store.pickups.forTicket(t.id);
    return card ? { ...t, card: { reference: card.reference, readyAt: card.readyAt, status: card.status } } : t;
  }

  /** The phone page token of a ticket ('' for tickets made before tokens existed). */
  trackToken(ticketId: string): string {
    return this.store.tickets.extras(ticketId).trackToken ?? '';
  }

  /** The device that issued a ticket. */
  issuedBy(ticketId: string): string | null {
    return this.store.tickets.issuedBy(ticketId);
  }

  /** The ticket id behind a phone page's token, or null for an unknown token. */
  ticketIdForTrackToken(token: string): string | null {
    const t = this.store.tickets.byTrackToken(token);
    return t && t.branchId === this.catalogue.branchId ? t.id : null;
  }

  /** The queue's counts and estimates now, tagged with the latest committed version. */
  queueChange(): QueueChange {
    return { version: this.store.outbox.latestSeq(), services: this.serviceCounts() };
  }

  /** Each active service's count and estimate now. */
  serviceCounts(): ServiceCount[] {
    return serviceCounts(this.catalogue.services(), this.moment().model);
  }

  /** A ticket of this branch, or UNKNOWN_TICKET. */
  ticket(id: string): Ticket {
    const t = this.store.tickets.get(id);
    if (!t || t.branchId !== this.catalogue.branchId) throw new DawrError('UNKNOWN_TICKET');
    return t;
  }

  private statuses(m: Moment): ServiceStatus[] {
    return serviceStatuses(this.catalogue.services(), m.model);
  }
}
