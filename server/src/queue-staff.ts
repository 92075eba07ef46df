/**
 * What staff screens are pushed after queue changes, so that they apply changes instead of re-reading the
 * whole list: the tickets written since the last push, the tickets held at counters, and the counters
 * when their configuration changed since the last push (a screen has them from its snapshot).
 *
 * A staff screen orders a service's waiting tickets by their position. A ticket leaving the queue shifts
 * everyone behind it alike (the order holds without them), but a ticket placed ahead of others (priority,
 * appointment, transfer keeping its arrival) moves them back: then that service's waiting tickets are
 * all sent again.
 */
import type { CounterTicket, StaffQueueChange, Ticket } from '@dawr/core';
import type { Store } from '@dawr/db';
import type { Catalogue } from './queue-catalogue';
import type { QueueReads } from './queue-reads';
import type { TransactionRunner } from './queue-tx';
import type { WaitingSet } from './queue-waiting';

const held = (t: Ticket): boolean => t.counterId !== null && (t.state === 'called' || t.state === 'serving');

export class StaffFeed {
  private readonly touched = new Map<string, Ticket>();
  private readonly reordered = new Set<string>();
  /** The ticket each counter holds (called or serving), by counter id. */
  private readonly atCounter = new Map<string, CounterTicket>();
  /** The catalogue's generation whose counters the last push carried. */
  private countersSent = -1;

  constructor(
    private readonly store: Store,
    private readonly catalogue: Catalogue,
    private readonly reads: QueueReads,
    private readonly waiting: WaitingSet,
    runner: TransactionRunner,
  ) {
    for (const t of store.tickets.listActive(catalogue.branchId)) if (held(t)) this.hold(t);
    runner.onApplied((tickets) => this.applied(tickets));
  }

  /** The change to push to staff now; the next one starts from here. */
  change(): StaffQueueChange {
    const m = this.reads.moment();
    const tickets = new Map(this.touched);
    for (const serviceId of this.reordered) for (const t of this.waiting.inService(serviceId)) tickets.set(t.id, t);
    this.touched.clear();
    this.reordered.clear();
    const change: StaffQueueChange = {
      version: this.store.outbox.latestSeq(),
      tickets: [...tickets.values()].map((t) => this.reads.staffView(t, m)),
      counterTickets: [...this.atCounter.values()],
    };
    if (this.countersSent !== this.catalogue.generation) {
      this.countersSent = this.catalogue.generation;
      change.counters = this.catalogue.counters();
    }
    return change;
  }

  private applied(tickets: readonly Ticket[]): void {
    let m: ReturnType<QueueReads['moment']> | null = null;
    for (const t of tickets) {
      this.touched.set(t.id, t);
      for (const [counterId, c] of this.atCounter) if (c.ticketId === t.id) this.atCounter.delete(counterId);
      if (held(t)) this.hold(t);
      if (t.state === 'waiting') {
        m ??= this.reads.moment();
        const behind = this.reads.estimate(t, m).position !== m.model.waiting(t.serviceId);
        if (behind) this.reordered.add(t.serviceId);
      }
    }
  }

  private hold(t: Ticket): void {
    this.atCounter.set(t.counterId!, { counterId: t.counterId!, ticketId: t.id, number: t.number, state: t.state });
  }
}
