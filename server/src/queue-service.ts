/**
 * The queue service: every change is one transaction (state + event + outbox row); listeners hear of
 * it only after the commit, so a display never shows a call the database does not have.
 */
import {
  DawrError,
  applyCommand,
  chooseNext,
  isOpen,
  localDay,
  formatTicketNumber,
  MAX_DAILY_SEQ,
  uuidv7,
  type Branch,
  type BranchSnapshot,
  type CallNotice,
  type Counter,
  type EventType,
  type PublicTicket,
  type QueueChange,
  type Service,
  type ServiceStatus,
  type Ticket,
  type Priority,
  type TicketCommand,
} from '@dawr/core';
import type { Store } from '@dawr/db';
import type { Clock } from './clock';

/** Where committed changes go (the socket layer fans them out to rooms). */
export interface QueueListener {
  called(call: CallNotice): void;
  queueChanged(change: QueueChange): void;
}

/** Who asked for a change, for the event log. */
export interface Actor {
  deviceId: string;
  clerkId?: string | null;
}

const RECENT_CALLS = 8;

export class QueueService {
  private branch!: Branch;
  private services = new Map<string, Service>();
  private counters = new Map<string, Counter>();
  private readonly listeners: QueueListener[] = [];

  constructor(
    private readonly store: Store,
    private readonly branchId: string,
    private readonly clock: Clock,
  ) {
    this.reloadConfig();
  }

  /** Re-reads branch, services and counters after a configuration change. */
  reloadConfig(): void {
    const branch = this.store.config.getBranch(this.branchId);
    if (!branch) throw new Error(`branch "${this.branchId}" is not configured in this database`);
    this.branch = branch;
    this.services = new Map(this.store.config.listServices(this.branchId).map((s) => [s.id, s]));
    this.counters = new Map(this.store.config.listCounters(this.branchId).map((c) => [c.id, c]));
  }

  listen(l: QueueListener): void {
    this.listeners.push(l);
  }

  /** Issues a walk-in ticket for a service. */
  issue(input: { serviceId: string; priority?: Priority | null }, actor: Actor): PublicTicket {
    const now = this.clock();
    const service = this.services.get(input.serviceId);
    if (!service || !service.active) throw new DawrError('UNKNOWN_SERVICE');
    if (!isOpen(now, this.branch)) throw new DawrError('BRANCH_CLOSED');
    if (!service.acceptsWalkIns) throw new DawrError('WALK_INS_CLOSED');
    const { ticket, version } = this.store.tx(() => {
      const day = localDay(now, this.branch.timezone);
      const seq = this.store.tickets.nextSeq(this.branchId, service.id, day);
      if (seq > Math.min(service.dailyCap ?? MAX_DAILY_SEQ, MAX_DAILY_SEQ)) throw new DawrError('SERVICE_FULL');
      const t: Ticket = {
        id: uuidv7(now),
        branchId: this.branchId,
        serviceId: service.id,
        day,
        seq,
        number: formatTicketNumber(service.prefix, seq),
        state: 'waiting',
        priority: input.priority ?? null,
        counterId: null,
        appointmentId: null,
        slotAt: null,
        arrivedAt: now,
        calledAt: null,
        startedAt: null,
        endedAt: null,
        outcome: null,
      };
      this.store.tickets.insert(t);
      return { ticket: t, version: this.record(t, 'issued', now, actor) };
    });
    const waiting = this.waiting();
    this.emitQueue(version, waiting);
    return this.toPublic(ticket, waiting);
  }

  /** Calls the next ticket for a counter by its work profile; null when nobody waits for it. */
  callNext(counterId: string, actor: Actor): PublicTicket | null {
    const counter = this.counters.get(counterId);
    if (!counter) throw new DawrError('UNKNOWN_COUNTER');
    if (!counter.open) throw new DawrError('COUNTER_CLOSED');
    const now = this.clock();
    const result = this.store.tx(() => {
      this.closeCurrent(counterId, now, actor);
      const next = chooseNext(this.store.tickets.listByState(this.branchId, 'waiting'), counter, now);
      if (!next) return null;
      return this.apply(next, { kind: 'call', counterId }, now, actor);
    });
    if (!result) return null;
    const { ticket, version } = result;
    const call: CallNotice = {
      ticketId: ticket.id,
      number: ticket.number,
      serviceId: ticket.serviceId,
      counterNumber: counter.number,
      at: now,
      recall: false,
      version,
    };
    for (const l of this.listeners) l.called(call);
    const waiting = this.waiting();
    this.emitQueue(version, waiting);
    return this.toPublic(ticket, waiting);
  }

