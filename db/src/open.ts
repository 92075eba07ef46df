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
    // SQLite's own default page cache, 2 MB (better-sqlite3 builds it with 16 MB): enough for what the
    // commands read again (the active tickets' rows and indexes, the outbox's tail); older pages come from
    // the OS's file cache. The 16 MB filled up through a busy day and stayed in the server's memory.
    db.pragma('cache_size = -2000');
    migrate(db, now);
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}
