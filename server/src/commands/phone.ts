/** The visitor's phone: its own ticket, nothing else. */
import { ROLES } from '../auth/principal';
import { defineCommand } from './types';

export const phoneCommands = [
  defineCommand({ name: 'ticket:track:v1', roles: ROLES.phone, run: (_i, ctx) => ({ ticket: ctx.queue.tracked(ctx.principal.id) }) }),
];
