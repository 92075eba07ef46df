/**
 * The waiting tickets and recent measured services, in memory. The queue service is the database's only
 * writer, so after each commit it applies what it wrote here (never before: a rolled-back change must not
 * show). Reading them from SQLite on every command cost more than the durable commit itself.
 *
 * Counts per service are kept up to date on apply, so estimates cost the same with 20 or 2 000 waiting;
 * each service's call order is kept between changes (queue-order.ts) and gives every position at once,
 * and the few tickets a counter could call next are read from the heads of those orders.
 */
import {
  isOverdue,
  waitModel,
  type Counter,
  type MeasuredService,
  type QueueRules,
  type Ticket,
  type WaitModel,
  type WaitModelInputs,
} from '@dawr/core';
import { ServiceOrders } from './queue-order';

/** Service times measured over the last few hours feed the wait estimates. */
export const MEASURE_WINDOW_MS = 3 * 3600_000;
/** How many recent measurements are kept (the estimate averages the latest 20 per service). */
const MEASURE_SAMPLE = 200;

export class WaitingSet {
  private readonly byId = new Map<string, Ticket>();
  private readonly byService = new Map<string, Map<string, Ticket>>();
  private readonly unreserved = new Map<string, number>();
  /** Per service: waiting appointment tickets, the latest arrival, and the ticket known to be last. */
  private readonly appts = new Map<string, number>();
  private readonly maxArrived = new Map<string, number>();
  private readonly tail = new Map<string, string>();
  /** Tickets reserved for a counter (by a transfer), by counter id: it takes them before anything else. */
  private readonly reserved = new Map<string, Map<string, Ticket>>();
  private finished: MeasuredService[];
  private readonly orders: ServiceOrders;

  constructor(
    waiting: readonly Ticket[],
    finished: readonly MeasuredService[],
    private readonly rules: QueueRules,
  ) {
    this.orders = new ServiceOrders(rules);
    for (const t of waiting) this.add(t);
    this.finished = finished.slice(0, MEASURE_SAMPLE);
  }

  /** Applies committed tickets and measurements. Call only after the transaction committed. */
  apply(tickets: readonly Ticket[], measured: readonly MeasuredService[]): void {
    for (const t of tickets) {
      const before = this.byId.get(t.id);
      if (before) {
        this.remove(before.id);
        if (t.state === 'waiting') this.orders.dropped(before.serviceId);
        else this.orders.removed(before);
      }
      if (t.state !== 'waiting') continue;
      // A plain walk-in arriving after everyone in a service without appointments goes last.
      const last = this.add(t) && !before && !this.appts.get(t.serviceId);
      if (last) this.orders.appended(t);
      else this.orders.dropped(t.serviceId);
    }
    if (measured.length) this.finished = [...measured, ...this.finished].slice(0, MEASURE_SAMPLE);
  }

  /** The waiting tickets of one service, unsorted. */
  inService(serviceId: string): Iterable<Ticket> {
    return this.byService.get(serviceId)?.values() ?? [];
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
   * or null when it is not waiting.
   */
  position(t: Ticket, now: number): number | null {
    if (t.state !== 'waiting' || !this.byId.has(t.id)) return null;
    const tickets = this.byService.get(t.serviceId)!;
    // A plain walk-in that arrived after everyone else in its service, with no appointments there (an early
    // one queues from its future slot) and not overdue itself, is last: the issue path needs no sort.
    if (this.tail.get(t.serviceId) === t.id && !this.appts.get(t.serviceId) && !isOverdue(t, now, this.rules)) return tickets.size;
    return this.orders.position(t, now, () => tickets.values());
  }

  /** Changes whenever a place in the service may have moved since it was last read. */
  orderVersion(serviceId: string, now: number): number {
    return this.orders.version(serviceId, now, () => this.inService(serviceId));
  }

  /**
   * The tickets the call rule ({@link chooseNext}) could pick for `counter` at `now`: those reserved for it
   * and, for each service of its profile, the first unreserved ticket in the service's call order (the
   * service's earliest deadline if any is overdue, else its first by appointment slot or effective start).
   * chooseNext over these picks what it would pick over every waiting ticket, without reading them all.
   */
  candidates(counter: Counter, now: number): Ticket[] {
    const out = [...(this.reserved.get(counter.id)?.values() ?? [])];
    for (const serviceId of new Set(counter.profile.map((p) => p.serviceId))) {
      const tickets = this.byService.get(serviceId);
      if (!tickets) continue;
      const first = this.orders.sorted(serviceId, now, () => tickets.values()).find((t) => t.counterId === null);
      if (first) out.push(first);
    }
    return out;
  }

  /** Adds a waiting ticket; true when it is a plain walk-in that arrived after every other of its service. */
  private add(t: Ticket): boolean {
    const s = t.serviceId;
    this.byId.set(t.id, t);
    let m = this.byService.get(s);
    if (!m) this.byService.set(s, (m = new Map()));
    m.set(t.id, t);
    if (t.counterId === null) this.unreserved.set(s, (this.unreserved.get(s) ?? 0) + 1);
    else {
      let r = this.reserved.get(t.counterId);
      if (!r) this.reserved.set(t.counterId, (r = new Map()));
      r.set(t.id, t);
    }
    if (t.appointmentId !== null) this.appts.set(s, (this.appts.get(s) ?? 0) + 1);
    // The running maximum only grows while the service has tickets: a stale (higher) one is conservative.
    const latest = this.maxArrived.get(s) ?? -Infinity;
    const last = t.priority === null && t.appointmentId === null && t.arrivedAt > latest;
    if (last) this.tail.set(s, t.id);
    else this.tail.delete(s);
    this.maxArrived.set(s, Math.max(latest, t.arrivedAt));
    return last;
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
    else {
      const r = this.reserved.get(t.counterId)!;
      r.delete(id);
      if (r.size === 0) this.reserved.delete(t.counterId);
    }
    if (t.appointmentId !== null) this.appts.set(t.serviceId, this.appts.get(t.serviceId)! - 1);
    if (this.tail.get(t.serviceId) === id) this.tail.delete(t.serviceId);
  }
}
