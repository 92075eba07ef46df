/**
 * The hub's store: the only place with the hub's SQL. Opens the engine, migrates, and offers the operations the
 * hub's handlers need (handlers never write SQL).
 */
import type { Appointment, BranchCatalogue, BranchLive, DownChange, UpAck, UpBatch } from '@dawr/core';
import { appointmentOutcome, cancelAppointment, createAppointment, getAppointment, listAppointments, listConflicts, rescheduleAppointment } from './appointments';
import { editCatalogue, listCatalogues, seedCatalogues, type VersionedCatalogue } from './catalogue';
import { bookingCensus, bookingDays, cancelBooking, CatalogueCache, createBooking, daySlots, lookupBooking, rescheduleBooking, type BookingRequest } from './bookings';
import { branchOfToken, issueBranchCredential } from './credentials';
import { openSql, type HubDatabase, type Sql } from './engine';
import { ensureBookingKey, publishBookingKey, type BookingKey } from './keys';
import { migrate } from './migrations';
import { branchLive, recordContact } from './national';
import { closeSession, openSession, sessionStaff, staffForLogin, upsertStaff, type HubStaff } from './staff';
import { appendDown, pullDown } from './sync-down';
import { applyUpBatch } from './sync-up';

export type { HubDatabase, Sql } from './engine';
export type { VersionedCatalogue } from './catalogue';
export { AppointmentRefused, type AppointmentOutcome } from './appointments';
export { CatalogueRefused } from './catalogue';
export type { HubRole, HubStaff } from './staff';
export { BookingRefused, type Booking, type BookingCode, type BookingRequest } from './bookings';
export type { BookingKey } from './keys';

/** A projected ticket as the hub holds it (from the branch's events). */
export interface HubTicket {
  id: string;
  branchId: string;
  day: string;
  serviceId: string;
  number: string;
  state: string;
  counterId: string | null;
  arrivedAt: number;
  calledAt: number | null;
  endedAt: number | null;
  outcome: string | null;
}

export class HubStore {
  private readonly catalogueCache = new CatalogueCache();

  private constructor(
    readonly sql: Sql,
    /** The centre's key that signs booking QR tokens (its public half is in every catalogue). */
    readonly bookingKey: BookingKey,
  ) {}

  /**
   * Opens and migrates the hub's database; writes the seed catalogue of any seed branch that has none; makes the
   * booking key on first use and publishes it in every catalogue.
   */
  static async open(where: HubDatabase, now = Date.now()): Promise<HubStore> {
    const sql = await openSql(where);
    let key: BookingKey;
    try {
      await migrate(sql, now);
      key = await ensureBookingKey(sql, now);
      await seedCatalogues(sql, now, key.publicKey);
      await publishBookingKey(sql, key.publicKey, now);
    } catch (e) {
      await sql.close();
      throw e;
    }
    return new HubStore(sql, key);
  }

  /** Online bookings (the portal): each with its seat, reference and down-log entry in one transaction. */
  readonly bookings = {
    create: (r: BookingRequest, now: number) => createBooking(this.sql, this.catalogueCache, r, now),
    lookup: (reference: string, cpr: string, now: number) => lookupBooking(this.sql, this.catalogueCache, reference, cpr, now),
    reschedule: (reference: string, cpr: string, slotAt: number, now: number) => rescheduleBooking(this.sql, this.catalogueCache, reference, cpr, slotAt, now),
    cancel: (reference: string, cpr: string, now: number) => cancelBooking(this.sql, this.catalogueCache, reference, cpr, now),
    days: (branchId: string, serviceId: string, now: number) => bookingDays(this.sql, this.catalogueCache, branchId, serviceId, now),
    slots: (branchId: string, serviceId: string, day: string, now: number) => daySlots(this.sql, this.catalogueCache, branchId, serviceId, day, now),
    census: () => bookingCensus(this.sql),
  };

  /** Every branch's catalogue. */
  catalogues(): Promise<VersionedCatalogue[]> {
    return listCatalogues(this.sql);
  }

  /**
   * Changes a branch's catalogue (the branch hears of it through its down log); with `expectVersion`, refuses
   * (CatalogueRefused STALE_CATALOGUE) when it changed meanwhile.
   */
  editCatalogue(branchId: string, edit: (c: BranchCatalogue) => BranchCatalogue, now: number, expectVersion?: number): Promise<VersionedCatalogue> {
    return editCatalogue(this.sql, branchId, edit, now, expectVersion);
  }

  /** Issues (or replaces) a branch's sync credential; the token is shown once. */
  issueBranchCredential(branchId: string, now: number, secret?: string): Promise<string> {
    return issueBranchCredential(this.sql, branchId, now, secret);
  }

  /** The branch a sync token belongs to, or null. */
  branchOfToken(token: string): Promise<string | null> {
    return branchOfToken(this.sql, token);
  }

  /** Records a branch's authenticated sync request (up or down) as its last contact; returns the previous one. */
  recordContact(branchId: string, now: number): Promise<number | null> {
    return recordContact(this.sql, branchId, now);
  }

  /** Every branch's live figures at hub time `now`. */
  async national(now: number): Promise<BranchLive[]> {
    const all = await this.catalogues();
    return Promise.all(all.map((c) => branchLive(this.sql, c.catalogue, now)));
  }

