/**
 * One way to register a command: role check, payload validation, domain errors turned into
 * `{ok:false, code, msg}` in the device's language. A handler that throws never takes the server down.
 */
import { DawrError, IllegalTransition, failure, type DeviceRole, type Result } from '@dawr/core';
import { parseCommand, type CommandName } from '@dawr/core/schemas';
import type { z } from 'zod';
import type { schemas } from '@dawr/core/schemas';
import type { Logger } from '../log';
import type { DawrSocket } from './types';

type Input<N extends CommandName> = z.infer<(typeof schemas)[N]>;

/** Registers `name` on `socket` for the given roles; `run` returns the success fields. */
export function command<N extends CommandName>(
  socket: DawrSocket,
  log: Logger,
  name: N,
  roles: readonly DeviceRole[],
  run: (input: Input<N>) => object,
): void {
  // socket.io passes the ack last; a client may omit the payload, so find both by type.
  (socket as unknown as { on(ev: string, fn: (...args: unknown[]) => void): void }).on(name, (...args) => {
    const ack = args.at(-1);
    if (typeof ack !== 'function') return;
    const reply = ack as (r: Result) => void;
    const { device, lang } = socket.data;
    if (!roles.includes(device.role)) return reply(failure('FORBIDDEN', lang));
    const input = parseCommand(name, args.length > 1 ? args[0] : {});
    if (input === null) return reply(failure('BAD_REQUEST', lang));
    try {
      reply({ ok: true, ...run(input) });
    } catch (e) {
      if (e instanceof DawrError) return reply(failure(e.code, lang));
      if (e instanceof IllegalTransition) return reply(failure('ILLEGAL_TRANSITION', lang));
      log.error({ err: e, command: name, device: device.id }, 'command failed');
      reply(failure('INTERNAL', lang));
    }
  });
}
