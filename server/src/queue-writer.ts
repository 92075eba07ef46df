/**
 * The write side under the queue service: one transaction per change (state + event + outbox row),
 * listeners told only after the commit, and the shared steps (numbering, state machine, event log).
 */
import { randomBytes } from 'node:crypto';
import {
  DawrError,
  applyCommand,
  formatTicketNumber,
  localDay,
  MAX_DAILY_SEQ,
  uuidv7,
  type Appointment,
  type CallNotice,
  type EventType,
  type MeasuredService,
  type Priority,
  type PublicTicket,
  type Ticket,
  type TicketCommand,
  type VisitorInput,
} from '@dawr/core';
import { QueueState } from './queue-state';
import { toPublic } from './queue-views';

/** Where committed changes go (the socket layer fans them out to rooms). */
export interface QueueListener {
  called(call: CallNotice): void;
  /** The queue changed at `version`; listeners read the counts when they push them (often coalesced). */
  queueChanged(version: number): void;
  /** A ticket was issued or checked in (for metrics). */
  issued?(serviceId: string): void;
}

/** Who asked for a change, for the event log. */
export interface Actor {
  deviceId: string | null;
  clerkId?: string | null;
}

/** A change's result plus what to tell listeners once it has committed. */
export interface Committed<T> {
  value: T;
  version: number;
  calls: Omit<CallNotice, 'version'>[];
  /** The service of a newly issued ticket. */
  issued?: string;
}

export class QueueWriter extends QueueState {
  private readonly listeners: QueueListener[] = [];
  /** What the running transaction wrote, applied to memory once it commits. */
  private pending: Ticket[] = [];
  private pendingMeasured: MeasuredService[] = [];

  listen(l: QueueListener): void {
    this.listeners.push(l);
  }

  /** Runs `fn` in one transaction, then (after commit) tells listeners and projects the result. */
  protected commit<T, R>(now: number, fn: () => Committed<T>, project: (value: T) => R): R {
    let result: Committed<T>;
    try {
      result = this.store.tx(fn);
      this.applyCommitted(this.pending, this.pendingMeasured);
    } finally {
      this.pending = [];
      this.pendingMeasured = [];
    }
    const { value, version, calls, issued } = result;
    if (version > 0) this.announce(now, version, calls, issued);
    return project(value);
  }

  /** Tells listeners about a committed change. */
  protected announce(_now: number, version: number, calls: Omit<CallNotice, 'version'>[] = [], issued?: string): void {
    if (issued) for (const l of this.listeners) l.issued?.(issued);
    for (const c of calls) for (const l of this.listeners) l.called({ ...c, version });
    for (const l of this.listeners) l.queueChanged(version);
  }

  /** The ticket an earlier request with the same idempotency key made (a kiosk retrying after a timeout). */
  protected replayed(requestId: string | undefined): { ticket: PublicTicket; trackToken: string; raw: Ticket } | null {
    const t = requestId ? this.store.tickets.byRequestId(requestId) : undefined;
    if (!t) return null;
    return { ticket: toPublic(t, this.counters, this.waitContext(this.clock())), trackToken: this.store.tickets.extras(t.id).trackToken ?? '', raw: t };
  }

  /** Runs one state-machine command, stores the ticket and records it. Inside a transaction. */
  protected apply(t: Ticket, cmd: TicketCommand, now: number, actor: Actor): { value: Ticket; ticket: Ticket; version: number } {
    const { ticket, event } = applyCommand(t, cmd, now);
    this.store.tickets.update(ticket);
    this.pending.push(ticket);
    // A transaction ends at finish or transfer: its duration feeds the wait estimates.
    if ((cmd.kind === 'finish' || cmd.kind === 'transfer') && t.startedAt !== null) {
      this.pendingMeasured.push({ serviceId: t.serviceId, startedAt: t.startedAt, endedAt: now });
    }
    return { value: ticket, ticket, version: this.record(ticket, event, now, actor) };
  }

  /** Numbers and stores a new waiting ticket with its phone token. Inside a transaction. */
  protected newTicket(
    serviceId: string,
    opts: { priority: Priority | null; appt: Appointment | null; now: number; requestId?: string; visitor?: VisitorInput },
  ): { ticket: Ticket; trackToken: string } {
    const { now, appt } = opts;
    const service = this.service(serviceId);
    const day = localDay(now, this.branch.timezone);
    const seq = this.store.tickets.nextSeq(this.branchId, service.id, day);
    if (seq > Math.min(service.dailyCap ?? MAX_DAILY_SEQ, MAX_DAILY_SEQ)) throw new DawrError('SERVICE_FULL');
    const ticket: Ticket = {
      id: uuidv7(now),
      branchId: this.branchId,
      serviceId: service.id,
      day,
      seq,
      number: formatTicketNumber(service.prefix, seq),
      state: 'waiting',
      priority: opts.priority,
      counterId: null,
      appointmentId: appt?.id ?? null,
      slotAt: appt?.slotAt ?? null,
      arrivedAt: now,
      calledAt: null,
      startedAt: null,
      endedAt: null,
      outcome: null,
    };
    // 128 random bits: the phone page's only key, so it cannot be guessed from the ticket number.
    const trackToken = randomBytes(16).toString('base64url');
    const v = opts.visitor;
    this.pending.push(ticket);
    this.store.tickets.insert(ticket, {
      requestId: opts.requestId ?? null,
      trackToken,
      visitor: v ? { nameAr: v.nameAr ?? null, nameEn: v.nameEn ?? null, cprLast4: v.cpr?.slice(-4) ?? null } : null,
    });
    return { ticket, trackToken };
  }

  /** Writes the event and outbox row of a change; returns the change's version. Inside a transaction. */
  protected record(t: Ticket, type: EventType, now: number, actor: Actor): number {
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
    return this.store.outbox.append(`ticket.${type}`, 1, t.id, { ticket: t, deviceId: actor.deviceId, clerkId: actor.clerkId ?? null }, now);
  }
}
