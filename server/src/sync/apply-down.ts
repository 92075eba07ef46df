/**
 * Applying the centre's down log at the branch: each change in one transaction with the down cursor, so it is
 * applied exactly once. The centre owns the catalogue (branch, services, which counters exist, public holidays) and the
 * appointments; the branch owns its counters' open state and work profiles, which a catalogue change keeps.
 * A change the branch cannot read is recorded and flagged, never crashed on.
 */
import { CARD_PENDING_DOWN, CARD_READY_DOWN, CARD_WITHDRAWN_DOWN, type Appointment, type BranchCatalogue, type CardPickup, type DownChange, type PendingCard } from '@dawr/core';
import type { Store } from '@dawr/db';
import type { Logger } from '../log';

export interface DownEffects {
  /** The catalogue changed: reload what is cached from it. */
  catalogueChanged(): void;
  /** An appointment arrived or changed. */
  appointmentChanged?(a: Appointment): void;
}

/** How the applier keeps personal data within the branch's retention. */
export interface DownOptions {
  /**
   * The retention cutoff now (server/src/retention.ts): an appointment whose slot is before it is stored with its
   * CPR reduced to the last 4, as the retention job would leave it (a late or replayed change must not bring a
   * full CPR back, nor fill in the CPR of a copy the retention job already reduced).
   */
  cprKeptFrom?: () => number;
}

/** Builds the applier the sync client calls for each down change, in order. */
export function makeDownApplier(store: Store, branchId: string, effects: DownEffects, log: Logger, opts: DownOptions = {}): (change: DownChange) => void {
  return (change) => {
    let after: (() => void) | null = null;
    store.tx(() => {
      if (change.type === 'catalogue.changed' && change.typeVersion === 1) {
        const { catalogue } = change.payload as { catalogue: BranchCatalogue };
        if (catalogue.branch.id !== branchId) throw new Error(`down change ${change.seq} is another branch's catalogue`);
        applyCatalogue(store, catalogue);
        after = () => effects.catalogueChanged();
      } else if (/^appointment\.(created|rescheduled|cancelled)$/.test(change.type) && change.typeVersion === 1) {
        const { appointment } = change.payload as { appointment: Appointment };
        if (appointment.branchId !== branchId) throw new Error(`down change ${change.seq} is another branch's appointment`);
        const mine = store.appointments.get(appointment.id);
        if (mine?.status === 'checked_in' && appointment.status === 'cancelled') {
          // The visitor already checked in here: keep the visit, and show the manager what the centre did.
          store.sync.recordConflict(change.seq, { kind: 'cancelled_after_check_in', entityId: appointment.id, detail: { ticketId: mine.ticketId } });
        }
        const past = opts.cprKeptFrom !== undefined && appointment.slotAt < opts.cprKeptFrom();
        store.appointments.upsert(past ? { ...appointment, cpr: `*****${appointment.cpr.slice(-4)}` } : appointment);
        after = () => effects.appointmentChanged?.(appointment);
      } else if (change.type === CARD_READY_DOWN && change.typeVersion === 1) {
        // A card the centre made ready for collection here (online renewal).
        const { pickup } = change.payload as { pickup: CardPickup };
        if (pickup.branchId !== branchId) throw new Error(`down change ${change.seq} is another branch's card`);
        store.pickups.upsert(pickup);
      } else if (change.type === CARD_PENDING_DOWN && change.typeVersion === 1) {
        // An application for collection here the centre is still making: the kiosk says the card is being made.
        const { card } = change.payload as { card: PendingCard };
        if (card.branchId !== branchId) throw new Error(`down change ${change.seq} is another branch's card`);
        store.pickups.upsertPending(card);
      } else if (change.type === CARD_WITHDRAWN_DOWN && change.typeVersion === 1) {
        // The citizen cancelled, or chose another pickup: the kiosk no longer says a card is being made for here.
        const { card } = change.payload as { card: { id: string; branchId: string } };
        if (card.branchId !== branchId) throw new Error(`down change ${change.seq} is another branch's card`);
        store.pickups.withdrawPending(card.id);
      } else {
        store.sync.flagUnknownDown(change);
        log.warn({ seq: change.seq, type: change.type, typeVersion: change.typeVersion }, 'sync: a change from the centre this branch cannot read was stored and flagged');
      }
      store.sync.setDownCursor(change.seq);
    });
    (after as (() => void) | null)?.();
  };
}

/**
 * Writes the centre's catalogue, keeping each existing counter's open state and work profile, and the centre's
 * booking key (booking QR tokens are verified with it, offline). The public holidays replace those held: a
 * holiday the centre removed opens the branch again.
 */
function applyCatalogue(store: Store, c: BranchCatalogue): void {
  store.config.upsertBranch(c.branch);
  store.config.setHolidays(c.branch.id, c.holidays ?? []);
  if (c.bookingKey) store.config.setBookingKey(c.bookingKey);
  for (const s of c.services) store.config.upsertService(s);
  const existing = new Map(store.config.listCounters(c.branch.id).map((k) => [k.id, k]));
  for (const counter of c.counters) {
    const mine = existing.get(counter.id);
    store.config.upsertCounter(mine ? { ...counter, open: mine.open, profile: mine.profile } : counter);
  }
}
