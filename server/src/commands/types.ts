/** A command, defined once and served both over socket.io and REST (same roles, schema and code). */
import type { Lang, Role } from '@dawr/core';
import type { CommandInput, CommandName } from '@dawr/core/schemas';
import type { Principal } from '../auth/principal';
import type { RateLimiter } from '../auth/rate-limit';
import type { DeviceService } from '../devices';
import type { QueueService } from '../queue-service';

export interface CommandContext {
  principal: Principal;
  lang: Lang;
  queue: QueueService;
  devices: DeviceService;
  /** Tickets per device per minute (a stuck key or a prank must not empty the day's numbers). */
  issueLimit: RateLimiter;
  now: number;
}

export interface CommandDef<N extends CommandName = CommandName> {
  name: N;
  roles: readonly Role[];
  run(input: CommandInput<N>, ctx: CommandContext): object;
}

/** Declares a command with its input type inferred from its name. */
export function defineCommand<N extends CommandName>(d: CommandDef<N>): CommandDef<N> {
  return d;
}
