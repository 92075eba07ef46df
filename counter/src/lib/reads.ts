/**
 * How the counter app reads the branch: one read at a time, and the staff ticket list kept current from
 * the pushes that follow every committed change.
 */
import type { StaffTicket } from '@dawr/core';

/** Tickets that have left the queue for good: a push drops them from the list. */
const GONE = new Set<StaffTicket['state']>(['done', 'no_show', 'cancelled']);

/** The list with the tickets a push carries applied: new and changed ones in, finished ones out. */
export function applyTickets(list: readonly StaffTicket[], changed: readonly StaffTicket[]): StaffTicket[] {
  const byId = new Map(list.map((t) => [t.id, t]));
  for (const t of changed) {
    if (GONE.has(t.state)) byId.delete(t.id);
    else byId.set(t.id, t);
  }
  return [...byId.values()];
}

/**
 * A read that is never run twice at once: calls made while one is in flight share one more run started
 * after it, so whoever awaits `run()` sees every change committed before they asked.
 */
export class SharedRead {
  #loading: Promise<void> | null = null;
  #queued: Promise<void> | null = null;

  constructor(private readonly load: () => Promise<void>) {}

  run(): Promise<void> {
    if (this.#loading) {
      this.#queued ??= this.#loading.then(() => {
        this.#queued = null;
        return this.run();
      });
      return this.#queued;
    }
    this.#loading = this.load().finally(() => {
      this.#loading = null;
    });
    return this.#loading;
  }
}
