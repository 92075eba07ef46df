/**
 * The steps every ticket command is made of, run inside a transaction: numbering and storing a new
 * ticket, running one state-machine command, and recording the event and outbox row of a change. Each
 * step notes what it wrote in the transaction's log, which is applied to memory after the commit.
 */
import { randomFillSync } from 'node:crypto';
import {
  CARD_COLLECTED_UP,
  CARD_COLLECTION_SERVICE,
  DawrError,
  applyCommand,
  formatTicketNumber,
  localDay,
  MAX_DAILY_SEQ,
  uuidv7,
  type Appointment,
  type CallNotice,
  type Counter,
  type EventType,
  type Priority,
  type Ticket,
  type TicketCommand,
  type VisitorInput,
} from '@dawr/core';
import type { Store } from '@dawr/db';
import type { Catalogue } from './queue-catalogue';
import type { Committed, TxLog } from './queue-tx';

/** Random bytes drawn in blocks: one randomBytes call per ticket cost as much as one of its inserts. */
const TOKEN_BYTES = 16;
const pool = Buffer.alloc(TOKEN_BYTES * 256);
let poolAt = pool.length;

/** 128 random bits (a CSPRNG's), base64url. */
function randomToken(): string {
  if (poolAt === pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  poolAt += TOKEN_BYTES;
  return pool.toString('base64url', poolAt - TOKEN_BYTES, poolAt);
}

/** Who asked for a change, for the event log. */
export interface Actor {
  deviceId: string | null;
  clerkId?: string | null;
}

export class TicketSteps {
  constructor(
    private readonly store: Store,
    private readonly catalogue: Catalogue,
  ) {}

  /** Runs one state-machine command, stores the ticket and records it. */
  apply(log: TxLog, t: Ticket, cmd: TicketCommand, now: number, actor: Actor): { ticket: Ticket; version: number } {
    const { ticket, event } = applyCommand(t, cmd, now);
    this.store.tickets.update(ticket);
    log.tickets.push(ticket);
    // A transaction ends at finish or transfer: its duration feeds the wait estimates.
    if ((cmd.kind === 'finish' || cmd.kind === 'transfer') && t.startedAt !== null) {
      log.measured.push({ serviceId: t.serviceId, startedAt: t.startedAt, endedAt: now });
    }
    if (ticket.state === 'done' && ticket.outcome === 'served') this.collectCard(ticket, now);
    return { ticket, version: this.record(ticket, event, now, actor) };
  }

  /** Numbers and stores a new waiting ticket with its phone token, and records it as `type`. */
  issue(
    log: TxLog,
    serviceId: string,
    type: 'issued' | 'checked_in',
    opts: { priority: Priority | null; appt: Appointment | null; now: number; requestId?: string; visitor?: VisitorInput },
    actor: Actor,
  ): { ticket: Ticket; trackToken: string; version: number } {
    const { now, appt } = opts;
    const service = this.catalogue.service(serviceId);
    const day = localDay(now, this.catalogue.branch.timezone);
    const seq = this.store.tickets.nextSeq(this.catalogue.branchId, service.id, day);
    if (seq > Math.min(service.dailyCap ?? MAX_DAILY_SEQ, MAX_DAILY_SEQ)) throw new DawrError('SERVICE_FULL');
    const ticket: Ticket = {
      id: uuidv7(now),
      branchId: this.catalogue.branchId,
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
    const trackToken = randomToken();
    const v = opts.visitor;
    log.tickets.push(ticket);
    this.store.tickets.insert(ticket, {
      requestId: opts.requestId ?? null,
      issuedBy: actor.deviceId,
      trackToken,
      visitor: v ? { nameAr: v.nameAr ?? null, nameEn: v.nameEn ?? null, cprLast4: v.cpr?.slice(-4) ?? null, note: v.note ?? null } : null,
    });
    // A collection ticket for a CPR whose card waits here is linked to that card (the counter sees it).
    const card = v?.cpr && service.code === CARD_COLLECTION_SERVICE ? this.store.pickups.readyFor(ticket.branchId, v.cpr) : undefined;
    if (card) this.store.pickups.linkTicket(card.id, ticket.id);
    return { ticket, trackToken, version: this.record(ticket, type, now, actor) };
  }

  /**
   * A served ticket that was issued to collect a card hands it over: the card is collected here and the centre hears
   * of it (card.collected, before the ticket's own event, whose seq stays the change's version).
   */
  private collectCard(ticket: Ticket, now: number): void {
    const card = this.store.pickups.forTicket(ticket.id);
    if (!card || !this.store.pickups.markCollected(card.id, now)) return;
    this.store.outbox.append(CARD_COLLECTED_UP, 1, card.id, { applicationId: card.id, ticketId: ticket.id }, now);
  }

  /** Calls (or recalls, or takes back from parked) a ticket to a counter. */
  call(log: TxLog, t: Ticket, counter: Counter, now: number, actor: Actor, recall: boolean): Committed<Ticket> {
    const cmd: TicketCommand = recall
      ? { kind: 'recall' }
      : t.state === 'parked'
        ? { kind: 'return', counterId: counter.id }
        : { kind: 'call', counterId: counter.id };
    const { ticket, version } = this.apply(log, t, cmd, now, actor);
    const call: Omit<CallNotice, 'version'> = {
      ticketId: ticket.id,
      number: ticket.number,
      serviceId: ticket.serviceId,
      counterNumber: counter.number,
      at: now,
      recall,
    };
    return { value: ticket, version, calls: [call] };
  }

  /** "Call next" means the visitor at the counter was served: finish the current ticket first. */
  closeCurrent(log: TxLog, counterId: string, now: number, actor: Actor): number {
    let current = this.store.tickets.currentAt(counterId);
    if (!current) return 0;
    if (current.state === 'called') current = this.apply(log, current, { kind: 'start' }, now, actor).ticket;
    return this.apply(log, current, { kind: 'finish', outcome: 'served' }, now, actor).version;
  }

  /** Writes the event and outbox row of a change; returns the change's version. */
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
    return this.store.outbox.append(`ticket.${type}`, 1, t.id, { ticket: t, deviceId: actor.deviceId, clerkId: actor.clerkId ?? null }, now);
  }
}
