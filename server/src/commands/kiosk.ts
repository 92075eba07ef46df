/** Commands of the kiosk surface: issuing walk-in tickets, checking in appointments, finding a card ready here. */
import { DawrError } from '@dawr/core';
import { actorOf, ROLES } from '../auth/principal';
import { defineCommand, type CommandContext } from './types';

/**
 * Counts an issue against the device's limit. A retry of a request already served is not a new ticket:
 * it is recognised first, so a kiosk that timed out still gets its ticket when it is over the limit.
 */
function limitIssuing(ctx: CommandContext, requestId: string | undefined): void {
  if (requestId !== undefined && ctx.queue.isIssuedRequest(requestId)) return;
  if (!ctx.issueLimit.take(ctx.principal.id, ctx.now)) throw new DawrError('RATE_LIMITED');
}

export const kioskCommands = [
  defineCommand({
    name: 'ticket:issue:v1',
    roles: ROLES.issuing,
    run: (input, ctx) => {
      limitIssuing(ctx, input.requestId);
      return ctx.queue.issue(input, actorOf(ctx.principal));
    },
  }),
  defineCommand({
    name: 'appointment:find:v1',
    roles: ROLES.issuing,
    run: (input, ctx) => ({ appointments: ctx.queue.appointmentViews(input) }),
  }),
  defineCommand({
    name: 'card:ready:v1',
    roles: ROLES.issuing,
    run: (input, ctx) => ({ card: ctx.queue.readyCard(input.cpr) }),
  }),
  defineCommand({
    name: 'card:ready:v2',
    roles: ROLES.issuing,
    run: (input, ctx) => ({ card: ctx.queue.readyCard(input.cpr), pending: ctx.queue.pendingCard(input.cpr) }),
  }),
  defineCommand({
    name: 'appointment:checkIn:v1',
    roles: ROLES.issuing,
    run: (input, ctx) => {
      limitIssuing(ctx, input.requestId);
      return ctx.queue.checkIn(input, actorOf(ctx.principal));
    },
  }),
];

export const kioskStatusCommands = [
  defineCommand({
    name: 'kiosk:alert:v1',
    roles: ROLES.kiosk,
    run: (i, ctx) => {
      ctx.alerts.report({ ...i, deviceId: ctx.principal.id, deviceName: ctx.principal.name, at: ctx.now });
      return {};
    },
  }),
  defineCommand({ name: 'alerts:list:v1', roles: ROLES.counter, run: (_i, ctx) => ({ alerts: ctx.alerts.list() }) }),
];
