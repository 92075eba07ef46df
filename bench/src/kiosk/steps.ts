/** Deadlines for the kiosk bench's steps, each named for the stall watcher (stall-watch.ts) while it runs. */

/** One step (card event, command ack, print, removal) may take this long before the run fails. */
export const STEP_TIMEOUT_MS = 10_000;

let listener: (name: string) => void = () => {};

/** Where the name of the step in progress goes (the stall watcher's `step`). */
export function onStep(fn: (name: string) => void): void {
  listener = fn;
}

/** Names the step in progress. */
export function stepNow(name: string): void {
  listener(name);
}

/** A promise that rejects after `ms` with `what` (the step's name, also given to the stall watcher). */
export function within<T>(p: Promise<T>, ms: number, what: string, quiet = false): Promise<T> {
  if (!quiet) stepNow(what);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: nothing within ${ms} ms`)), ms)));
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/** Events of one source, waited for by predicate (those that arrive with nobody waiting are dropped). */
export class Waiters<E> {
  private waiting: { pred: (e: E) => boolean; resolve: (e: E) => void }[] = [];
  push = (e: E): void => {
    for (const w of [...this.waiting]) {
      if (w.pred(e)) {
        this.waiting.splice(this.waiting.indexOf(w), 1);
        w.resolve(e);
      }
    }
  };
  /**
   * Registers now (call before the action that causes the event); rejects after STEP_TIMEOUT_MS. Name the step
   * with stepNow() where it is awaited.
   */
  next(pred: (e: E) => boolean, what: string): Promise<E> {
    return within(new Promise<E>((resolve) => this.waiting.push({ pred, resolve })), STEP_TIMEOUT_MS, what, true);
  }
}
