import { describe, expect, it } from 'vitest';
import { TICKET_STATES, type TicketState } from '../src/domain';
import { applyCommand, canApply, IllegalTransition, type TicketCommand } from '../src/ticket-machine';
import { OPEN_AT, ticket } from './fixtures';

const NOW = OPEN_AT + 600_000;

const COMMANDS: Record<TicketCommand['kind'], TicketCommand> = {
  call: { kind: 'call', counterId: 'c1' },
  recall: { kind: 'recall' },
  start: { kind: 'start' },
  finish: { kind: 'finish', outcome: 'served' },
  no_show: { kind: 'no_show' },
  cancel: { kind: 'cancel' },
  park: { kind: 'park' },
  return: { kind: 'return', counterId: 'c2' },
  transfer: { kind: 'transfer', serviceId: 's9', counterId: 'c3', keepArrival: true },
};

/** The legal transitions of shared/docs/domain.md: command → (from → to, event). */
const LEGAL: Record<TicketCommand['kind'], { from: TicketState[]; to: TicketState | 'same'; event: string }> = {
  call: { from: ['waiting'], to: 'called', event: 'called' },
  recall: { from: ['called'], to: 'same', event: 'recalled' },
  start: { from: ['called'], to: 'serving', event: 'started' },
  finish: { from: ['serving'], to: 'done', event: 'ended' },
  no_show: { from: ['called'], to: 'no_show', event: 'no_show' },
  cancel: { from: ['waiting', 'called', 'parked'], to: 'cancelled', event: 'cancelled' },
  park: { from: ['called', 'serving'], to: 'parked', event: 'parked' },
  return: { from: ['parked'], to: 'called', event: 'returned' },
  transfer: { from: ['called', 'serving', 'parked'], to: 'waiting', event: 'transferred' },
};

describe('ticket machine: every state × command', () => {
  for (const state of TICKET_STATES) {
    for (const [kind, cmd] of Object.entries(COMMANDS) as [TicketCommand['kind'], TicketCommand][]) {
      const legal = LEGAL[kind].from.includes(state);
      it(`${kind} from ${state} is ${legal ? 'legal' : 'refused'}`, () => {
        expect(canApply(state, kind)).toBe(legal);
        const t = ticket({ id: 't1', state, counterId: state === 'waiting' ? null : 'c1', calledAt: state === 'waiting' ? null : OPEN_AT });
        if (!legal) {
          expect(() => applyCommand(t, cmd, NOW)).toThrow(IllegalTransition);
          expect(() => applyCommand(t, cmd, NOW)).toThrow(`cannot ${kind} a ticket that is ${state}`);
          return;
        }
        const { ticket: next, event } = applyCommand(t, cmd, NOW);
        expect(event).toBe(LEGAL[kind].event);
        expect(next.state).toBe(LEGAL[kind].to === 'same' ? state : LEGAL[kind].to);
        expect(next.id).toBe(t.id);
        expect(t.state).toBe(state); // the input is never mutated
      });
    }
  }

  it('IllegalTransition carries the state and command', () => {
    try {
      applyCommand(ticket({ id: 't', state: 'done' }), { kind: 'start' }, NOW);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(IllegalTransition);
      expect((e as IllegalTransition).from).toBe('done');
      expect((e as IllegalTransition).command).toBe('start');
    }
  });
});

describe('ticket machine: fields', () => {
  it('call sets counter and first call time; a later call after transfer keeps the first calledAt', () => {
    const called = applyCommand(ticket({ id: 't' }), { kind: 'call', counterId: 'c1' }, NOW).ticket;
    expect(called).toMatchObject({ state: 'called', counterId: 'c1', calledAt: NOW });
    const back = applyCommand(called, { kind: 'transfer', serviceId: 's1', counterId: null, keepArrival: true }, NOW + 1).ticket;
    const again = applyCommand(back, { kind: 'call', counterId: 'c2' }, NOW + 2).ticket;
    expect(again).toMatchObject({ counterId: 'c2', calledAt: NOW, serviceId: 's1' });
  });

  it('start, finish, no_show and cancel stamp their times', () => {
    const called = ticket({ id: 't', state: 'called', counterId: 'c1', calledAt: NOW });
    const serving = applyCommand(called, { kind: 'start' }, NOW + 1).ticket;
    expect(serving.startedAt).toBe(NOW + 1);
    const done = applyCommand(serving, { kind: 'finish', outcome: 'issued' }, NOW + 2).ticket;
    expect(done).toMatchObject({ state: 'done', endedAt: NOW + 2, outcome: 'issued' });
    expect(applyCommand(called, { kind: 'no_show' }, NOW + 3).ticket.endedAt).toBe(NOW + 3);
    expect(applyCommand(ticket({ id: 'w' }), { kind: 'cancel' }, NOW + 4).ticket.endedAt).toBe(NOW + 4);
  });

  it('recall changes nothing but the event', () => {
    const called = ticket({ id: 't', state: 'called', counterId: 'c1', calledAt: NOW });
    const r = applyCommand(called, { kind: 'recall' }, NOW + 5);
    expect(r.ticket).toEqual(called);
    expect(r.event).toBe('recalled');
  });

  it('park then return puts the ticket at the returning counter', () => {
    const serving = ticket({ id: 't', state: 'serving', counterId: 'c1', calledAt: NOW, startedAt: NOW });
    const parked = applyCommand(serving, { kind: 'park' }, NOW + 1).ticket;
    expect(parked.state).toBe('parked');
    expect(applyCommand(parked, { kind: 'return', counterId: 'c4' }, NOW + 2).ticket).toMatchObject({ state: 'called', counterId: 'c4' });
  });

  it('transfer keeps or resets the arrival, clears the start and may reserve a counter', () => {
    const serving = ticket({ id: 't', state: 'serving', counterId: 'c1', calledAt: NOW, startedAt: NOW, arrivedAt: OPEN_AT });
    const kept = applyCommand(serving, { kind: 'transfer', serviceId: 's2', counterId: 'c7', keepArrival: true }, NOW + 9).ticket;
    expect(kept).toMatchObject({ state: 'waiting', serviceId: 's2', counterId: 'c7', startedAt: null, arrivedAt: OPEN_AT });
    const reset = applyCommand(serving, { kind: 'transfer', serviceId: 's2', counterId: null, keepArrival: false }, NOW + 9).ticket;
    expect(reset).toMatchObject({ counterId: null, arrivedAt: NOW + 9 });
  });
});
