/**
 * Each service's call order among its waiting tickets ({@link sortServiceQueue}), kept between changes.
 * Sorting a long queue after every change cost more than the rest of a call, yet most changes leave the
 * order alone: a ticket leaving the queue (called, cancelled) never reorders the others, and a plain
 * walk-in arriving after everyone goes last. Those are applied to the kept order; any other change (a
 * priority ticket, an appointment, a transfer) drops it, to be sorted when next asked for. The clock moves
 * ranks too (a ticket becomes overdue, an appointment due): an order is kept only until the first moment
 * one of its tickets changes rank.
 */
import { rankChangesAt, sortServiceQueue, type QueueRules, type Ticket } from '@dawr/core';

interface Order {
  /** Sorted at `from`; the order holds until `until` (exclusive). */
  from: number;
  until: number;
  sorted: Ticket[];
  /** 1-based places by ticket id, rebuilt from `sorted` when asked after a removal. */
  positions: Map<string, number> | null;
}

export class ServiceOrders {
  private readonly orders = new Map<string, Order>();
  /** Per service, bumped whenever a place in it may have moved (read by the phones' feed). */
  private readonly versions = new Map<string, number>();

  constructor(private readonly rules: QueueRules) {}

  /** The service's waiting tickets in call order at `now`; `waiting` lists them when a sort is needed. */
  sorted(serviceId: string, now: number, waiting: () => Iterable<Ticket>): readonly Ticket[] {
    return this.current(serviceId, now, waiting).sorted;
  }

  /** A waiting ticket's 1-based place in its service at `now`, or null when the order does not have it. */
  position(t: Ticket, now: number, waiting: () => Iterable<Ticket>): number | null {
    const o = this.current(t.serviceId, now, waiting);
    o.positions ??= new Map(o.sorted.map((x, i) => [x.id, i + 1]));
    return o.positions.get(t.id) ?? null;
  }

  /**
   * A number that changes whenever a place in the service may have moved since it was last read (a
   * change applied, or the clock reaching a change of rank).
   */
  version(serviceId: string, now: number, waiting: () => Iterable<Ticket>): number {
    this.current(serviceId, now, waiting);
    return this.versions.get(serviceId) ?? 0;
  }

  /** A waiting ticket left the queue: the others keep their order. */
  removed(t: Ticket): void {
    this.bump(t.serviceId);
    const o = this.orders.get(t.serviceId);
    if (!o) return;
    const at = o.positions ? (o.positions.get(t.id) ?? 0) - 1 : o.sorted.findIndex((x) => x.id === t.id);
    if (at >= 0) o.sorted.splice(at, 1);
    o.positions = null;
  }

  /** A new waiting ticket that sorts after every other of its service, now and until its own rank changes. */
  appended(t: Ticket): void {
    this.bump(t.serviceId);
    const o = this.orders.get(t.serviceId);
    if (!o) return;
    o.sorted.push(t);
    o.positions?.set(t.id, o.sorted.length);
    o.until = Math.min(o.until, rankChangesAt(t, o.from, this.rules));
  }

  /** Any other change of the service's waiting tickets: sorted again when next asked. */
  dropped(serviceId: string): void {
    this.bump(serviceId);
    this.orders.delete(serviceId);
  }

  private current(serviceId: string, now: number, waiting: () => Iterable<Ticket>): Order {
    let o = this.orders.get(serviceId);
    if (o && now >= o.from && now < o.until) return o;
    if (o) this.bump(serviceId); // the clock moved a rank
    const all = [...waiting()];
    let until = Infinity;
    for (const x of all) until = Math.min(until, rankChangesAt(x, now, this.rules));
    o = { from: now, until, sorted: sortServiceQueue(all, now, this.rules), positions: null };
    this.orders.set(serviceId, o);
    return o;
  }

  private bump(serviceId: string): void {
    this.versions.set(serviceId, (this.versions.get(serviceId) ?? 0) + 1);
  }
}
