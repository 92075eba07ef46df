/**
 * The waiting tickets and recent measured services, in memory. The queue service is the database's only
 * writer, so after each commit it applies what it wrote here (never before: a rolled-back change must not
 * show). Reading them from SQLite on every command cost more than the durable commit itself.
 *
 * Counts per service are kept up to date on apply, so estimates cost the same with 20 or 2 000 waiting;
 * a service's call order (which moves with the clock: overdue tickets, due appointments) is sorted once
 * per change of that service (or when the clock moves a ticket's rank) and gives every position at once.
 */
import {
  isOverdue,
  rankChangesAt,
  sortServiceQueue,
  waitModel,
  type MeasuredService,
  type QueueRules,
  type Ticket,
  type WaitContext,
  type WaitModel,
  type WaitModelInputs,
} from '@dawr/core';

/** Service times measured over the last few hours feed the wait estimates. */
export const MEASURE_WINDOW_MS = 3 * 3600_000;
/** How many recent measurements are kept (the estimate averages the latest 20 per service). */
const MEASURE_SAMPLE = 200;

/** One service's call order: each ticket's 1-based position, valid from `from` until `until` (exclusive). */
interface Order {
  from: number;
  until: number;
  positions: Map<string, number>;
}

export class WaitingSet {
  private readonly byId = new Map<string, Ticket>();
  private readonly byService = new Map<string, Map<string, Ticket>>();
  private readonly unreserved = new Map<string, number>();
  /** Per service: waiting appointment tickets, the latest arrival, and the ticket known to be last. */
  private readonly appts = new Map<string, number>();
  private readonly maxArrived = new Map<string, number>();
  private readonly tail = new Map<string, string>();
  private list: Ticket[] | null = null;
  private finished: MeasuredService[];
  /** Each service's cached call order; dropped when a change touches the service. */
  private readonly orders = new Map<string, Order>();

  constructor(waiting: readonly Ticket[], finished: readonly MeasuredService[]) {
    for (const t of waiting) this.add(t);
    this.finished = finished.slice(0, MEASURE_SAMPLE);
  }

  /** Applies committed tickets and measurements. Call only after the transaction committed. */
  apply(tickets: readonly Ticket[], measured: readonly MeasuredService[]): void {
    for (const t of tickets) {
      const before = this.byId.get(t.id);
      if (before) this.orders.delete(before.serviceId);
      this.orders.delete(t.serviceId);
      this.remove(t.id);
      if (t.state === 'waiting') this.add(t);
    }
    if (tickets.length) this.list = null;
    if (measured.length) this.finished = [...measured, ...this.finished].slice(0, MEASURE_SAMPLE);
  }

  /** The waiting tickets, unsorted (every rule orders explicitly); rebuilt only after a change. */
  all(): Ticket[] {
    return (this.list ??= [...this.byId.values()]);
  }

  /** The waiting ticket with this id, if it is waiting. */
  get(ticketId: string): Ticket | undefined {
    return this.byId.get(ticketId);
  }

  /** Measurements ended within the window before `now`. */
  measured(now: number): MeasuredService[] {
    return this.finished.filter((f) => f.endedAt >= now - MEASURE_WINDOW_MS);
  }

  /** The inputs of a wait model at `now`: counts per service, never the tickets themselves. */
  modelInputs(now: number, rest: Pick<WaitModelInputs, 'counters' | 'typicalMin'>): WaitModelInputs {
    const waitingCount = new Map<string, number>();
    for (const [id, m] of this.byService) waitingCount.set(id, m.size);
    return { waitingCount, unreservedCount: this.unreserved, finished: this.measured(now), ...rest };
  }

  /** A wait model at `now` (see {@link waitModel}). */
  model(now: number, rest: Pick<WaitModelInputs, 'counters' | 'typicalMin'>): WaitModel {
    return waitModel(this.modelInputs(now, rest));
  }

  /**
   * A waiting ticket's 1-based place in its service's call order at `now` ({@link sortServiceQueue}),
   * or null when it is not waiting. The order is sorted once per change of the service, and again only
   * when the clock reaches a ticket's next change of rank (overdue, appointment due).
   */
  position(t: Ticket, now: number, rules: QueueRules): number | null {
    if (t.state !== 'waiting' || !this.byId.has(t.id)) return null;
    const tickets = this.byService.get(t.serviceId)!;
    // A plain walk-in that arrived after everyone else in its service, with no appointments there (an early
    // one queues from its future slot) and not overdue itself, is last: the issue path needs no sort.
    if (this.tail.get(t.serviceId) === t.id && !this.appts.get(t.serviceId) && !isOverdue(t, now, rules)) return tickets.size;
    let order = this.orders.get(t.serviceId);
    if (!order || now < order.from || now >= order.until) {
      const all = [...tickets.values()];
      let until = Infinity;
      for (const x of all) until = Math.min(until, rankChangesAt(x, now, rules));
      const sorted = sortServiceQueue(all, now, rules);
      order = { from: now, until, positions: new Map(sorted.map((x, i) => [x.id, i + 1])) };
      this.orders.set(t.serviceId, order);
    }
    return order.positions.get(t.id) ?? null;
  }

  /** A context for the core functions that want the tickets (the call rule). */
  context(now: number, rest: Omit<WaitContext, 'waiting' | 'finished' | 'now'>): WaitContext {
    return { waiting: this.all(), finished: this.measured(now), now, ...rest };
  }

  private add(t: Ticket): void {
    const s = t.serviceId;
    this.byId.set(t.id, t);
    let m = this.byService.get(s);
    if (!m) this.byService.set(s, (m = new Map()));
    m.set(t.id, t);
    if (t.counterId === null) this.unreserved.set(s, (this.unreserved.get(s) ?? 0) + 1);
    if (t.appointmentId !== null) this.appts.set(s, (this.appts.get(s) ?? 0) + 1);
    // The running maximum only grows while the service has tickets: a stale (higher) one is conservative.
    const latest = this.maxArrived.get(s) ?? -Infinity;
    if (t.priority === null && t.appointmentId === null && t.arrivedAt > latest) this.tail.set(s, t.id);
    else this.tail.delete(s);
    this.maxArrived.set(s, Math.max(latest, t.arrivedAt));
  }

  private remove(id: string): void {
    const t = this.byId.get(id);
    if (!t) return;
    this.byId.delete(id);
    const m = this.byService.get(t.serviceId)!;
    m.delete(id);
    if (m.size === 0) {
      this.byService.delete(t.serviceId);
      this.maxArrived.delete(t.serviceId);
    }
    if (t.counterId === null) this.unreserved.set(t.serviceId, this.unreserved.get(t.serviceId)! - 1);
    if (t.appointmentId !== null) this.appts.set(t.serviceId, this.appts.get(t.serviceId)! - 1);
    if (this.tail.get(t.serviceId) === id) this.tail.delete(t.serviceId);
  }
}
