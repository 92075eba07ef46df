/** Who a counter calls next. Pure: the caller passes the waiting tickets, the counter, `now` and the call history. */
import type { Counter, ProfileEntry, Ticket } from '../domain';
import { compareByDeadline, compareInService, DEFAULT_QUEUE_RULES, isOverdue, type QueueRules } from './rules';

/** One past call at a counter; the server takes these from the counter's `called` events. */
export interface RecentCall {
  serviceId: string;
}

/**
 * The counter's profile, one entry per service (the first by position wins), sorted by position, with
 * weights rounded to whole numbers ≥ 1: a weight below 1 or not finite counts as 1, so a service listed
 * in a profile is always served.
 */
export function normalizeProfile(profile: readonly ProfileEntry[]): ProfileEntry[] {
  const sorted = [...profile].sort((a, b) => a.position - b.position || (a.serviceId < b.serviceId ? -1 : a.serviceId > b.serviceId ? 1 : 0));
  const seen = new Set<string>();
  const out: ProfileEntry[] = [];
  for (const p of sorted) {
    if (seen.has(p.serviceId)) continue;
    seen.add(p.serviceId);
    out.push({ ...p, weight: Number.isFinite(p.weight) && p.weight >= 1 ? Math.round(p.weight) : 1 });
  }
  return out;
}

/**
 * Picks the ticket a counter should call next, or null when no eligible ticket is waiting.
 *
 * Eligible: `state === 'waiting'`, same branch, and either reserved for this counter (`counterId`, set by a
 * transfer; any service) or unreserved with a service in the counter's profile. Tickets reserved for
 * another counter are skipped. Among eligible tickets, in this order:
 * 1. Reserved for this counter: earliest deadline first.
 * 2. Overdue (waited more than its service's `maxWaitMin`, measured from its effective start, see below):
 *    earliest deadline first, whatever the weights say.
 * 3. Weighted interleaving between the profile's services that have someone waiting: the service with the
 *    smallest `(c + 1) / weight` is taken, `c` being its calls among this counter's last `W − 1` calls of
 *    profile services (`W` = sum of weights); ties go to the lower profile position. With weights 2:1 and both
 *    queues busy this yields X X Y X X Y …, exactly `weight` calls per service in every `W` consecutive
 *    calls. Within the service: on-time appointments whose slot has come (less `appointmentLeadMin`) by
 *    `slotAt`, then everyone else by effective start.
 * Effective start = wait start (max(arrivedAt, slotAt) for on-time appointments, else arrivedAt) minus the
 * priority boost (capped at the service's max wait). Deadline = effective start + max wait. Every remaining
 * tie is broken by `arrivedAt`, then `id`, so the choice is deterministic.
 *
 * No-starvation bound (proved here, checked by property test in core/test/queue.property.test.ts):
 * let T be an unreserved waiting ticket whose service some open counter serves, and d(T) its deadline.
 * Every call made after d(T), at a counter whose profile has T's service, takes either T, a ticket reserved
 * for that counter, or an overdue ticket with a smaller (deadline, arrivedAt, id) key. A ticket issued after
 * d(T) has a later deadline (its boost never exceeds its max wait), so those smaller-key tickets were already
 * waiting at d(T) or re-entered the queue by a transfer. Hence T is called within
 *   K(T) = E(T) + R(T) calls at counters serving its service after d(T), where
 *   E(T) = tickets waiting at d(T) with a smaller key (at most the queue length then), and
 *   R(T) = calls of reserved or re-queued (transferred) tickets at those counters meanwhile;
 * i.e. at most E(T) calls when there are no transfers. A ticket reserved for counter C is likewise called
 * within (reserved tickets for C with a smaller key) calls at C.
 *
 * @param rules defaults to {@link DEFAULT_QUEUE_RULES}
 * @param recentCalls this counter's recent calls, oldest first (only the last W − 1 of profile services count);
 *   empty means no history (the interleaving then starts with the heaviest service).
 */
export function chooseNext(
  waiting: readonly Ticket[],
  counter: Counter,
  now: number,
  rules: QueueRules = DEFAULT_QUEUE_RULES,
  recentCalls: readonly RecentCall[] = [],
): Ticket | null {
  const profile = normalizeProfile(counter.profile);
  const inProfile = new Map(profile.map((p) => [p.serviceId, p]));
  const byDeadline = compareByDeadline(rules);

  let reserved: Ticket | null = null;
  let overdue: Ticket | null = null;
  const byService = new Map<string, Ticket[]>();
  for (const t of waiting) {
    if (t.state !== 'waiting' || t.branchId !== counter.branchId) continue;
    if (t.counterId !== null) {
      // Reserved by a transfer: only that counter may take it, and it takes it first.
      if (t.counterId === counter.id && (reserved === null || byDeadline(t, reserved) < 0)) reserved = t;
      continue;
    }
    if (!inProfile.has(t.serviceId)) continue;
    if (isOverdue(t, now, rules)) {
      if (overdue === null || byDeadline(t, overdue) < 0) overdue = t;
      continue;
    }
    const list = byService.get(t.serviceId);
    if (list) list.push(t);
    else byService.set(t.serviceId, [t]);
  }
  if (reserved) return reserved;
  if (overdue) return overdue;

  const service = pickService(profile, byService, recentCalls);
  if (service === null) return null;
  const inService = compareInService(now, rules);
  let best: Ticket | null = null;
  for (const t of byService.get(service) ?? []) if (best === null || inService(t, best) < 0) best = t;
  return best;
}

/**
 * Weighted interleaving: among services with someone waiting, the one furthest behind its share in the
 * counter's last W − 1 calls. A window of W − 1 (not W) is what keeps the pattern going: once the queues
 * are busy, the window lacks exactly one call of one period, and that is the service picked.
 */
function pickService(
  profile: readonly ProfileEntry[],
  candidates: ReadonlyMap<string, readonly Ticket[]>,
  recentCalls: readonly RecentCall[],
): string | null {
  const total = profile.reduce((s, p) => s + p.weight, 0);
  const counts = new Map<string, number>();
  const inProfile = new Set(profile.map((p) => p.serviceId));
  let seen = 0;
  for (let i = recentCalls.length - 1; i >= 0 && seen < total - 1; i--) {
    const id = recentCalls[i]!.serviceId;
    if (!inProfile.has(id)) continue; // calls of reserved tickets of other services do not use the profile's shares
    counts.set(id, (counts.get(id) ?? 0) + 1);
    seen++;
  }
  let best: ProfileEntry | null = null;
  for (const p of profile) {
    if (!candidates.get(p.serviceId)?.length) continue;
    // Compare (c + 1) / w exactly by cross-multiplying; `profile` is in position order so ties keep the earlier.
    if (best === null || ((counts.get(p.serviceId) ?? 0) + 1) * best.weight < ((counts.get(best.serviceId) ?? 0) + 1) * p.weight) {
      best = p;
    }
  }
  return best?.serviceId ?? null;
}
