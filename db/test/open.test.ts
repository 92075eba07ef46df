import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, SCHEMA_VERSION, SchemaTooNew, Store } from '../src/index';
import { tempDir } from '../../test/helpers/tmp';

let tmp: ReturnType<typeof tempDir>;
let file: string;
beforeEach(() => {
  tmp = tempDir();
  file = path.join(tmp.dir, 'branch.sqlite');
});
afterEach(() => tmp.cleanup());

describe('openDatabase', () => {
  it('sets WAL, synchronous=FULL, foreign keys and a busy timeout on a real file', () => {
    const db = openDatabase(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    db.close();
  });

  it('records every migration once and keeps the epoch across reopenings', () => {
    const a = openDatabase(file);
    const epoch = a.prepare("SELECT value FROM meta WHERE key = 'epoch'").pluck().get();
    a.close();
    const b = openDatabase(file);
    expect(b.prepare('SELECT COUNT(*) FROM migrations').pluck().get()).toBe(SCHEMA_VERSION);
    expect(b.prepare("SELECT value FROM meta WHERE key = 'epoch'").pluck().get()).toBe(epoch);
    expect(epoch).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    b.close();
  });

  it('sends the targets a manager set before they went up to the centre, once, when upgraded', () => {
    openDatabase(file).close();
    // A database of the version before: a target set (its service left out), the last migration not yet run.
    const raw = new Database(file);
    raw.pragma('foreign_keys = OFF');
    raw.prepare('INSERT INTO report_targets (branch_id, service_id, within_min, share) VALUES (?, ?, ?, ?)').run('seef-mall', 'svc-1', 15, 0.9);
    raw.prepare('DELETE FROM migrations WHERE version = ?').run(SCHEMA_VERSION);
    const epoch = raw.prepare("SELECT value FROM meta WHERE key = 'epoch'").pluck().get();
    raw.close();
    openDatabase(file).close();
    const db = openDatabase(file);
    const rows = db.prepare('SELECT epoch, type, type_version, entity_id, payload FROM outbox').all() as { payload: string }[];
    expect(rows.map((r) => ({ ...r, payload: JSON.parse(r.payload) as unknown }))).toEqual([
      { epoch, type: 'report.target.set', type_version: 1, entity_id: 'svc-1', payload: { serviceId: 'svc-1', withinMin: 15, share: 0.9 } },
    ]);
    db.close();
  });

  it('refuses a database written by a newer version of Dawr', () => {
    openDatabase(file).close();
    const raw = new Database(file);
    raw.prepare('INSERT INTO migrations (version, name, applied_at) VALUES (?, ?, ?)').run(SCHEMA_VERSION + 1, 'future', 0);
    raw.close();
    expect(() => openDatabase(file)).toThrow(SchemaTooNew);
  });

  it('enforces foreign keys: an event for a missing ticket is refused', () => {
    const store = Store.open(file);
    expect(() =>
      store.tickets.addEvent({
        id: 'e1',
        ticketId: 'missing',
        branchId: 'b',
        type: 'issued',
        at: 0,
        counterId: null,
        clerkId: null,
        serviceId: 's',
      }),
    ).toThrow(/FOREIGN KEY/);
    store.close();
  });
});
