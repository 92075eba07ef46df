/**
 * The queue's ticket commands: issue and check in, call, act at a counter, cancel, and the daily close.
 * Each is one transaction through the runner (state + event + outbox row); its reply is projected after
 * the commit, from the state the listeners also see.
 */
import {
  DawrError,
  canIssue,
  checkInDecision,
  chooseNext,
  isOnTimeAppointment,
  localDay,
  type CheckInInput,
  type CheckInResult,
  type IssueTicketInput,
  type PublicTicket,
  type QueueRules,
  type Ticket,
  type TicketCommand,
} from '@dawr/core';
import type { Store } from '@dawr/db';
import type { Clock } from './clock';
import type { Appointments } from './queue-appointments';
import type { Catalogue } from './queue-catalogue';
import type { QueueReads } from './queue-reads';
import type { Actor, TicketSteps } from './queue-steps';
import type { TransactionRunner } from './queue-tx';
import type { WaitingSet } from './queue-waiting';

/** Commands that act on a ticket at a counter, by the state machine's names. */
export type CounterAction =
  | { kind: 'recall' }
  | { kind: 'start' }
  | { kind: 'finish'; outcome: string }
  | { kind: 'no_show' }
  | { kind: 'park' }
  | { kind: 'return' }
  | { kind: 'transfer'; toServiceId?: string; toCounterId?: string | null; keepArrival: boolean };

/** The parts the commands are made of. */
export interface CommandParts {
  store: Store;
  clock: Clock;
  rules: QueueRules;
  catalogue: Catalogue;
  waiting: WaitingSet;
  runner: TransactionRunner;
  steps: TicketSteps;
  reads: QueueReads;
  appointments: Appointments;
}

export class TicketCommands {
  constructor(private readonly p: CommandParts) {}

  /** Issues a walk-in ticket. Refused outside hours, on a public holiday, or when the wait would run past closing time. */
  issue(input: IssueTicketInput, actor: Actor): { ticket: PublicTicket; trackToken: string } {
    const { catalogue, reads, runner, steps } = this.p;
    const earlier = this.replayed(input.requestId);
    if (earlier) return { ticket: earlier.ticket, trackToken: earlier.trackToken };
    const service = catalogue.service(input.serviceId);
    if (!service.acceptsWalkIns) throw new DawrError('WALK_INS_CLOSED');
    const now = this.p.clock();
    const decision = canIssue(now, catalogue.branch, reads.serviceWaitMin(service.id, reads.moment(now)), { holidays: catalogue.holidays });
    if (decision === 'holiday') throw new DawrError('BRANCH_HOLIDAY');
    if (decision === 'closed') throw new DawrError('BRANCH_CLOSED');
    if (decision === 'too_late') throw new DawrError('CLOSING_SOON');
    const made = runner.run((log) => {
      const m = steps.issue(log, service.id, 'issued', { priority: input.priority ?? null, appt: null, now, ...input }, actor);
      return { value: m, version: m.version, calls: [], issued: service.id };
    });
    return { ticket: reads.publicTicket(made.ticket, reads.moment(now)), trackToken: made.trackToken };
  }

  /** Checks in today's appointment (by CPR or id): on time keeps its slot; late joins as a walk-in. */
  checkIn(input: CheckInInput, actor: Actor): CheckInResult {
    const { catalogue, reads, runner, steps, rules } = this.p;
    const earlier = this.replayed(input.requestId);
    if (earlier) {
      const { ticket, trackToken, raw } = earlier;
      return { ticket, trackToken, appointmentId: raw.appointmentId ?? '', late: !isOnTimeAppointment(raw, rules) };
    }
    const now = this.p.clock();
    const open = canIssue(now, catalogue.branch, null, { holidays: catalogue.holidays });
    if (open === 'holiday') throw new DawrError('BRANCH_HOLIDAY');
    if (open === 'closed') throw new DawrError('BRANCH_CLOSED');
    const appt = this.p.appointments.find(input, now);
    const decision = checkInDecision(appt.slotAt, now, rules.checkIn);
    if (decision.joinsAs === null) throw new DawrError('TOO_EARLY');
    const visitor = { ...input.visitor, cpr: input.visitor?.cpr ?? appt.cpr };
    const made = runner.run((log) => {
      const m = steps.issue(log, appt.serviceId, 'checked_in', { priority: input.priority ?? null, appt, now, requestId: input.requestId, visitor }, actor);
      // A booking token honoured before its appointment synced: the branch keeps it from now on (used once).
      if (!this.p.store.appointments.get(appt.id)) this.p.store.appointments.upsert(appt);
      this.p.store.appointments.markCheckedIn(appt.id, m.ticket.id);
      return { value: m, version: m.version, calls: [], issued: appt.serviceId };
    });
    return {
      ticket: reads.publicTicket(made.ticket, reads.moment(now)),
      trackToken: made.trackToken,
      appointmentId: appt.id,
      late: decision.joinsAs === 'walk_in',
    };
  }

