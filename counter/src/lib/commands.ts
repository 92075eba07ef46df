/**
 * The counter app's commands to the branch server: their types, derived from the socket contract, and how
 * a command's effect reaches the screen (the staff push that follows it).
 */
import type { ClientToServerEvents, Failure, MessageKey } from '@dawr/core';

export type CommandName = keyof ClientToServerEvents;
export type CommandInput<E extends CommandName> = Parameters<ClientToServerEvents[E]>[0];
export type CommandOk<E extends CommandName> = Extract<Parameters<Parameters<ClientToServerEvents[E]>[1]>[0], { ok: true }>;

/** What the last command came to, when it is worth saying. */
export type Notice =
  | { kind: 'empty' }
  | { kind: 'failure'; failure: Failure }
  | { kind: 'noAnswer' }
  | { kind: 'done'; key: MessageKey; params: Record<string, string | number> };

export const ACK_TIMEOUT_MS = 10_000;
/**
 * How long a command waits for the push that carries its effect (the server pushes within 100 ms of a
 * change); a command that changed nothing gets none, and the list is then read again instead.
 */
export const PUSH_WAIT_MS = 1_000;
/** Commands that never change the queue, so no push follows them. */
export const NO_PUSH = new Set<CommandName>(['ticket:reprint:v1', 'queue:list:v1', 'branch:snapshot:v1', 'kiosk:list:v1', 'sync:resolveConflict:v1']);

/** Who waits for the next staff push (a command, for its effect to be on screen). */
export class PushWaiters {
  #waiters: (() => void)[] = [];

  /** A push arrived: every waiter goes on. */
  arrived(): void {
    for (const w of this.#waiters.splice(0)) w();
  }

  /** Resolves true at the next push, or false after `ms` without one. */
  next(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        this.#waiters = this.#waiters.filter((w) => w !== done);
        resolve(false);
      }, ms);
      this.#waiters.push(done);
    });
  }
}
