/** Opening a Dawr SQLite database: every pragma is set here and nowhere else. */
import Database from 'better-sqlite3';
import { migrate } from './migrate';

export type Db = Database.Database;

/**
 * Opens (creating if needed) the database file and brings its schema up to date.
 * WAL + synchronous=FULL: a printed ticket must survive a power cut (shared/docs/sync.md §10).
 */
export function openDatabase(file: string, now: number = Date.now()): Db {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db, now);
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}
