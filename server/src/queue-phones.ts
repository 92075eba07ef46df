/**
 * What the visitors' phones are told after queue changes. A phone shows one ticket: its state, place,
 * wait and counter. After a change only some of those move (the called service's queue shifts; the
 * rest stay put), so each flush computes the view of every tracked ticket from memory (positions come
 * from one sort per service) and hands back only those that differ from what was last pushed.
 */
import type { Ticket, TrackedTicket } from '@dawr/core';
import type { Store } from '@dawr/db';
import type { QueueReads } from './queue-reads';
import type { TransactionRunner } from './queue-tx';
import type { WaitingSet } from './queue-waiting';

/** What a phone shows of its ticket (the version aside): a push is due when this changes. */
const shownOf = (s: TrackedTicket): string => `${s.state}|${s.position}|${s.estimatedWaitMin}|${s.counterNumber}|${s.service.en}`;

export class PhoneFeed {
  /** What each tracked ticket's phones were last told. */
  private readonly shown = new Map<string, string>();
  /** Tickets written since the last flush that are no longer waiting (waiting ones are in memory). */
  private readonly touched = new Map<string, Ticket>();

  constructor(
    private readonly store: Store,
    private readonly reads: QueueReads,
    private readonly waiting: WaitingSet,
    runner: TransactionRunner,
  ) {
    runner.onApplied((tickets) => {
      for (const t of tickets) if (this.shown.has(t.id) && t.state !== 'waiting') this.touched.set(t.id, t);
    });
  }

  /** A phone connected: its ticket's status now, remembered as told. */
  connected(ticketId: string): TrackedTicket {
    const s = this.reads.tracked(ticketId);
    this.shown.set(ticketId, shownOf(s));
    return s;
  }

  /** The last phone of a ticket went away: stop following it. */
  forget(ticketId: string): void {
    this.shown.delete(ticketId);
    this.touched.delete(ticketId);
  }

  /**
   * The statuses to push: for each followed ticket whose view changed since it was last told. Reads
   * memory only; a ticket that is not waiting is looked at only if a change wrote it since.
   */
  updates(): [string, TrackedTicket][] {
    const out: [string, TrackedTicket][] = [];
    if (this.shown.size === 0) return out;
    const m = this.reads.moment();
    const version = this.store.outbox.latestSeq();
    for (const [id, last] of this.shown) {
      const t = this.waiting.get(id) ?? this.touched.get(id);
      if (!t) continue;
      const s = this.reads.trackedOf(t, m, version);
      const key = shownOf(s);
      if (key === last) continue;
      this.shown.set(id, key);
      out.push([id, s]);
    }
    this.touched.clear();
    return out;
  }
}
