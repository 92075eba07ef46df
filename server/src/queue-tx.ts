/**
 * The transaction runner: one store transaction per change; what it wrote is applied to the waiting set
 * and told to listeners only after the commit, so a display never shows a call the database does not have.
 */
import type { CallNotice, MeasuredService, Ticket } from '@dawr/core';
import type { Store } from '@dawr/db';
import type { WaitingSet } from './queue-waiting';

/** Where committed changes go (the socket layer fans them out to rooms). */
export interface QueueListener {
  called(call: CallNotice): void;
  /** The queue changed at `version`; listeners read the counts when they push them (often coalesced). */
  queueChanged(version: number): void;
  /** A ticket was issued or checked in (for metrics). */
  issued?(serviceId: string): void;
  /** The branch's configuration was read again: services may have changed beyond their counts. */
  reloaded?(): void;
}

/** A change's result plus what to tell listeners once it has committed. */
export interface Committed<T> {
  value: T;
  version: number;
  calls: Omit<CallNotice, 'version'>[];
  /** The service of a newly issued ticket. */
  issued?: string;
}

/** What the running transaction wrote, to be applied to memory once it commits. */
export interface TxLog {
  tickets: Ticket[];
  measured: MeasuredService[];
}

export class TransactionRunner {
  private readonly listeners: QueueListener[] = [];
  private readonly applied: ((tickets: readonly Ticket[]) => void)[] = [];

  constructor(
    private readonly store: Store,
    private readonly waiting: WaitingSet,
  ) {}

  listen(l: QueueListener): void {
    this.listeners.push(l);
  }

  /** Hears the tickets each committed change wrote, right after they are applied to memory. */
  onApplied(fn: (tickets: readonly Ticket[]) => void): void {
    this.applied.push(fn);
  }

  /** Runs `fn` in one transaction; after the commit applies its writes and tells listeners. */
  run<T>(fn: (log: TxLog) => Committed<T>): T {
    const log: TxLog = { tickets: [], measured: [] };
    const { value, version, calls, issued } = this.store.tx(() => fn(log));
    this.waiting.apply(log.tickets, log.measured);
    if (log.tickets.length) for (const fn of this.applied) fn(log.tickets);
    if (version > 0) this.announce(version, calls, issued);
    return value;
  }

  /** Tells listeners that the configuration was read again. */
  reloaded(): void {
    for (const l of this.listeners) l.reloaded?.();
  }

  /** Tells listeners about a committed change. */
  announce(version: number, calls: Omit<CallNotice, 'version'>[] = [], issued?: string): void {
    if (issued) for (const l of this.listeners) l.issued?.(issued);
    for (const c of calls) for (const l of this.listeners) l.called({ ...c, version });
    for (const l of this.listeners) l.queueChanged(version);
  }
}
