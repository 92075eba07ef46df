/** Commands of the display surface (any device may read the snapshot; displays may do nothing else). */
import { ROLES } from '../auth/principal';
import { defineCommand } from './types';

export const displayCommands = [
  defineCommand({
    name: 'branch:snapshot:v1',
    roles: ROLES.everyone,
    run: (_i, ctx) => ({ snapshot: ctx.queue.snapshot() }),
  }),
];
