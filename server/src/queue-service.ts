/**
 * The queue service: the one object the rest of the server talks to, composed of parts with one job each
 * (catalogue, waiting set, transaction runner, ticket steps and commands, reads, appointments). It holds
 * no state of its own; every change is one transaction, and listeners hear of it only after the commit.
 */
import {
  DEFAULT_QUEUE_RULES,
  type AppointmentView,
  type BranchSnapshot,
  type CheckInInput,
  type CheckInResult,
  type Counter,
  type IssueTicketInput,
  type PublicTicket,
  type QueueChange,
  type ServiceCount,
  type StaffQueueChange,
  type QueueRules,
  type PendingCardView,
  type ReadyCard,
  type StaffTicket,
  type TrackedTicket,
} from '@dawr/core';
import type { Store } from '@dawr/db';
import type { Clock } from './clock';
import { Appointments, type AppointmentQuery } from './queue-appointments';
import { Catalogue } from './queue-catalogue';
import { TicketCommands, type CounterAction } from './queue-commands';
import { PhoneFeed } from './queue-phones';
import { StaffFeed } from './queue-staff';
import { QueueReads, type Moment } from './queue-reads';
import { TicketSteps, type Actor } from './queue-steps';
import { TransactionRunner, type QueueListener } from './queue-tx';
import { MEASURE_WINDOW_MS, WaitingSet } from './queue-waiting';

export type { Actor } from './queue-steps';
export type { QueueListener } from './queue-tx';
export type { CounterAction } from './queue-commands';
export type { Moment } from './queue-reads';

/** How many recent measurements are loaded at start-up. */
const MEASURE_SAMPLE = 200;

export class QueueService {
  private readonly catalogue: Catalogue;
  private readonly waiting: WaitingSet;
  private readonly runner: TransactionRunner;
  private readonly reads: QueueReads;
  private readonly appointments: Appointments;
  private readonly commands: TicketCommands;
  private readonly phones: PhoneFeed;
  private readonly staff: StaffFeed;

  constructor(
    private readonly store: Store,
    branchId: string,
    private readonly clock: Clock,
    rules: QueueRules = DEFAULT_QUEUE_RULES,
  ) {
    this.catalogue = new Catalogue(store, branchId);
    this.waiting = new WaitingSet(
      store.tickets.listByState(branchId, 'waiting'),
      store.tickets.finishedSince(branchId, clock() - MEASURE_WINDOW_MS, MEASURE_SAMPLE),
      rules,
    );
    this.runner = new TransactionRunner(store, this.waiting);
    this.reads = new QueueReads(store, this.catalogue, this.waiting, clock);
    this.appointments = new Appointments(store, this.catalogue, clock, rules);
    this.phones = new PhoneFeed(store, this.reads, this.waiting, this.catalogue, this.runner);
    this.staff = new StaffFeed(store, this.catalogue, this.reads, this.waiting, this.runner);
    const steps = new TicketSteps(store, this.catalogue);
    this.commands = new TicketCommands({
      store,
      clock,
      rules,
      catalogue: this.catalogue,
      waiting: this.waiting,
      runner: this.runner,
      steps,
      reads: this.reads,
      appointments: this.appointments,
    });
  }

  /** Hears every committed change (calls, queue changes, issues). */
  listen(l: QueueListener): void {
    this.runner.listen(l);
  }

  /** Re-reads branch, services and counters after a configuration change, and tells the listeners. */
  reloadConfig(): void {
    this.catalogue.reload();
    this.runner.reloaded();
  }

  // --- commands ---

  /** Issues a walk-in ticket. Refused outside hours, on a public holiday, or when the wait would run past closing time. */
  issue(input: IssueTicketInput, actor: Actor): { ticket: PublicTicket; trackToken: string } {
    return this.commands.issue(input, actor);
  }

  /** Checks in today's appointment (by CPR or id): on time keeps its slot; late joins as a walk-in. */
  checkIn(input: CheckInInput, actor: Actor): CheckInResult {
    return this.commands.checkIn(input, actor);
  }

  /** Calls the next ticket for a counter by its work profile; null when nobody waits for it. */
  callNext(counterId: string, actor: Actor): PublicTicket | null {
    return this.commands.callNext(counterId, actor);
  }

  /** Calls one waiting ticket out of order. */
  callTicket(counterId: string, ticketId: string, actor: Actor): PublicTicket {
    return this.commands.callTicket(counterId, ticketId, actor);
  }

  /** Recall, start, finish, no-show, park, return or transfer the ticket this counter holds. */
  act(counterId: string, ticketId: string, action: CounterAction, actor: Actor): PublicTicket {
    return this.commands.act(counterId, ticketId, action, actor);
  }

