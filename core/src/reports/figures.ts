/** The figures of a group of transactions: counts, waits, walks, service times and the service level. Pure. */
import { serviceLevel, stat } from './stats';
import type { Figures, Transaction } from './types';

const MIN = 60_000;

/** A service's level target: `share` of its tickets called within `withinMin` minutes. */
export interface ServiceTarget {
  withinMin: number;
  share: number;
}

/** The default target: 80 % within 20 minutes. */
export const DEFAULT_SERVICE_TARGET: Readonly<ServiceTarget> = { withinMin: 20, share: 0.8 };

/** The target of a service: its own, or the default. */
export type TargetOf = (serviceId: string) => ServiceTarget;

/** Whether a transaction was served: finished at a counter, or transferred on after its service started. */
export function isServed(tx: Transaction): boolean {
  return tx.end === 'served' || (tx.end === 'transferred' && tx.startedAt !== null);
}

/** The wait of a called transaction, ms (never negative). */
export function waitMs(tx: Transaction): number | null {
  return tx.calledAt === null ? null : Math.max(0, tx.calledAt - tx.waitFrom);
}

/**
 * Where a transaction stands against its service-level target: `true` called within it, `false` missed it
 * (called late, or left uncalled — cancelled, closed at day end, or still waiting at `now` — after waiting
 * longer than the target), `null` not counted (left or still waiting before the target passed).
 */
export function withinTarget(tx: Transaction, withinMs: number, now: number | undefined): boolean | null {
  const w = waitMs(tx);
  if (w !== null) return w <= withinMs;
  if (tx.end === 'cancelled' || tx.end === 'day_closed') return tx.endedAt! - tx.waitFrom > withinMs ? false : null;
  if (tx.end === 'open' && tx.openState === 'waiting' && now !== undefined) return now - tx.waitFrom > withinMs ? false : null;
  return null;
}

/**
 * The figures of `txs`. The service level counts each transaction against its own service's target; the
 * group's `withinMs` and `targetShare` are those of `groupTarget` (a service's own, or the default for a mix).
 */
export function figuresOf(txs: readonly Transaction[], targetOf: TargetOf, groupTarget: ServiceTarget, now?: number): Figures {
  const f = {
    issued: 0,
    transfersIn: 0,
    served: 0,
    transferredOut: 0,
    noShows: 0,
    cancelled: 0,
    closedAtDayEnd: 0,
    waiting: 0,
    atCounter: 0,
  };
  const waits: number[] = [];
  const walks: number[] = [];
  const services: number[] = [];
  let within = 0;
  let counted = 0;
  for (const tx of txs) {
    if (tx.index === 0) f.issued++;
    else f.transfersIn++;
    if (isServed(tx)) {
      f.served++;
      if (tx.serviceMs !== null) services.push(tx.serviceMs);
    }
    switch (tx.end) {
      case 'transferred':
        f.transferredOut++;
        break;
      case 'no_show':
        f.noShows++;
        break;
      case 'cancelled':
        f.cancelled++;
        break;
      case 'day_closed':
        f.closedAtDayEnd++;
        break;
      case 'open':
        if (tx.openState === 'waiting') f.waiting++;
        else f.atCounter++;
        break;
      case 'served':
        break;
    }
    const w = waitMs(tx);
    if (w !== null) waits.push(w);
    if (tx.calledAt !== null && tx.startedAt !== null) walks.push(Math.max(0, tx.startedAt - tx.calledAt));
    const ok = withinTarget(tx, targetOf(tx.serviceId).withinMin * MIN, now);
    if (ok !== null) {
      counted++;
      if (ok) within++;
    }
  }
  return {
    ...f,
    wait: stat(waits),
    walk: stat(walks),
    service: stat(services),
    serviceLevel: serviceLevel(within, counted, groupTarget.withinMin * MIN, groupTarget.share),
  };
}
