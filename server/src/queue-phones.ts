/**
 * What the visitors' phones are told after queue changes. A phone shows one ticket: its state, place,
 * wait and counter. After a change only some of those move, so each flush looks again only at the tickets
 * that can have moved: those written since the last flush, those whose place move was held back, and those
 * of services whose order or rate of service changed (a call in one service leaves the others' phones
 * alone, without even computing their views). Of those it hands back only the views that differ from what
 * was last pushed.
 *
 * A call or a new counter is news at once. A place or wait that merely moved is passed on at most once a
 * PLACE_QUIET_MS per ticket: on a busy day it moves with nearly every call in the branch, and a visitor
 * reading "12 ahead" gains nothing from seeing it redrawn several times a second, while each push is a
 * write to every phone of that ticket.
 */
import type { Ticket, TrackedTicket } from '@dawr/core';
import type { Store } from '@dawr/db';
import type { Catalogue } from './queue-catalogue';
import type { QueueReads } from './queue-reads';
import type { TransactionRunner } from './queue-tx';
import type { WaitingSet } from './queue-waiting';

/** The shortest time between two pushes to a ticket's phones that only move its place or wait. */
export const PLACE_QUIET_MS = 1_000;

/** What a phone shows of its ticket, in two parts: news (state, counter, service) and its place and wait. */
const newsOf = (s: TrackedTicket): string => `${s.state}|${s.counterNumber}|${s.service.en}`;
const placeOf = (s: TrackedTicket): string => `${s.position}|${s.estimatedWaitMin}`;

/** What a ticket's phones were last told, and when; its service when last looked at. */
interface Shown {
  news: string;
  place: string;
  at: number;
  serviceId: string;
}

export class PhoneFeed {
  /** What each followed ticket's phones were last told. */
  private readonly shown = new Map<string, Shown>();
  /** Followed tickets by the service they were in when last looked at. */
  private readonly byService = new Map<string, Set<string>>();
  /** Per service, what its followed tickets' places and waits were computed from at the last flush. */
  private readonly basis = new Map<string, string>();
  /** Followed tickets written since the last flush (their latest version). */
  private readonly touched = new Map<string, Ticket>();
  /** Followed tickets whose moved place is held back for its quiet time. */
  private readonly held = new Set<string>();
  /** The catalogue's generation at the last flush. */
  private generation = -1;

  constructor(
    private readonly store: Store,
    private readonly reads: QueueReads,
    private readonly waiting: WaitingSet,
    private readonly catalogue: Catalogue,
    runner: TransactionRunner,
  ) {
    runner.onApplied((tickets) => {
      for (const t of tickets) if (this.shown.has(t.id)) this.touched.set(t.id, t);
    });
  }

  /**
   * A phone connected: its ticket's status now. The first phone of a ticket starts its following; for a
   * further one, what the ticket's phones were told stays as it is, so a change not yet pushed still
   * reaches the phones that do not have it (the new one hears it twice).
   */
  connected(ticketId: string): TrackedTicket {
    const m = this.reads.moment();
    const t = this.reads.ticket(ticketId);
    const s = this.reads.trackedOf(t, m, this.store.outbox.latestSeq());
    if (!this.shown.has(ticketId)) {
      this.shown.set(ticketId, { news: newsOf(s), place: placeOf(s), at: m.now, serviceId: t.serviceId });
      this.index(ticketId, t.serviceId);
    }
    return s;
  }

  /** The last phone of a ticket went away: stop following it. */
  forget(ticketId: string): void {
    const last = this.shown.get(ticketId);
    if (last) this.unindex(ticketId, last.serviceId);
    this.shown.delete(ticketId);
    this.touched.delete(ticketId);
    this.held.delete(ticketId);
  }

  /**
   * The statuses to push: for each followed ticket whose view changed since it was last told (a moved
   * place only once its quiet time is over). `retryInMs`: when to ask again for the moves held back, or
   * null when none was. Reads memory only.
   */
  updates(): { updates: [string, TrackedTicket][]; retryInMs: number | null } {
    const updates: [string, TrackedTicket][] = [];
    let retryAt = Infinity;
    if (this.shown.size === 0) return { updates, retryInMs: null };
    const m = this.reads.moment();
    const version = this.store.outbox.latestSeq();
    const look = new Set<string>([...this.touched.keys(), ...this.held]);
    for (const [serviceId, ids] of this.byService) {
      // A place comes from the service's order, a wait from it and the service's rate; names from the catalogue.
      const basis = `${this.waiting.orderVersion(serviceId, m.now)}|${m.model.ratePerMin(serviceId)}|${this.catalogue.generation}`;
      if (this.basis.get(serviceId) === basis) continue;
      this.basis.set(serviceId, basis);
      for (const id of ids) look.add(id);
    }
    this.held.clear();
    // Names come from the catalogue: when it was read again, every view looked at is drawn again.
    const renamed = this.catalogue.generation !== this.generation;
    this.generation = this.catalogue.generation;
    for (const id of look) {
      const last = this.shown.get(id);
      const touched = this.touched.get(id);
      const t = touched ?? this.waiting.get(id);
      if (!last || !t) continue;
      // Not written since the last flush: only its place or wait can have moved, and those wait for the
      // quiet time, so the view is not even computed until then (on a busy day a call in a service moves
      // every phone of it, most of them told less than PLACE_QUIET_MS ago).
      if (!touched && !renamed && m.now < last.at + PLACE_QUIET_MS) {
        this.held.add(id);
        retryAt = Math.min(retryAt, last.at + PLACE_QUIET_MS);
        continue;
      }
      const s = this.reads.trackedOf(t, m, version);
      const news = newsOf(s);
      const place = placeOf(s);
      if (t.serviceId !== last.serviceId) this.move(id, last.serviceId, t.serviceId);
      if (news === last.news && place === last.place) continue;
      if (news === last.news && m.now < last.at + PLACE_QUIET_MS) {
        this.held.add(id);
        retryAt = Math.min(retryAt, last.at + PLACE_QUIET_MS);
        continue;
      }
      this.shown.set(id, { news, place, at: m.now, serviceId: t.serviceId });
      updates.push([id, s]);
    }
    this.touched.clear();
    return { updates, retryInMs: retryAt === Infinity ? null : Math.max(0, retryAt - m.now) };
  }

  /** A followed ticket changed service (a transfer). */
  private move(ticketId: string, from: string, to: string): void {
    this.unindex(ticketId, from);
    this.index(ticketId, to);
    this.shown.get(ticketId)!.serviceId = to;
  }

  private index(ticketId: string, serviceId: string): void {
    let ids = this.byService.get(serviceId);
    if (!ids) this.byService.set(serviceId, (ids = new Set()));
    ids.add(ticketId);
  }

  private unindex(ticketId: string, serviceId: string): void {
    const ids = this.byService.get(serviceId);
    ids?.delete(ticketId);
    if (ids?.size === 0) this.byService.delete(serviceId);
  }
}
