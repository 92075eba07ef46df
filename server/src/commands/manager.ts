/**
 * Commands of the manager surface: cancelling and reprinting tickets, opening counters, work profiles, and marking
 * a sync conflict with the centre handled.
 */
import { DawrError } from '@dawr/core';
import { actorOf, mayOpenOrClose, ROLES } from '../auth/principal';
import { defineCommand } from './types';

/** A profile must serve someone and list each service once (the counter_services key is per service). */
function checkProfile(profile: { serviceId: string }[]): void {
  if (profile.length === 0) throw new DawrError('PROFILE_EMPTY');
  if (new Set(profile.map((p) => p.serviceId)).size !== profile.length) throw new DawrError('PROFILE_DUPLICATE_SERVICE');
}

export const managerCommands = [
  defineCommand({
    name: 'ticket:cancel:v1',
    roles: ROLES.manager,
    run: (i, ctx) => ({ ticket: ctx.queue.cancel(i.ticketId, actorOf(ctx.principal)) }),
  }),
  defineCommand({
    name: 'ticket:reprint:v1',
    roles: ROLES.manager,
    run: (i, ctx) => ({ kioskId: ctx.reprints.reprint(i.ticketId, i.kioskId) }),
  }),
  defineCommand({
    name: 'kiosk:list:v1',
    roles: ROLES.manager,
    run: (i, ctx) => {
      const { kiosks, issuedBy } = ctx.reprints.kiosks(i.ticketId);
      return { kiosks: kiosks.map(({ id, name }) => ({ id, name })), issuedBy };
    },
  }),
  defineCommand({
    name: 'counter:setOpen:v1',
    // Who may is decided by mayOpenOrClose alone (a clerk their own counter, managers any).
    roles: ROLES.counter,
    run: (i, ctx) => {
      if (!mayOpenOrClose(ctx.principal, i.counterId)) throw new DawrError('NOT_YOUR_COUNTER');
      return { counter: ctx.reports.setCounterOpen(i.counterId, i.open, actorOf(ctx.principal).clerkId) };
    },
  }),
  defineCommand({
    name: 'counter:setProfile:v1',
    roles: ROLES.manager,
    run: (i, ctx) => {
      checkProfile(i.profile);
      return { counter: ctx.queue.setProfile(i.counterId, i.profile) };
    },
  }),
  defineCommand({
    name: 'sync:resolveConflict:v1',
    roles: ROLES.manager,
    run: (i, ctx) => ({ sync: ctx.sync.resolve(i.seq, ctx.principal.id) }),
  }),
];
