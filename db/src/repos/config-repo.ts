/** Branch configuration: branches, services, counters with their work profiles, public holidays, enrolled devices. */
import type { Branch, Counter, DeviceRole, ProfileEntry, Service } from '@dawr/core';
import type { Db } from '../open';

interface ServiceRow {
  id: string;
  branch_id: string;
  code: string;
  prefix: string;
  name_ar: string;
  name_en: string;
  requirements_ar: string;
  requirements_en: string;
  accepts_appointments: number;
  accepts_walk_ins: number;
  daily_cap: number | null;
  typical_service_min: number | null;
  sort_order: number;
  active: number;
}

const toService = (r: ServiceRow): Service => ({
  id: r.id,
  branchId: r.branch_id,
  code: r.code,
  prefix: r.prefix,
  name: { ar: r.name_ar, en: r.name_en },
  requirements: { ar: r.requirements_ar, en: r.requirements_en },
  acceptsAppointments: r.accepts_appointments === 1,
  acceptsWalkIns: r.accepts_walk_ins === 1,
  dailyCap: r.daily_cap,
  typicalServiceMin: r.typical_service_min,
  sortOrder: r.sort_order,
  active: r.active === 1,
});

export interface DeviceRecord {
  id: string;
  branchId: string;
  role: DeviceRole;
  name: string;
  /** The one counter a counter PC may open and close (null: none). */
  counterId: string | null;
}

/** Reads and writes the branch's configuration. */
export class ConfigRepo {
  constructor(private readonly db: Db) {}

  upsertBranch(b: Branch): void {
    this.db
      .prepare(
        `INSERT INTO branches (id, code, name_ar, name_en, timezone, opens_at, closes_at)
         VALUES (@id, @code, @ar, @en, @timezone, @opensAt, @closesAt)
         ON CONFLICT (id) DO UPDATE SET code = excluded.code, name_ar = excluded.name_ar, name_en = excluded.name_en,
           timezone = excluded.timezone, opens_at = excluded.opens_at, closes_at = excluded.closes_at`,
      )
      .run({ ...b, ar: b.name.ar, en: b.name.en });
  }

  getBranch(id: string): Branch | undefined {
    const r = this.db.prepare('SELECT * FROM branches WHERE id = ?').get(id) as
      | { id: string; code: string; name_ar: string; name_en: string; timezone: string; opens_at: string; closes_at: string }
      | undefined;
    return r && {
      id: r.id,
      code: r.code,
      name: { ar: r.name_ar, en: r.name_en },
      timezone: r.timezone,
      opensAt: r.opens_at,
      closesAt: r.closes_at,
    };
  }

  upsertService(s: Service): void {
    this.db
      .prepare(
        `INSERT INTO services (id, branch_id, code, prefix, name_ar, name_en, requirements_ar, requirements_en,
           accepts_appointments, accepts_walk_ins, daily_cap, typical_service_min, sort_order, active)
         VALUES (@id, @branchId, @code, @prefix, @nameAr, @nameEn, @reqAr, @reqEn, @appt, @walk, @dailyCap, @typical, @sortOrder, @active)
         ON CONFLICT (id) DO UPDATE SET code = excluded.code, prefix = excluded.prefix, name_ar = excluded.name_ar,
           name_en = excluded.name_en, requirements_ar = excluded.requirements_ar,
           requirements_en = excluded.requirements_en, accepts_appointments = excluded.accepts_appointments,
           accepts_walk_ins = excluded.accepts_walk_ins, daily_cap = excluded.daily_cap,
           typical_service_min = excluded.typical_service_min, sort_order = excluded.sort_order, active = excluded.active`,
      )
      .run({
        id: s.id,
        branchId: s.branchId,
        code: s.code,
        prefix: s.prefix,
        nameAr: s.name.ar,
        nameEn: s.name.en,
        reqAr: s.requirements.ar,
        reqEn: s.requirements.en,
        appt: s.acceptsAppointments ? 1 : 0,
        walk: s.acceptsWalkIns ? 1 : 0,
        dailyCap: s.dailyCap,
        typical: s.typicalServiceMin ?? null,
        sortOrder: s.sortOrder,
        active: s.active ? 1 : 0,
      });
  }

  listServices(branchId: string): Service[] {
    return (
      this.db.prepare('SELECT * FROM services WHERE branch_id = ? ORDER BY sort_order, code').all(branchId) as ServiceRow[]
    ).map(toService);
  }

  /** Replaces the branch's public holidays (branch-local days 'YYYY-MM-DD') with `days`, as the centre sent them. */
  setHolidays(branchId: string, days: readonly string[]): void {
    this.db.prepare('DELETE FROM branch_holidays WHERE branch_id = ?').run(branchId);
    const add = this.db.prepare('INSERT OR IGNORE INTO branch_holidays (branch_id, day) VALUES (?, ?)');
    for (const day of days) add.run(branchId, day);
  }

  /** The branch's public holidays, earliest first. */
  listHolidays(branchId: string): string[] {
    return this.db.prepare('SELECT day FROM branch_holidays WHERE branch_id = ? ORDER BY day').pluck().all(branchId) as string[];
  }

