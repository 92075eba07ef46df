/** Commands over socket.io: every known command through its ack; unknown names are answered too. */
import { failure, type Result } from '@dawr/core';
import type { AuthService } from '../auth/auth-service';
import type { Clock } from '../clock';
import { COMMANDS, runCommand } from '../commands/index';
import type { CommandServices } from '../commands/types';
import type { Logger } from '../log';
import type { DawrSocket } from './types';

export interface SocketCommandDeps {
  services: CommandServices;
  auth: AuthService;
  clock: Clock;
  log: Logger;
}

/**
 * Answers every command on a socket; the payload may be omitted, the ack comes last. A staff socket's
 * session is checked again on every command (it may have ended since the handshake), and its principal
 * re-read, so what it may do follows the session (e.g. the counter it works at). One middleware per
 * socket takes every incoming event (not a listener per command name and socket: with a thousand phones
 * connected those were some 40 000 closures kept for nothing); an event no command has is answered
 * UNKNOWN_COMMAND when an ack is asked for, rather than leave the caller waiting.
 */
export function registerCommands(socket: DawrSocket, deps: SocketCommandDeps): void {
  socket.use(([name, ...args]) => {
    const ack = args.at(-1);
    if (typeof ack !== 'function') return;
    const reply = ack as (r: Result) => void;
    if (!COMMANDS.has(name)) return reply(failure('UNKNOWN_COMMAND', socket.data.lang));
    const now = deps.clock();
    let principal = socket.data.principal;
    if (principal.kind === 'staff') {
      const live = deps.auth.sessionById(principal.sessionId, now);
      if (!live) {
        reply(failure('UNAUTHENTICATED', socket.data.lang));
        return void socket.disconnect(true);
      }
      principal = socket.data.principal = live;
    }
    const ctx = { ...deps.services, principal, lang: socket.data.lang, now };
    reply(runCommand(name, args.length > 1 ? args[0] : {}, ctx, deps.log));
  });
}
