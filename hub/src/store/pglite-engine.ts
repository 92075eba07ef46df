/** The embedded engine: PGlite in this process, its data in a folder (or in memory for tests). */
import { PGlite, types } from '@electric-sql/pglite';
import type { Queryable, Sql } from './engine';

/** int8 as a number, as pg-engine does: seqs and millisecond times stay far below 2^53. */
const parsers = { [types.INT8]: (x: string) => Number(x) };

/** Opens (creating when new) a PGlite database in `dir`, or in memory when `dir` is null. */
export async function openPglite(dir: string | null): Promise<Sql> {
  const db = dir ? await PGlite.create(dir, { parsers }) : await PGlite.create({ parsers });
  const runner = (q: { query: PGlite['query'] }): Queryable => ({
    query: async <R>(text: string, params?: unknown[]) => (await q.query<R>(text, params)).rows,
  });
  return {
    engine: 'pglite',
    ...runner(db),
    exec: async (text) => {
      await db.exec(text);
    },
    tx: (fn) => db.transaction((t) => fn(runner(t))),
    close: () => db.close(),
  };
}