  /** Inserts or updates a counter and replaces its work profile. */
  upsertCounter(c: Counter): void {
    this.db
      .prepare(
        `INSERT INTO counters (id, branch_id, number, name_ar, name_en, open) VALUES (@id, @branchId, @number, @ar, @en, @open)
         ON CONFLICT (id) DO UPDATE SET number = excluded.number, name_ar = excluded.name_ar,
           name_en = excluded.name_en, open = excluded.open`,
      )
      .run({ id: c.id, branchId: c.branchId, number: c.number, ar: c.name.ar, en: c.name.en, open: c.open ? 1 : 0 });
    this.db.prepare('DELETE FROM counter_services WHERE counter_id = ?').run(c.id);
    const add = this.db.prepare(
      'INSERT INTO counter_services (counter_id, service_id, position, weight) VALUES (?, ?, ?, ?)',
    );
    for (const p of c.profile) add.run(c.id, p.serviceId, p.position, p.weight);
  }

  listCounters(branchId: string): Counter[] {
    const rows = this.db.prepare('SELECT * FROM counters WHERE branch_id = ? ORDER BY number').all(branchId) as {
      id: string;
      branch_id: string;
      number: number;
      name_ar: string;
      name_en: string;
      open: number;
    }[];
    const profiles = this.db
      .prepare(
        `SELECT cs.counter_id, cs.service_id, cs.position, cs.weight FROM counter_services cs
         JOIN counters c ON c.id = cs.counter_id WHERE c.branch_id = ? ORDER BY cs.position`,
      )
      .all(branchId) as { counter_id: string; service_id: string; position: number; weight: number }[];
    return rows.map((r) => ({
      id: r.id,
      branchId: r.branch_id,
      number: r.number,
      name: { ar: r.name_ar, en: r.name_en },
      open: r.open === 1,
      profile: profiles
        .filter((p) => p.counter_id === r.id)
        .map((p): ProfileEntry => ({ serviceId: p.service_id, position: p.position, weight: p.weight })),
    }));
  }

  /** Enrols (or re-keys) a device by the hash of its token: an admin's act, so a revoked device comes back. */
  upsertDevice(d: DeviceRecord & { tokenHash: string }): void {
    this.db
      .prepare(
        `INSERT INTO devices (id, branch_id, role, name, token_hash, counter_id) VALUES (@id, @branchId, @role, @name, @tokenHash, @counterId)
         ON CONFLICT (id) DO UPDATE SET branch_id = excluded.branch_id, role = excluded.role, name = excluded.name,
           token_hash = excluded.token_hash, counter_id = excluded.counter_id, revoked_at = NULL`,
      )
      .run(d);
  }

  /**
   * Enrols a device from the configuration file at start-up. A device an admin revoked stays revoked:
   * restarting must not undo a revocation (only an admin's reinstate or re-enrol does).
   */
  enrolConfigured(d: DeviceRecord & { tokenHash: string }): void {
    this.db
      .prepare(
        `INSERT INTO devices (id, branch_id, role, name, token_hash, counter_id) VALUES (@id, @branchId, @role, @name, @tokenHash, @counterId)
         ON CONFLICT (id) DO UPDATE SET branch_id = excluded.branch_id, role = excluded.role, name = excluded.name,
           token_hash = excluded.token_hash, counter_id = excluded.counter_id`,
      )
      .run(d);
  }

  /** The enrolled, unrevoked device whose token hashes to `tokenHash`. */
  findDeviceByTokenHash(tokenHash: string): DeviceRecord | undefined {
    const r = this.db
      .prepare('SELECT id, branch_id, role, name, counter_id FROM devices WHERE token_hash = ? AND revoked_at IS NULL')
      .get(tokenHash) as { id: string; branch_id: string; role: DeviceRole; name: string; counter_id: string | null } | undefined;
    return r && { id: r.id, branchId: r.branch_id, role: r.role, name: r.name, counterId: r.counter_id };
  }

  /** Revokes a device; returns false when there is no such device at the branch. */
  revokeDevice(branchId: string, id: string, now: number): boolean {
    return this.db.prepare('UPDATE devices SET revoked_at = ? WHERE id = ? AND branch_id = ?').run(now, id, branchId).changes > 0;
  }

  /** Lifts a revocation (its token works again); returns false when there is no such device at the branch. */
  reinstateDevice(branchId: string, id: string): boolean {
    return this.db.prepare('UPDATE devices SET revoked_at = NULL WHERE id = ? AND branch_id = ?').run(id, branchId).changes > 0;
  }

  /** Every device ever enrolled at the branch, revoked ones included. */
  listDevices(branchId: string): (DeviceRecord & { revokedAt: number | null })[] {
    const rows = this.db
      .prepare('SELECT id, branch_id, role, name, counter_id, revoked_at FROM devices WHERE branch_id = ? ORDER BY role, id')
      .all(branchId) as { id: string; branch_id: string; role: DeviceRole; name: string; counter_id: string | null; revoked_at: number | null }[];
    return rows.map((r) => ({ id: r.id, branchId: r.branch_id, role: r.role, name: r.name, counterId: r.counter_id, revokedAt: r.revoked_at }));
  }

  /** The centre's public key that signs booking QR tokens (from its catalogue), or null before one arrived. */
  bookingKey(): string | null {
    return (this.db.prepare("SELECT value FROM meta WHERE key = 'hub_booking_key'").pluck().get() as string | undefined) ?? null;
  }

  /** Keeps the centre's booking key (a catalogue that carries one replaces the one held). */
  setBookingKey(key: string): void {
    this.db.prepare("INSERT INTO meta (key, value) VALUES ('hub_booking_key', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(key);
  }
}
