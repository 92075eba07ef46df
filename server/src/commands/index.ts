/** Every command, and the one function that runs any of them: role check, validation, errors. */
import { DawrError, IllegalTransition, failure, type Lang, type Result } from '@dawr/core';
import { parseCommand, type CommandName } from '@dawr/core/schemas';
import type { Logger } from '../log';
import { adminCommands } from './admin';
import { counterCommands } from './counter';
import { displayCommands } from './display';
import { kioskCommands, kioskStatusCommands } from './kiosk';
import { phoneCommands } from './phone';
import { managerCommands } from './manager';
import type { CommandContext, CommandDef } from './types';

export const COMMANDS: ReadonlyMap<string, CommandDef> = new Map(
  ([...displayCommands, ...kioskCommands, ...counterCommands, ...managerCommands, ...adminCommands, ...kioskStatusCommands, ...phoneCommands] as CommandDef[]).map((c) => [c.name, c]),
);

/** HTTP status for a failed command's code (REST uses it; sockets only see the body). */
export const HTTP_STATUS: Partial<Record<string, number>> = {
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  CSRF_FAILED: 403,
  UNKNOWN_SERVICE: 404,
  UNKNOWN_COUNTER: 404,
  UNKNOWN_TICKET: 404,
  UNKNOWN_DEVICE: 404,
  NO_APPOINTMENT: 404,
  NO_KIOSK: 409,
  CHOOSE_KIOSK: 409,
  NOT_YOUR_COUNTER: 403,
  UNKNOWN_CONFLICT: 404,
  PROFILE_EMPTY: 400,
  PROFILE_DUPLICATE_SERVICE: 400,
  PAYLOAD_TOO_LARGE: 413,
  UNKNOWN_COMMAND: 404,
  RATE_LIMITED: 429,
  INTERNAL: 500,
};

/**
 * Runs a command for a principal. Never throws: a domain error, an illegal transition, a bad payload or a
 * missing role becomes `{ok:false, code, msg}`; anything unexpected is logged and answered INTERNAL.
 */
export function runCommand(name: string, rawInput: unknown, ctx: CommandContext, log: Logger): Result {
  const lang: Lang = ctx.lang;
  const def = COMMANDS.get(name);
  if (!def) return failure('UNKNOWN_COMMAND', lang);
  if (!def.roles.includes(ctx.principal.role)) return failure('FORBIDDEN', lang);
  const input = parseCommand(name as CommandName, rawInput);
  if (input === null) return failure('BAD_REQUEST', lang);
  try {
    const reply: object = def.run(input as never, ctx);
    if (def.atCounter) ctx.auth.workingAt(ctx.principal, (input as { counterId: string }).counterId);
    return { ok: true, ...reply };
  } catch (e) {
    if (e instanceof DawrError) return failure(e.code, lang);
    if (e instanceof IllegalTransition) return failure('ILLEGAL_TRANSITION', lang);
    log.error({ err: e, command: name, principal: ctx.principal.id }, 'command failed');
    return failure('INTERNAL', lang);
  }
}
