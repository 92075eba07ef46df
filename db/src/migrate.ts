/** Forward-only migrations with a migrations table; a database newer than the code is refused. */
import { uuidv7 } from '@dawr/core';
import type Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations';

export class SchemaTooNew extends Error {
  constructor(
    readonly found: number,
    readonly known: number,
  ) {
    super(`database schema version ${found} is newer than this program knows (${known}); upgrade Dawr`);
  }
}

/** The schema version this code writes. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/** Applies every pending migration, each in its own transaction. Creates the epoch on a new database. */
export function migrate(db: Database.Database, now: number): void {
  db.exec(`CREATE TABLE IF NOT EXISTS migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)`);
  const row = db.prepare('SELECT MAX(version) AS v FROM migrations').get() as { v: number | null };
  const current = row.v ?? 0;
  if (current > SCHEMA_VERSION) throw new SchemaTooNew(current, SCHEMA_VERSION);
  const record = db.prepare('INSERT INTO migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (const [i, m] of MIGRATIONS.entries()) {
    const version = i + 1;
    if (version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      record.run(version, m.name, now);
    })();
  }
  db.prepare("INSERT OR IGNORE INTO meta (key, value) VALUES ('epoch', ?)").run(uuidv7(now));
}
