/** Who a counter calls next. Pure: the caller passes the waiting tickets, the counter and `now`. */
import type { Counter, Ticket } from '../domain';

/**
 * Picks the ticket a counter should call next, or null when none of its services has anyone waiting.
 * Tickets reserved for another counter (after a transfer) are skipped; the profile order decides
 * between services, and within a service the earliest arrival goes first.
 */
export function chooseNext(waiting: readonly Ticket[], counter: Counter, _now: number): Ticket | null {
  const rank = new Map(counter.profile.map((p) => [p.serviceId, p.position]));
  let best: Ticket | null = null;
  for (const t of waiting) {
    if (t.state !== 'waiting') continue;
    if (t.counterId !== null && t.counterId !== counter.id) continue;
    const r = rank.get(t.serviceId);
    if (r === undefined) continue;
    if (best === null) {
      best = t;
      continue;
    }
    const rb = rank.get(best.serviceId)!;
    if (r < rb || (r === rb && (t.arrivedAt < best.arrivedAt || (t.arrivedAt === best.arrivedAt && t.id < best.id)))) {
      best = t;
    }
  }
  return best;
}
