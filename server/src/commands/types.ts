/** A command, defined once and served both over socket.io and REST (same roles, schema and code). */
import type { Ack, ClientToServerEvents, Lang, Role } from '@dawr/core';
import type { CommandInput, CommandName } from '@dawr/core/schemas';
import type { AuthService } from '../auth/auth-service';
import type { Principal } from '../auth/principal';
import type { RateLimiter } from '@dawr/web';
import type { AlertBoard } from '../alerts';
import type { DeviceService } from '../devices';
import type { QueueService } from '../queue-service';
import type { ReportsService } from '../reports/reports-service';
import type { ReprintService } from '../reprint';
import type { SyncBoard } from '../sync/sync-board';

/** The branch's services every command may use (built once per server). */
export interface CommandServices {
  queue: QueueService;
  devices: DeviceService;
  alerts: AlertBoard;
  reprints: ReprintService;
  auth: AuthService;
  /** Tickets per device per minute (a stuck key or a prank must not empty the day's numbers). */
  issueLimit: RateLimiter;
  /** The branch's sync with the centre, for managers. */
  sync: SyncBoard;
  /** Reports for managers, and the counter log (who opened or closed a counter when). */
  reports: ReportsService;
}

/** One command's context: the services, who asks, in which language, and when. */
export interface CommandContext extends CommandServices {
  principal: Principal;
  lang: Lang;
  now: number;
}

/** What a command answers on success (without `ok`), from its entry in the typed event map. */
export type CommandReply<N extends CommandName> = N extends keyof ClientToServerEvents
  ? ClientToServerEvents[N] extends (input: never, ack: Ack<infer O>) => void
    ? O
    : never
  : never;

export interface CommandDef<N extends CommandName = CommandName> {
  name: N;
  roles: readonly Role[];
  /** Running it means the caller works at the input's counter (a clerk's session remembers it). */
  atCounter?: boolean;
  run(input: CommandInput<N>, ctx: CommandContext): CommandReply<N>;
}

/** Declares a command with its input type inferred from its name and its reply checked against the contract. */
export function defineCommand<N extends CommandName>(d: CommandDef<N>): CommandDef<N> {
  return d;
}
