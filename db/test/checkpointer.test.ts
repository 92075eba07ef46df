/**
 * The background checkpointer: the server's connection no longer checkpoints in its commits; a worker
 * thread folds the WAL back into the database file meanwhile, and nothing is lost across stop and close.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkpointInBackground, openDatabase } from '../src/index';
import { tempDir } from '../../test/helpers/tmp';

let tmp: ReturnType<typeof tempDir>;
let file: string;
beforeEach(() => {
  tmp = tempDir();
  file = path.join(tmp.dir, 'branch.sqlite');
});
afterEach(() => tmp.cleanup());

/** Resolves once `cond` holds (polled; the worker checkpoints on its own timer). */
async function until(cond: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !cond(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(cond()).toBe(true);
}

describe('checkpointInBackground', () => {
  it('turns the automatic checkpoint off and a worker folds the WAL into the database file', async () => {
    const db = openDatabase(file);
    const cp = checkpointInBackground(db, 20);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    const before = statSync(file).size;
    db.exec('CREATE TABLE filler (n INTEGER PRIMARY KEY, text TEXT NOT NULL)');
    const insert = db.prepare('INSERT INTO filler (text) VALUES (?)');
    // Well past the 1 000 pages (4 MB) at which the commit itself would have checkpointed.
    for (let i = 0; i < 60; i++) db.transaction(() => { for (let j = 0; j < 100; j++) insert.run('x'.repeat(1000)); })();
    // Only a checkpoint writes to the database file; this connection no longer does.
    await until(() => statSync(file).size > before + 5_000_000);
    await cp.stop();
    db.close();
    expect(existsSync(`${file}-wal`)).toBe(false);
    const again = openDatabase(file);
    expect(again.prepare('SELECT COUNT(*) FROM filler').pluck().get()).toBe(6000);
    again.close();
  });

  it('stops without having checkpointed anything, and the data is all there', async () => {
    const db = openDatabase(file);
    const cp = checkpointInBackground(db, 60_000);
    db.exec('CREATE TABLE t (n INTEGER)');
    db.prepare('INSERT INTO t VALUES (1)').run();
    await cp.stop();
    db.close();
    const again = openDatabase(file);
    expect(again.prepare('SELECT n FROM t').pluck().get()).toBe(1);
    again.close();
  });
});

describe('checkpointInBackground, when its worker cannot run', () => {
  it('gives the connection its automatic checkpoint back (the database file was removed meanwhile)', async () => {
    const db = openDatabase(file);
    tmp.cleanup();
    checkpointInBackground(db, 20);
    await until(() => db.pragma('wal_autocheckpoint', { simple: true }) === 1000);
    db.close();
  });
});
