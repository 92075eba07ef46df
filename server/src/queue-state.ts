/**
 * What the queue service reads: the branch's configuration (cached, reloaded on change), lookups that
 * throw domain errors, and the read-side views (snapshot, live queue, wait estimates).
 */
import {
  DawrError,
  checkInOpensAt,
  checkInWindow,
  isOpen,
  localDay,
  localParts,
  type Appointment,
  type AppointmentView,
  type Branch,
  type BranchSnapshot,
  type Counter,
  type QueueRules,
  type Service,
  type ServiceStatus,
  type StaffTicket,
  type MeasuredService,
  type QueueChange,
  type Ticket,
  type TrackedTicket,
  type WaitContext,
} from '@dawr/core';
import type { Store } from '@dawr/db';
import type { Clock } from './clock';
import { serviceStatuses, toPublic, toStaff } from './queue-views';

const RECENT_CALLS = 8;
/** Service times measured over the last few hours feed the wait estimates. */
const MEASURE_WINDOW_MS = 3 * 3600_000;
/** How many recent measurements are kept (the estimate averages the latest 20 per service). */
const MEASURE_SAMPLE = 200;

export class QueueState {
  protected branch!: Branch;
  protected services = new Map<string, Service>();
  protected counters = new Map<string, Counter>();
  /**
   * The waiting tickets and recent measured services, in memory: this service is the database's only
   * writer, so after each commit it applies what it wrote (never before: a rolled-back change must not
   * show). Reading them from SQLite on every command cost more than the durable commit itself.
   */
  private readonly waitingById = new Map<string, Ticket>();
  private waitingList: Ticket[] | null = null;
  private finished: MeasuredService[] = [];

  constructor(
    protected readonly store: Store,
    protected readonly branchId: string,
    protected readonly clock: Clock,
    protected readonly rules: QueueRules,
  ) {
    this.reloadConfig();
    for (const t of store.tickets.listByState(branchId, 'waiting')) this.waitingById.set(t.id, t);
    this.finished = store.tickets.finishedSince(branchId, clock() - MEASURE_WINDOW_MS, MEASURE_SAMPLE);
  }

  /** Applies committed tickets and measurements to memory. Call only after the transaction committed. */
  protected applyCommitted(tickets: readonly Ticket[], measured: readonly MeasuredService[]): void {
    for (const t of tickets) {
      if (t.state === 'waiting') this.waitingById.set(t.id, t);
      else this.waitingById.delete(t.id);
    }
    if (tickets.length) this.waitingList = null;
    if (measured.length) this.finished = [...measured, ...this.finished].slice(0, MEASURE_SAMPLE);
  }

  /** The waiting tickets (the array is rebuilt only after a change). */
  protected waiting(): Ticket[] {
    // Unsorted: every rule orders explicitly, and re-sorting on each change showed up in the profile.
    return (this.waitingList ??= [...this.waitingById.values()]);
  }

  /** Re-reads branch, services and counters after a configuration change. */
  reloadConfig(): void {
    const branch = this.store.config.getBranch(this.branchId);
    if (!branch) throw new Error(`branch "${this.branchId}" is not configured in this database`);
    this.branch = branch;
    this.services = new Map(this.store.config.listServices(this.branchId).map((s) => [s.id, s]));
    this.counters = new Map(this.store.config.listCounters(this.branchId).map((c) => [c.id, c]));
  }

  /** The whole picture a display or counter draws from, at the latest committed version. */
  snapshot(): BranchSnapshot {
    const now = this.clock();
    const version = this.store.outbox.latestSeq();
    return {
      version,
      serverTime: now,
      branch: this.branch,
      open: isOpen(now, this.branch),
      services: this.statuses(now),
      counters: [...this.counters.values()],
      counterTickets: this.store.tickets
        .listActive(this.branchId)
        .filter((t) => t.counterId !== null && (t.state === 'called' || t.state === 'serving'))
        .map((t) => ({ counterId: t.counterId!, ticketId: t.id, number: t.number, state: t.state })),
      recentCalls: this.store.tickets
        .recentCalls(this.branchId, localDay(now, this.branch.timezone), RECENT_CALLS)
        .map((c) => ({ ...c, version })),
    };
  }

  /** Every ticket in the branch (waiting, called, serving, parked) as clerks see it. */
  queueList(): StaffTicket[] {
    const now = this.clock();
    const ctx = this.waitContext(now);
    return this.store.tickets.listActive(this.branchId).map((t) => toStaff(t, this.store.tickets.extras(t.id).visitor, this.counters, ctx));
  }

  /** The phone page's view of one ticket, at the latest committed version. */
  tracked(ticketId: string, ctx: WaitContext = this.waitContext(this.clock())): TrackedTicket {
    const t = this.ticket(ticketId);
    const pub = toPublic(t, this.counters, ctx);
    return {
      number: t.number,
      service: this.services.get(t.serviceId)?.name ?? { ar: '', en: '' },
      branch: this.branch.name,
      state: t.state,
      position: pub.position,
      estimatedWaitMin: pub.estimatedWaitMin,
      counterNumber: pub.counterNumber,
      version: this.store.outbox.latestSeq(),
    };
  }

