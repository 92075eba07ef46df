/** The one ticket state machine (shared/docs/domain.md). Pure: returns the next ticket and its event type. */
import type { EventType, Ticket, TicketState } from './domain';

export type TicketCommand =
  | { kind: 'call'; counterId: string }
  | { kind: 'recall' }
  | { kind: 'start' }
  | { kind: 'finish'; outcome: string }
  | { kind: 'no_show' }
  | { kind: 'cancel' }
  | { kind: 'park' }
  | { kind: 'return'; counterId: string }
  | { kind: 'transfer'; serviceId: string; counterId: string | null; keepArrival: boolean };

/** Which states each command may start from. */
const FROM: Record<TicketCommand['kind'], readonly TicketState[]> = {
  call: ['waiting'],
  recall: ['called'],
  start: ['called'],
  finish: ['serving'],
  no_show: ['called'],
  cancel: ['waiting', 'called', 'parked'],
  park: ['called', 'serving'],
  return: ['parked'],
  transfer: ['called', 'serving', 'parked'],
};

const EVENT: Record<TicketCommand['kind'], EventType> = {
  call: 'called',
  recall: 'recalled',
  start: 'started',
  finish: 'ended',
  no_show: 'no_show',
  cancel: 'cancelled',
  park: 'parked',
  return: 'returned',
  transfer: 'transferred',
};

export class IllegalTransition extends Error {
  constructor(
    readonly from: TicketState,
    readonly command: TicketCommand['kind'],
  ) {
    super(`cannot ${command} a ticket that is ${from}`);
  }
}

/** Whether `command` is allowed from `state`. */
export function canApply(state: TicketState, command: TicketCommand['kind']): boolean {
  return FROM[command].includes(state);
}

/**
 * Applies a command to a ticket at `now`. Throws IllegalTransition when the state does not allow it.
 * A transfer puts the ticket back to waiting in another service (and optionally for one counter);
 * with `keepArrival: false` it queues as if it arrived now.
 */
export function applyCommand(t: Ticket, cmd: TicketCommand, now: number): { ticket: Ticket; event: EventType } {
  if (!canApply(t.state, cmd.kind)) throw new IllegalTransition(t.state, cmd.kind);
  const next: Ticket = { ...t };
  switch (cmd.kind) {
    case 'call':
      next.state = 'called';
      next.counterId = cmd.counterId;
      next.calledAt ??= now;
      break;
    case 'recall':
      break;
    case 'start':
      next.state = 'serving';
      next.startedAt = now;
      break;
    case 'finish':
      next.state = 'done';
      next.endedAt = now;
      next.outcome = cmd.outcome;
      break;
    case 'no_show':
      next.state = 'no_show';
      next.endedAt = now;
      break;
    case 'cancel':
      next.state = 'cancelled';
      next.endedAt = now;
      break;
    case 'park':
      next.state = 'parked';
      break;
    case 'return':
      next.state = 'called';
      next.counterId = cmd.counterId;
      break;
    case 'transfer':
      next.state = 'waiting';
      next.serviceId = cmd.serviceId;
      next.counterId = cmd.counterId;
      next.startedAt = null;
      if (!cmd.keepArrival) next.arrivedAt = now;
      break;
  }
  return { ticket: next, event: EVENT[cmd.kind] };
}