  /** Calls the next ticket for a counter by its work profile; null when nobody waits for it. */
  callNext(counterId: string, actor: Actor): PublicTicket | null {
    const { catalogue, runner, steps, store, waiting, rules } = this.p;
    const counter = catalogue.openCounter(counterId);
    const now = this.p.clock();
    const t = runner.run<Ticket | null>((log) => {
      const closed = steps.closeCurrent(log, counterId, now, actor);
      const history = store.tickets.counterCallHistory(counterId, now - 12 * 3600_000, 50);
      const next = chooseNext(waiting.candidates(counter, now), counter, now, rules, history);
      if (!next) return { value: null, version: closed, calls: [] };
      return steps.call(log, next, counter, now, actor, false);
    });
    return t && this.p.reads.publicTicket(t, this.p.reads.moment(now));
  }

  /** Calls one waiting ticket out of order. */
  callTicket(counterId: string, ticketId: string, actor: Actor): PublicTicket {
    const { catalogue, runner, steps, reads } = this.p;
    const counter = catalogue.openCounter(counterId);
    const now = this.p.clock();
    const t = runner.run((log) => {
      const t = reads.ticket(ticketId);
      if (t.state === 'waiting') steps.closeCurrent(log, counterId, now, actor);
      return steps.call(log, t, counter, now, actor, false);
    });
    return reads.publicTicket(t, reads.moment(now));
  }

  /** Recall, start, finish, no-show, park, return or transfer the ticket this counter holds. */
  act(counterId: string, ticketId: string, action: CounterAction, actor: Actor): PublicTicket {
    const { catalogue, runner, steps, reads } = this.p;
    const counter = catalogue.counter(counterId);
    const now = this.p.clock();
    const ticket = runner.run((log) => {
      const t = reads.ticket(ticketId);
      if (t.counterId !== counterId) throw new DawrError('NOT_AT_THIS_COUNTER');
      if (action.kind === 'recall' || action.kind === 'return') {
        if (action.kind === 'return') steps.closeCurrent(log, counterId, now, actor);
        return steps.call(log, t, counter, now, actor, action.kind === 'recall');
      }
      const cmd: TicketCommand =
        action.kind === 'transfer'
          ? {
              kind: 'transfer',
              serviceId: action.toServiceId ? catalogue.service(action.toServiceId).id : t.serviceId,
              counterId: action.toCounterId ? catalogue.counter(action.toCounterId).id : null,
              keepArrival: action.keepArrival,
            }
          : action;
      const r = steps.apply(log, t, cmd, now, actor);
      return { value: r.ticket, version: r.version, calls: [] };
    });
    return reads.publicTicket(ticket, reads.moment(now));
  }

  /** Cancels a ticket (manager): it leaves the queue for good. */
  cancel(ticketId: string, actor: Actor): PublicTicket {
    const { runner, steps, reads } = this.p;
    const now = this.p.clock();
    const ticket = runner.run((log) => {
      const r = steps.apply(log, reads.ticket(ticketId), { kind: 'cancel' }, now, actor);
      return { value: r.ticket, version: r.version, calls: [] };
    });
    return reads.publicTicket(ticket, reads.moment(now));
  }

  /**
   * Daily close: tickets of earlier days still open are ended (waiting → cancelled, at a counter → no-show
   * or done) and the day is recorded as closed. Runs at start-up and on a timer.
   */
  closeStaleDays(): number {
    const { catalogue, runner, steps, store } = this.p;
    const now = this.p.clock();
    const today = localDay(now, catalogue.branch.timezone);
    const stale = store.tickets.openBefore(catalogue.branchId, today);
    if (stale.length === 0) return 0;
    runner.run((log) => {
      let version = 0;
      for (const t of stale) {
        const cmd: TicketCommand =
          t.state === 'serving' ? { kind: 'finish', outcome: 'day_closed' } : t.state === 'called' ? { kind: 'no_show' } : { kind: 'cancel' };
        version = steps.apply(log, t, cmd, now, { deviceId: 'daily-close' }).version;
      }
      for (const day of new Set(stale.map((t) => t.day))) store.tickets.markDayClosed(catalogue.branchId, day, now);
      return { value: stale.length, version, calls: [] };
    });
    return stale.length;
  }

  /** The ticket an earlier request with the same idempotency key made (a kiosk retrying after a timeout). */
  private replayed(requestId: string | undefined): { ticket: PublicTicket; trackToken: string; raw: Ticket } | null {
    const { store, reads } = this.p;
    const t = requestId ? store.tickets.byRequestId(requestId) : undefined;
    if (!t) return null;
    return { ticket: reads.publicTicket(t), trackToken: store.tickets.extras(t.id).trackToken ?? '', raw: t };
  }
}
