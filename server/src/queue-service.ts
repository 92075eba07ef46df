/**
 * The queue service: every change is one transaction (state + event + outbox row); listeners hear of
 * it only after the commit, so a display never shows a call the database does not have.
 */
import {
  DawrError,
  DEFAULT_QUEUE_RULES,
  canIssue,
  checkInDecision,
  chooseNext,
  estimateServiceWait,
  isOnTimeAppointment,
  localDay,
  type CheckInInput,
  type CheckInResult,
  type Counter,
  type IssueTicketInput,
  type PublicTicket,
  type QueueRules,
  type Ticket,
  type TicketCommand,
} from '@dawr/core';
import type { Store } from '@dawr/db';
import type { Clock } from './clock';
import { toPublic } from './queue-views';
import { QueueWriter, type Actor, type Committed } from './queue-writer';

/** Commands that act on a ticket at a counter, by the state machine's names. */
export type CounterAction =
  | { kind: 'recall' }
  | { kind: 'start' }
  | { kind: 'finish'; outcome: string }
  | { kind: 'no_show' }
  | { kind: 'park' }
  | { kind: 'return' }
  | { kind: 'transfer'; toServiceId?: string; toCounterId?: string | null; keepArrival: boolean };

export type { Actor, QueueListener } from './queue-writer';

export class QueueService extends QueueWriter {
  constructor(store: Store, branchId: string, clock: Clock, rules: QueueRules = DEFAULT_QUEUE_RULES) {
    super(store, branchId, clock, rules);
  }

  /** Issues a walk-in ticket. Refused outside hours, or when the wait would run past closing time. */
  issue(input: IssueTicketInput, actor: Actor): { ticket: PublicTicket; trackToken: string } {
    const earlier = this.replayed(input.requestId);
    if (earlier) return { ticket: earlier.ticket, trackToken: earlier.trackToken };
    const service = this.service(input.serviceId);
    if (!service.acceptsWalkIns) throw new DawrError('WALK_INS_CLOSED');
    const now = this.clock();
    const decision = canIssue(now, this.branch, estimateServiceWait(service.id, this.waitContext(now)).waitMin);
    if (decision === 'closed') throw new DawrError('BRANCH_CLOSED');
    if (decision === 'too_late') throw new DawrError('CLOSING_SOON');
    return this.commit(now, () => {
      const made = this.newTicket(service.id, { priority: input.priority ?? null, appt: null, now, ...input });
      return { value: made, version: this.record(made.ticket, 'issued', now, actor), calls: [], issued: service.id };
    }, ({ ticket, trackToken }) => ({ ticket: toPublic(ticket, this.counters, this.waitContext(now)), trackToken }));
  }

  /** Checks in today's appointment (by CPR or id): on time keeps its slot; late joins as a walk-in. */
  checkIn(input: CheckInInput, actor: Actor): CheckInResult {
    const earlier = this.replayed(input.requestId);
    if (earlier) {
      const { ticket, trackToken, raw } = earlier;
      return { ticket, trackToken, appointmentId: raw.appointmentId ?? '', late: !isOnTimeAppointment(raw, this.rules) };
    }
    const now = this.clock();
    if (canIssue(now, this.branch, null) === 'closed') throw new DawrError('BRANCH_CLOSED');
    const appt = this.findAppointment(input, now);
    const decision = checkInDecision(appt.slotAt, now, this.rules.checkIn);
    if (decision.joinsAs === null) throw new DawrError('TOO_EARLY');
    const visitor = { ...input.visitor, cpr: input.visitor?.cpr ?? appt.cpr };
    const made = this.commit(now, () => {
      const m = this.newTicket(appt.serviceId, { priority: input.priority ?? null, appt, now, requestId: input.requestId, visitor });
      this.store.appointments.markCheckedIn(appt.id, m.ticket.id);
      return { value: m, version: this.record(m.ticket, 'checked_in', now, actor), calls: [], issued: appt.serviceId };
    }, ({ ticket, trackToken }) => ({ ticket: toPublic(ticket, this.counters, this.waitContext(now)), trackToken }));
    return { ...made, appointmentId: appt.id, late: decision.joinsAs === 'walk_in' };
  }

  /** Calls the next ticket for a counter by its work profile; null when nobody waits for it. */
  callNext(counterId: string, actor: Actor): PublicTicket | null {
    const counter = this.openCounter(counterId);
    const now = this.clock();
    return this.commit(now, () => {
      const closed = this.closeCurrent(counterId, now, actor);
      const history = this.store.tickets.counterCallHistory(counterId, now - 12 * 3600_000, 50);
      const next = chooseNext(this.waiting(), counter, now, this.rules, history);
      if (!next) return { value: null, version: closed, calls: [] };
      return this.callTicketTx(next, counter, now, actor, false);
    }, (t) => t && toPublic(t, this.counters, this.waitContext(now)));
  }

