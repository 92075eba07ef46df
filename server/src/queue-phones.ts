/**
 * What the visitors' phones are told after queue changes. A phone shows one ticket: its state, place,
 * wait and counter. After a change only some of those move (the called service's queue shifts; the
 * rest stay put), so each flush computes the view of every tracked ticket from memory (positions come
 * from one sort per service) and hands back only those that differ from what was last pushed.
 *
 * A call or a new counter is news at once. A place or wait that merely moved is passed on at most once a
 * PLACE_QUIET_MS per ticket: on a busy day it moves with nearly every call in the branch, and a visitor
 * reading "12 ahead" gains nothing from seeing it redrawn several times a second, while each push is a
 * write to every phone of that ticket.
 */
import type { Ticket, TrackedTicket } from '@dawr/core';
import type { Store } from '@dawr/db';
import type { QueueReads } from './queue-reads';
import type { TransactionRunner } from './queue-tx';
import type { WaitingSet } from './queue-waiting';

/** The shortest time between two pushes to a ticket's phones that only move its place or wait. */
export const PLACE_QUIET_MS = 1_000;

/** What a phone shows of its ticket, in two parts: news (state, counter, service) and its place and wait. */
const newsOf = (s: TrackedTicket): string => `${s.state}|${s.counterNumber}|${s.service.en}`;
const placeOf = (s: TrackedTicket): string => `${s.position}|${s.estimatedWaitMin}`;

/** What a ticket's phones were last told, and when. */
interface Shown {
  news: string;
  place: string;
  at: number;
}

export class PhoneFeed {
  /** What each followed ticket's phones were last told. */
  private readonly shown = new Map<string, Shown>();
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
    const m = this.reads.moment();
    const s = this.reads.tracked(ticketId, m);
    this.shown.set(ticketId, { news: newsOf(s), place: placeOf(s), at: m.now });
    return s;
  }

  /** The last phone of a ticket went away: stop following it. */
  forget(ticketId: string): void {
    this.shown.delete(ticketId);
    this.touched.delete(ticketId);
  }

  /**
   * The statuses to push: for each followed ticket whose view changed since it was last told (a moved
   * place only once its quiet time is over). `retryInMs`: when to ask again for the moves held back, or
   * null when none was. Reads memory only; a ticket that is not waiting is looked at only if a change
   * wrote it since.
   */
  updates(): { updates: [string, TrackedTicket][]; retryInMs: number | null } {
    const updates: [string, TrackedTicket][] = [];
    let retryAt = Infinity;
    if (this.shown.size === 0) return { updates, retryInMs: null };
    const m = this.reads.moment();
    const version = this.store.outbox.latestSeq();
    for (const [id, last] of this.shown) {
      const t = this.waiting.get(id) ?? this.touched.get(id);
      if (!t) continue;
      const s = this.reads.trackedOf(t, m, version);
      const news = newsOf(s);
      const place = placeOf(s);
      if (news === last.news && place === last.place) continue;
      if (news === last.news && m.now < last.at + PLACE_QUIET_MS) {
        retryAt = Math.min(retryAt, last.at + PLACE_QUIET_MS);
        continue;
      }
      this.shown.set(id, { news, place, at: m.now });
      updates.push([id, s]);
    }
    this.touched.clear();
    return { updates, retryInMs: retryAt === Infinity ? null : Math.max(0, retryAt - m.now) };
  }
}
