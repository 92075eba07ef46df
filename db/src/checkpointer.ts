/**
 * WAL checkpoints off the event loop. SQLite's automatic checkpoint runs inside the commit that grows the
 * WAL past 1 000 pages: that commit (a clerk's call, say) then also copies the pages back into the database
 * file and syncs it, tens of milliseconds, hundreds with the disk busy, while every screen waits. With the
 * checkpointer, the server's connection never checkpoints (`wal_autocheckpoint = 0`) and a worker thread
 * with its own connection runs PASSIVE checkpoints, which never block a writer, every `everyMs`.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Db } from './open';

/**
 * The worker: its own connection (to the file as it is: never a new one); a checkpoint per tick; on a
 * message a last one, then it closes and ends. It ends at once when the file is gone.
 */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
let db = null;
try {
  db = new Database(workerData.file, { fileMustExist: true });
  db.pragma('synchronous = FULL');
} catch {
  parentPort.close();
}
if (db) {
  const checkpoint = () => {
    try { db.pragma('wal_checkpoint(PASSIVE)'); } catch { /* busy: the next tick tries again */ }
  };
  const timer = setInterval(checkpoint, workerData.everyMs);
  parentPort.on('message', () => {
    clearInterval(timer);
    checkpoint();
    db.close();
    parentPort.close();
  });
}
`;

/** A running background checkpointer; `stop` ends it (a last checkpoint, then its connection closes). */
export interface Checkpointer {
  stop(): Promise<void>;
}

/**
 * Moves `db`'s WAL checkpoints to a worker thread (see above). The worker does not keep the process
 * alive; `stop` before closing the main connection, so the last connection to close (the main one)
 * folds the WAL back into the database file.
 */
export function checkpointInBackground(db: Db, everyMs = 1_000): Checkpointer {
  db.pragma('wal_autocheckpoint = 0');
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER, { eval: true, workerData: { driver, file: db.name, everyMs } });
  worker.unref();
  let stopping = false;
  // A worker that could not start or failed: this connection checkpoints in its commits again (the
  // default), rather than let the WAL grow without end.
  const fallBack = () => {
    if (!stopping && db.open) db.pragma('wal_autocheckpoint = 1000');
  };
  worker.on('error', fallBack);
  const ended = new Promise<void>((resolve) => worker.once('exit', () => resolve(fallBack())));
  return {
    stop: async () => {
      stopping = true;
      worker.postMessage('stop');
      await ended;
    },
  };
}
