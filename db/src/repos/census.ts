/**
 * Read-only counts and checks over the whole database, for tests, benchmarks and operations: so nothing
 * outside db/ needs raw SQL to ask "how many rows", "any duplicate numbers", "which days are closed".
 */
import type { TicketState } from '@dawr/core';
import type { Db } from '../open';

/** The tables a command may write: a refused command must leave all of them as they were. */
export const COUNTED_TABLES = ['tickets', 'ticket_events', 'outbox', 'ticket_sequences', 'appointments', 'closed_days', 'card_pickups', 'counter_events'] as const;
export type CountedTable = (typeof COUNTED_TABLES)[number];

export class Census {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      counts: db.prepare(`SELECT ${COUNTED_TABLES.map((t) => `(SELECT COUNT(*) FROM ${t}) AS ${t}`).join(', ')}`),
      states: db.prepare('SELECT state, COUNT(*) AS n FROM tickets GROUP BY state ORDER BY state'),
      numbers: db.prepare('SELECT number FROM tickets ORDER BY rowid').pluck(),
      dupes: db.prepare('SELECT number FROM tickets GROUP BY branch_id, day, number HAVING COUNT(*) > 1').pluck(),
      closedDays: db.prepare('SELECT day FROM closed_days ORDER BY day').pluck(),
    };
  }

  /** Rows in each table a command may write. */
  rowCounts(): Record<CountedTable, number> {
    return this.s.counts.get() as Record<CountedTable, number>;
  }

  /** How many tickets are in each state (states with none are left out). */
  ticketStates(): { state: TicketState; n: number }[] {
    return this.s.states.all() as { state: TicketState; n: number }[];
  }

  /** Every ticket number, in the order they were made. */
  ticketNumbers(): string[] {
    return this.s.numbers.all() as string[];
  }

  /** Numbers given twice on the same day at the same branch (there must be none). */
  duplicateNumbers(): string[] {
    return this.s.dupes.all() as string[];
  }

  /** The days whose queue was closed. */
  closedDays(): string[] {
    return this.s.closedDays.all() as string[];
  }
}
