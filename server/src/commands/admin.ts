/** Commands of the admin surface: enrolling, revoking and reinstating devices. */
import { ROLES } from '../auth/principal';
import { defineCommand } from './types';

export const adminCommands = [
  defineCommand({ name: 'device:list:v1', roles: ROLES.admin, run: (_i, ctx) => ({ devices: ctx.devices.list() }) }),
  defineCommand({ name: 'device:enrol:v1', roles: ROLES.admin, run: (i, ctx) => ctx.devices.enrol(i.id, i.role, i.name, i.counterId ?? null) }),
  defineCommand({ name: 'device:revoke:v1', roles: ROLES.admin, run: (i, ctx) => ({ device: ctx.devices.revoke(i.deviceId) }) }),
  defineCommand({ name: 'device:reinstate:v1', roles: ROLES.admin, run: (i, ctx) => ({ device: ctx.devices.reinstate(i.deviceId) }) }),
];