  /** Cancels a ticket (manager): it leaves the queue for good. */
  cancel(ticketId: string, actor: Actor): PublicTicket {
    return this.commands.cancel(ticketId, actor);
  }

  /** Ends the open tickets of earlier days and records those days as closed; returns how many. */
  closeStaleDays(): number {
    return this.commands.closeStaleDays();
  }

  /** Opens or closes a counter; a closed counter calls nobody. */
  setCounterOpen(counterId: string, open: boolean): Counter {
    return this.saveCounter({ ...this.catalogue.counter(counterId), open });
  }

  /** Replaces a counter's work profile (services in order, with weights). */
  setProfile(counterId: string, profile: { serviceId: string; weight: number }[]): Counter {
    const entries = profile.map((p, position) => ({ serviceId: this.catalogue.service(p.serviceId).id, position, weight: p.weight }));
    return this.saveCounter({ ...this.catalogue.counter(counterId), profile: entries });
  }

  // --- reads ---

  /** The whole picture a display or counter draws from, at the latest committed version. */
  snapshot(): BranchSnapshot {
    return this.reads.snapshot();
  }

  /** Every ticket in the branch (waiting, called, serving, parked) as clerks see it. */
  queueList(): StaffTicket[] {
    return this.reads.queueList();
  }

  /** The phone page's view of one ticket, at the latest committed version. */
  tracked(ticketId: string, at?: Moment): TrackedTicket {
    return this.reads.tracked(ticketId, at);
  }

  /** One ticket as staff see it. */
  staffTicket(ticketId: string): StaffTicket {
    return this.reads.staffTicket(ticketId);
  }

  /** The phone page token of a ticket ('' for tickets made before tokens existed). */
  trackToken(ticketId: string): string {
    return this.reads.trackToken(ticketId);
  }

  /** The device that issued a ticket. */
  issuedBy(ticketId: string): string | null {
    return this.reads.issuedBy(ticketId);
  }

  /** Whether a kiosk's idempotency key already made a ticket (a retry, not a new issue). */
  isIssuedRequest(requestId: string): boolean {
    return this.store.tickets.byRequestId(requestId) !== undefined;
  }

  /** The ticket id behind a phone page's token, or null for an unknown token. */
  ticketIdForTrackToken(token: string): string | null {
    return this.reads.ticketIdForTrackToken(token);
  }

  /** The estimates now, for computing several views from one read. */
  currentContext(): Moment {
    return this.reads.moment();
  }

  /** The queue's counts and estimates now, tagged with the latest committed version. */
  queueChange(): QueueChange {
    return this.reads.queueChange();
  }

  /** Each active service's count and estimate now. */
  serviceCounts(): ServiceCount[] {
    return this.reads.serviceCounts();
  }

  /** What staff screens apply since the last push: tickets written, tickets at counters, counters. */
  staffChange(): StaffQueueChange {
    return this.staff.change();
  }

  // --- visitors' phones ---

  /** A phone connected for a ticket: its status now (later pushes are only the changes). */
  phoneConnected(ticketId: string): TrackedTicket {
    return this.phones.connected(ticketId);
  }

  /** The last phone of a ticket went away. */
  phoneGone(ticketId: string): void {
    this.phones.forget(ticketId);
  }

  /**
   * The statuses of followed tickets whose view changed since their phones were last told; moves held
   * back for their quiet time are due again in `retryInMs`.
   */
  phoneUpdates(): { updates: [string, TrackedTicket][]; retryInMs: number | null } {
    return this.phones.updates();
  }

  /** Today's appointments at this branch for a CPR, or the one with this id if it is today's. */
  todaysAppointments(input: AppointmentQuery) {
    return this.appointments.todays(input);
  }

  /** The kiosk's view of today's appointments: where each stands in its check-in window. */
  appointmentViews(input: AppointmentQuery): AppointmentView[] {
    return this.appointments.views(input);
  }

  /** The card the centre made ready for collection here for this CPR (online renewal), or null. */
  readyCard(cpr: string): ReadyCard | null {
    const card = this.store.pickups.readyFor(this.catalogue.branchId, cpr);
    return card ? { reference: card.reference, readyAt: card.readyAt } : null;
  }

  /** The card the centre is still making for collection here for this CPR (online renewal), or null. */
  pendingCard(cpr: string): PendingCardView | null {
    const card = this.store.pickups.pendingFor(this.catalogue.branchId, cpr);
    return card ? { reference: card.reference } : null;
  }

  private saveCounter(c: Counter): Counter {
    const now = this.clock();
    const version = this.store.tx(() => {
      this.store.config.upsertCounter(c);
      return this.store.outbox.append('counter.changed', 1, c.id, { counter: c }, now);
    });
    this.catalogue.reload();
    this.runner.announce(version);
    return this.catalogue.counter(c.id);
  }
}
