/** Commands of the manager surface: cancelling tickets, opening counters, changing work profiles. */
import { actorOf, ROLES } from '../auth/principal';
import { defineCommand } from './types';

export const managerCommands = [
  defineCommand({
    name: 'ticket:cancel:v1',
    roles: ROLES.manager,
    run: (i, ctx) => ({ ticket: ctx.queue.cancel(i.ticketId, actorOf(ctx.principal)) }),
  }),
  defineCommand({
    name: 'ticket:reprint:v1',
    roles: ROLES.manager,
    run: (i, ctx) => ({ kioskId: ctx.reprint(i.ticketId) }),
  }),
  defineCommand({
    name: 'counter:setOpen:v1',
    // A clerk pauses or closes their own counter; managers open and close any.
    roles: ROLES.counter,
    run: (i, ctx) => ({ counter: ctx.queue.setCounterOpen(i.counterId, i.open) }),
  }),
  defineCommand({
    name: 'counter:setProfile:v1',
    roles: ROLES.manager,
    run: (i, ctx) => ({ counter: ctx.queue.setProfile(i.counterId, i.profile) }),
  }),
];