  /** The whole picture a display or counter draws from, at the latest committed version. */
  snapshot(): BranchSnapshot {
    const now = this.clock();
    const day = localDay(now, this.branch.timezone);
    const version = this.store.outbox.latestSeq();
    return {
      version,
      serverTime: now,
      branch: this.branch,
      open: isOpen(now, this.branch),
      services: this.serviceStatuses(this.waiting()),
      counters: [...this.counters.values()],
      recentCalls: this.store.tickets
        .recentCalls(this.branchId, day, RECENT_CALLS)
        .map((c) => ({ ...c, version })),
    };
  }

  /**
   * "Call next" means the visitor at the counter has been served: the counter's current ticket is
   * finished (started first if the clerk never pressed start). Inside the caller's transaction.
   */
  private closeCurrent(counterId: string, now: number, actor: Actor): void {
    let current = this.store.tickets.currentAt(counterId);
    if (!current) return;
    if (current.state === 'called') current = this.apply(current, { kind: 'start' }, now, actor).ticket;
    this.apply(current, { kind: 'finish', outcome: 'served' }, now, actor);
  }

  /** Runs one state-machine command, stores the ticket and records it. Inside a transaction. */
  private apply(t: Ticket, cmd: TicketCommand, now: number, actor: Actor): { ticket: Ticket; version: number } {
    const { ticket, event } = applyCommand(t, cmd, now);
    this.store.tickets.update(ticket);
    return { ticket, version: this.record(ticket, event, now, actor) };
  }

  /** Writes the event and outbox row of a change; returns the change's version. Inside a transaction. */
  private record(t: Ticket, type: EventType, now: number, actor: Actor): number {
    this.store.tickets.addEvent({
      id: uuidv7(now),
      ticketId: t.id,
      branchId: t.branchId,
      type,
      at: now,
      counterId: t.counterId,
      clerkId: actor.clerkId ?? null,
      serviceId: t.serviceId,
    });
    return this.store.outbox.append(`ticket.${type}`, 1, t.id, { ticket: t, deviceId: actor.deviceId }, now);
  }

  private waiting(): Ticket[] {
    return this.store.tickets.listByState(this.branchId, 'waiting');
  }

  private serviceStatuses(waiting: Ticket[]): ServiceStatus[] {
    return [...this.services.values()]
      .filter((s) => s.active)
      .map((s) => ({
        id: s.id,
        code: s.code,
        prefix: s.prefix,
        name: s.name,
        requirements: s.requirements,
        acceptsWalkIns: s.acceptsWalkIns,
        acceptsAppointments: s.acceptsAppointments,
        waiting: waiting.filter((t) => t.serviceId === s.id).length,
        estimatedWaitMin: null,
      }));
  }

  private emitQueue(version: number, waiting: Ticket[]): void {
    const change: QueueChange = { version, services: this.serviceStatuses(waiting) };
    for (const l of this.listeners) l.queueChanged(change);
  }

  private toPublic(t: Ticket, waiting: Ticket[]): PublicTicket {
    const ahead = waiting.filter((w) => w.serviceId === t.serviceId && w.arrivedAt <= t.arrivedAt && w.id !== t.id);
    return {
      id: t.id,
      number: t.number,
      serviceId: t.serviceId,
      state: t.state,
      priority: t.priority,
      arrivedAt: t.arrivedAt,
      counterNumber: t.counterId ? (this.counters.get(t.counterId)?.number ?? null) : null,
      position: t.state === 'waiting' ? ahead.length + 1 : null,
      estimatedWaitMin: null,
    };
  }
}