  /** One branch's live figures, or null for a branch the catalogue does not have. */
  async branchLive(branchId: string, now: number): Promise<BranchLive | null> {
    const c = (await this.catalogues()).find((x) => x.catalogue.branch.id === branchId);
    return c ? branchLive(this.sql, c.catalogue, now) : null;
  }

  /** Appointments owned by the centre; each change reaches its branch through the down log. */
  readonly appointments = {
    create: (input: { branchId: string; serviceId: string; cpr: string; slotAt: number }, now: number) => createAppointment(this.sql, input, now),
    reschedule: (id: string, slotAt: number, now: number) => rescheduleAppointment(this.sql, id, slotAt, now),
    cancel: (id: string, now: number) => cancelAppointment(this.sql, id, now),
    get: (id: string): Promise<Appointment | null> => getAppointment(this.sql, id),
    /** With its ticket's state and outcome as the branch reported them. */
    outcome: (id: string) => appointmentOutcome(this.sql, id),
    /** A branch's appointments with slots in [from, to), each with its ticket's state and outcome. */
    list: (branchId: string, from: number, to: number) => listAppointments(this.sql, branchId, from, to),
  };

  /** Conflicts between the centre's and a branch's changes, for the managers. */
  conflicts() {
    return listConflicts(this.sql);
  }

  /** The centre's staff accounts and sessions. */
  readonly staff = {
    upsert: (s: HubStaff & { passwordHash: string }) => upsertStaff(this.sql, s),
    forLogin: (username: string) => staffForLogin(this.sql, username),
    openSession: (staffId: string, expiresAt: number) => openSession(this.sql, staffId, expiresAt),
    bySession: (token: string, now: number) => sessionStaff(this.sql, token, now),
    closeSession: (token: string) => closeSession(this.sql, token),
  };

  /** Applies a branch's outbox batch (exactly once) and answers its ack. */
  applyUp(batch: UpBatch, receivedAt: number): Promise<UpAck> {
    return applyUpBatch(this.sql, batch, receivedAt);
  }

  /** Queues a change for a branch; returns its per-branch seq. */
  queueDown(branchId: string, type: string, typeVersion: number, payload: unknown, now: number): Promise<number> {
    return this.sql.tx((q) => appendDown(q, branchId, type, typeVersion, payload, now));
  }

  /** A branch's changes after its cursor. */
  pullDown(branchId: string, after: number, limit = 500): Promise<DownChange[]> {
    return pullDown(this.sql, branchId, after, limit);
  }

  /** The acknowledged seq of every epoch of a branch. */
  async cursors(branchId: string): Promise<{ epoch: string; ackedSeq: number; lastContact: number }[]> {
    const rows = await this.sql.query<{ epoch: string; acked_seq: number; last_contact: number }>(
      'SELECT epoch, acked_seq, last_contact FROM sync_cursors WHERE branch_id = $1 ORDER BY first_contact, epoch',
      [branchId],
    );
    return rows.map((r) => ({ epoch: r.epoch, ackedSeq: r.acked_seq, lastContact: r.last_contact }));
  }

  /** How many events the hub holds for a branch, and how many of them it could not read (flagged). */
  async eventCounts(branchId: string): Promise<{ total: number; unknown: number }> {
    const [r] = await this.sql.query<{ total: number; unknown: number }>(
      'SELECT COUNT(*)::int8 AS total, COUNT(*) FILTER (WHERE NOT known)::int8 AS unknown FROM branch_events WHERE branch_id = $1',
      [branchId],
    );
    return { total: r?.total ?? 0, unknown: r?.unknown ?? 0 };
  }

  /** Every event the hub holds for a branch, epoch by epoch (in the order they first reached it), in seq order. */
  async eventLog(branchId: string): Promise<{ epoch: string; seq: number; type: string; entityId: string; payload: unknown }[]> {
    const rows = await this.sql.query<{ epoch: string; seq: number; type: string; entity_id: string; payload: unknown }>(
      `SELECT e.epoch, e.seq, e.type, e.entity_id, e.payload FROM branch_events e
       JOIN sync_cursors c ON c.branch_id = e.branch_id AND c.epoch = e.epoch
       WHERE e.branch_id = $1 ORDER BY c.first_contact, e.epoch, e.seq`,
      [branchId],
    );
    return rows.map((r) => ({ epoch: r.epoch, seq: r.seq, type: r.type, entityId: r.entity_id, payload: r.payload }));
  }

  /** A branch's projected tickets of one day, by ticket id. */
  async tickets(branchId: string, day: string): Promise<HubTicket[]> {
    const rows = await this.sql.query<Record<string, unknown>>(
      `SELECT id, branch_id, day, service_id, number, state, counter_id, arrived_at, called_at, ended_at, outcome
       FROM hub_tickets WHERE branch_id = $1 AND day = $2 ORDER BY id`,
      [branchId, day],
    );
    return rows.map((r) => ({
      id: r.id as string,
      branchId: r.branch_id as string,
      day: r.day as string,
      serviceId: r.service_id as string,
      number: r.number as string,
      state: r.state as string,
      counterId: (r.counter_id as string | null) ?? null,
      arrivedAt: r.arrived_at as number,
      calledAt: (r.called_at as number | null) ?? null,
      endedAt: (r.ended_at as number | null) ?? null,
      outcome: (r.outcome as string | null) ?? null,
    }));
  }

  close(): Promise<void> {
    return this.sql.close();
  }
}
