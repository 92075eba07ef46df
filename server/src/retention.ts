/**
 * Personal data kept only as long as the day needs it: after `days` full days past a visit's day, an
 * appointment's CPR is reduced to its last 4 digits and a ticket's visitor names are forgotten; so are a collected
 * card's holder CPR and name (cards not yet collected are kept whole: the holder still has to be recognised). The CPR's
 * last 4 on a ticket stay (they are not enough to identify anyone and clerks' history uses them).
 */
import { localDayRange } from '@dawr/core';
import type { Store } from '@dawr/db';

const DAY_MS = 86_400_000;

/**
 * The instant before which visits are past retention: the start of the local day `days` days before today
 * (days = 1: the start of yesterday, so a visit's data lasts until the end of the day after it).
 */
export function retentionCutoff(now: number, timeZone: string, days: number): number {
  // Step back by whole days from today's noon, so a DST change cannot land on the wrong day.
  const today = localDayRange(now, timeZone);
  return localDayRange(today.start + DAY_MS / 2 - days * DAY_MS, timeZone).start;
}

/** Applies the retention at `now`; returns how many appointments and tickets it reduced. */
export function applyRetention(
  store: Store,
  branchId: string,
  timeZone: string,
  days: number,
  now: number,
): { appointments: number; tickets: number; pickups: number } {
  const before = retentionCutoff(now, timeZone, days);
  return store.tx(() => ({
    appointments: store.appointments.reduceCprsBefore(branchId, before),
    tickets: store.tickets.forgetVisitorsBefore(branchId, before),
    pickups: store.pickups.reduceCollectedBefore(branchId, before),
  }));
}