  /** One ticket as staff see it. */
  staffTicket(ticketId: string): StaffTicket {
    const t = this.ticket(ticketId);
    return toStaff(t, this.store.tickets.extras(t.id).visitor, this.counters, this.waitContext(this.clock()));
  }

  /** The phone page token of a ticket ('' for tickets made before tokens existed). */
  trackToken(ticketId: string): string {
    return this.store.tickets.extras(ticketId).trackToken ?? '';
  }

  /** The device that issued a ticket. */
  issuedBy(ticketId: string): string | null {
    return this.store.outbox.issuedBy(ticketId);
  }

  /** The ticket id behind a phone page's token, or null for an unknown token. */
  ticketIdForTrackToken(token: string): string | null {
    const t = this.store.tickets.byTrackToken(token);
    return t && t.branchId === this.branchId ? t.id : null;
  }

  /** The wait context now, for computing several views from one read. */
  currentContext(): WaitContext {
    return this.waitContext(this.clock());
  }

  /** The queue's counts and estimates now, tagged with the latest committed version. */
  queueChange(): QueueChange {
    return { version: this.store.outbox.latestSeq(), services: this.statuses(this.clock()) };
  }

  protected statuses(now: number): ServiceStatus[] {
    return serviceStatuses(this.services.values(), this.waitContext(now));
  }

  /** What the wait estimates are computed from, read at `now`. */
  protected waitContext(now: number): WaitContext {
    return {
      waiting: this.waiting(),
      counters: [...this.counters.values()],
      finished: this.finished.filter((f) => f.endedAt >= now - MEASURE_WINDOW_MS),
      now,
      rules: this.rules,
    };
  }

  protected service(id: string): Service {
    const s = this.services.get(id);
    if (!s || !s.active) throw new DawrError('UNKNOWN_SERVICE');
    return s;
  }

  protected counter(id: string): Counter {
    const c = this.counters.get(id);
    if (!c) throw new DawrError('UNKNOWN_COUNTER');
    return c;
  }

  protected openCounter(id: string): Counter {
    const c = this.counter(id);
    if (!c.open) throw new DawrError('COUNTER_CLOSED');
    return c;
  }

  protected ticket(id: string): Ticket {
    const t = this.store.tickets.get(id);
    if (!t || t.branchId !== this.branchId) throw new DawrError('UNKNOWN_TICKET');
    return t;
  }

  /** Today's appointments at this branch for a CPR, or the one with this id if it is today's. */
  todaysAppointments(input: { cpr?: string; appointmentId?: string }, now: number = this.clock()): Appointment[] {
    const { day } = localParts(now, this.branch.timezone);
    const dayStart = Date.parse(`${day}T00:00:00Z`) - offsetMs(now, this.branch.timezone);
    return input.appointmentId
      ? [this.store.appointments.get(input.appointmentId)].filter(
          (a): a is Appointment => !!a && a.branchId === this.branchId && a.slotAt >= dayStart && a.slotAt < dayStart + 86_400_000,
        )
      : this.store.appointments.forCpr(this.branchId, input.cpr ?? '', dayStart, dayStart + 86_400_000);
  }

  /** The kiosk's view of today's appointments: where each stands in its check-in window. */
  appointmentViews(input: { cpr?: string; appointmentId?: string }): AppointmentView[] {
    const now = this.clock();
    return this.todaysAppointments(input, now).map((a) => ({
      id: a.id,
      serviceId: a.serviceId,
      slotAt: a.slotAt,
      status: a.status,
      window: checkInWindow(a.slotAt, now, this.rules.checkIn),
      checkInOpensAt: checkInOpensAt(a.slotAt, this.rules.checkIn),
    }));
  }

  /** Today's appointment at this branch for the CPR (the earliest not yet used), or by id. */
  protected findAppointment(input: { cpr?: string; appointmentId?: string }, now: number): Appointment {
    const todays = this.todaysAppointments(input, now);
    const usable = todays.find((a) => a.status === 'booked');
    if (usable) return usable;
    if (todays.some((a) => a.status === 'checked_in')) throw new DawrError('ALREADY_CHECKED_IN');
    throw new DawrError('NO_APPOINTMENT');
  }
}

/** The time zone's offset from UTC at `now`, in ms (Asia/Bahrain: +3 h, no daylight saving). */
function offsetMs(now: number, timeZone: string): number {
  const { day, minutes } = localParts(now, timeZone);
  const localAsUtc = Date.parse(`${day}T00:00:00Z`) + minutes * 60_000;
  return Math.round((localAsUtc - Math.floor(now / 60_000) * 60_000) / 60_000) * 60_000;
}
