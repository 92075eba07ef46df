/** A command, defined once and served both over socket.io and REST (same roles, schema and code). */
import type { Lang, Role } from '@dawr/core';
import type { CommandInput, CommandName } from '@dawr/core/schemas';
import type { Principal } from '../auth/principal';
import type { RateLimiter } from '../auth/rate-limit';
import type { AlertBoard } from '../alerts';
import type { DeviceService } from '../devices';
import type { QueueService } from '../queue-service';

/** The branch's services every command may use (built once per server). */
export interface CommandServices {
  queue: QueueService;
  devices: DeviceService;
  alerts: AlertBoard;
  /** Sends a ticket to a kiosk to print again; returns that kiosk's id. */
  reprint(ticketId: string): string;
  /** Tickets per device per minute (a stuck key or a prank must not empty the day's numbers). */
  issueLimit: RateLimiter;
}

/** One command's context: the services, who asks, in which language, and when. */
export interface CommandContext extends CommandServices {
  principal: Principal;
  lang: Lang;
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
