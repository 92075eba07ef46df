/** Commands of the counter surface: calling and handling tickets at one counter. */
import { actorOf, ROLES } from '../auth/principal';
import { defineCommand } from './types';

export const counterCommands = [
  defineCommand({
    name: 'counter:callNext:v1',
    roles: ROLES.counter,
    atCounter: true,
    run: (i, ctx) => ({ ticket: ctx.queue.callNext(i.counterId, actorOf(ctx.principal)) }),
  }),
  defineCommand({
    name: 'counter:callTicket:v1',
    roles: ROLES.counter,
    atCounter: true,
    run: (i, ctx) => ({ ticket: ctx.queue.callTicket(i.counterId, i.ticketId, actorOf(ctx.principal)) }),
  }),
  defineCommand({
    name: 'ticket:recall:v1',
    roles: ROLES.counter,
    atCounter: true,
    run: (i, ctx) => ({ ticket: ctx.queue.act(i.counterId, i.ticketId, { kind: 'recall' }, actorOf(ctx.principal)) }),
  }),
  defineCommand({
    name: 'ticket:start:v1',
    roles: ROLES.counter,
    atCounter: true,
    run: (i, ctx) => ({ ticket: ctx.queue.act(i.counterId, i.ticketId, { kind: 'start' }, actorOf(ctx.principal)) }),
  }),
  defineCommand({
    name: 'ticket:finish:v1',
    roles: ROLES.counter,
    atCounter: true,
    run: (i, ctx) => ({
      ticket: ctx.queue.act(i.counterId, i.ticketId, { kind: 'finish', outcome: i.outcome }, actorOf(ctx.principal)),
    }),
  }),
  defineCommand({
    name: 'ticket:noShow:v1',
    roles: ROLES.counter,
    atCounter: true,
    run: (i, ctx) => ({ ticket: ctx.queue.act(i.counterId, i.ticketId, { kind: 'no_show' }, actorOf(ctx.principal)) }),
  }),
  defineCommand({
    name: 'ticket:park:v1',
    roles: ROLES.counter,
    atCounter: true,
    run: (i, ctx) => ({ ticket: ctx.queue.act(i.counterId, i.ticketId, { kind: 'park' }, actorOf(ctx.principal)) }),
  }),
  defineCommand({
    name: 'ticket:return:v1',
    roles: ROLES.counter,
    atCounter: true,
    run: (i, ctx) => ({ ticket: ctx.queue.act(i.counterId, i.ticketId, { kind: 'return' }, actorOf(ctx.principal)) }),
  }),
  defineCommand({
    name: 'ticket:transfer:v1',
    roles: ROLES.counter,
    atCounter: true,
    run: (i, ctx) => ({
      ticket: ctx.queue.act(
        i.counterId,
        i.ticketId,
        { kind: 'transfer', toServiceId: i.toServiceId, toCounterId: i.toCounterId, keepArrival: i.keepArrival },
        actorOf(ctx.principal),
      ),
    }),
  }),
  defineCommand({
    name: 'queue:list:v1',
    roles: ROLES.counter,
    run: (_i, ctx) => ({ tickets: ctx.queue.queueList() }),
  }),
];