  /** Calls one waiting ticket out of order. */
  callTicket(counterId: string, ticketId: string, actor: Actor): PublicTicket {
    const counter = this.openCounter(counterId);
    const now = this.clock();
    return this.commit(now, () => {
      const t = this.ticket(ticketId);
      if (t.state === 'waiting') this.closeCurrent(counterId, now, actor);
      return this.callTicketTx(t, counter, now, actor, false);
    }, (t) => toPublic(t, this.counters, this.waitContext(now)));
  }

  /** Recall, start, finish, no-show, park, return or transfer the ticket this counter holds. */
  act(counterId: string, ticketId: string, action: CounterAction, actor: Actor): PublicTicket {
    const counter = this.counter(counterId);
    const now = this.clock();
    return this.commit(now, () => {
      const t = this.ticket(ticketId);
      if (t.counterId !== counterId) throw new DawrError('NOT_AT_THIS_COUNTER');
      if (action.kind === 'recall' || action.kind === 'return') {
        if (action.kind === 'return') this.closeCurrent(counterId, now, actor);
        return this.callTicketTx(t, counter, now, actor, action.kind === 'recall');
      }
      const cmd: TicketCommand =
        action.kind === 'transfer'
          ? {
              kind: 'transfer',
              serviceId: action.toServiceId ? this.service(action.toServiceId).id : t.serviceId,
              counterId: action.toCounterId ? this.counter(action.toCounterId).id : null,
              keepArrival: action.keepArrival,
            }
          : action;
      return { ...this.apply(t, cmd, now, actor), calls: [] };
    }, (t) => toPublic(t, this.counters, this.waitContext(now)));
  }

  /** Cancels a ticket (manager): it leaves the queue for good. */
  cancel(ticketId: string, actor: Actor): PublicTicket {
    const now = this.clock();
    return this.commit(now, () => ({ ...this.apply(this.ticket(ticketId), { kind: 'cancel' }, now, actor), calls: [] }),
      (t) => toPublic(t, this.counters, this.waitContext(now)));
  }

  /** Opens or closes a counter; a closed counter calls nobody. */
  setCounterOpen(counterId: string, open: boolean): Counter {
    return this.saveCounter({ ...this.counter(counterId), open });
  }

  /** Replaces a counter's work profile (services in order, with weights). */
  setProfile(counterId: string, profile: { serviceId: string; weight: number }[]): Counter {
    const entries = profile.map((p, position) => ({ serviceId: this.service(p.serviceId).id, position, weight: p.weight }));
    return this.saveCounter({ ...this.counter(counterId), profile: entries });
  }

  /**
   * Daily close: tickets of earlier days still open are ended (waiting → cancelled, at a counter → no-show
   * or done) and the day is recorded as closed. Runs at start-up and on a timer.
   */
  closeStaleDays(): number {
    const now = this.clock();
    const today = localDay(now, this.branch.timezone);
    const stale = this.store.tickets.openBefore(this.branchId, today);
    if (stale.length === 0) return 0;
    this.commit(now, () => {
      let version = 0;
      for (const t of stale) {
        const cmd: TicketCommand =
          t.state === 'serving' ? { kind: 'finish', outcome: 'day_closed' } : t.state === 'called' ? { kind: 'no_show' } : { kind: 'cancel' };
        version = this.apply(t, cmd, now, { deviceId: 'daily-close' }).version;
      }
      for (const day of new Set(stale.map((t) => t.day))) this.store.tickets.markDayClosed(this.branchId, day, now);
      return { value: stale.length, version, calls: [] };
    }, (n) => n);
    return stale.length;
  }

  private callTicketTx(t: Ticket, counter: Counter, now: number, actor: Actor, recall: boolean): Committed<Ticket> {
    const cmd: TicketCommand = recall
      ? { kind: 'recall' }
      : t.state === 'parked'
        ? { kind: 'return', counterId: counter.id }
        : { kind: 'call', counterId: counter.id };
    const { ticket, version } = this.apply(t, cmd, now, actor);
    const call = { ticketId: ticket.id, number: ticket.number, serviceId: ticket.serviceId, counterNumber: counter.number, at: now, recall };
    return { value: ticket, version, calls: [call] };
  }

  /** "Call next" means the visitor at the counter was served: finish the current ticket first. */
  private closeCurrent(counterId: string, now: number, actor: Actor): number {
    let current = this.store.tickets.currentAt(counterId);
    if (!current) return 0;
    if (current.state === 'called') current = this.apply(current, { kind: 'start' }, now, actor).ticket;
    return this.apply(current, { kind: 'finish', outcome: 'served' }, now, actor).version;
  }

  private saveCounter(c: Counter): Counter {
    const now = this.clock();
    const version = this.store.tx(() => {
      this.store.config.upsertCounter(c);
      return this.store.outbox.append('counter.changed', 1, c.id, { counter: c }, now);
    });
    this.reloadConfig();
    this.announce(now, version);
    return this.counter(c.id);
  }
}
