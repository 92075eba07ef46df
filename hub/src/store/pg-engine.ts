/** The production engine: a real PostgreSQL through a node-postgres pool. */
import pg from 'pg';
import type { Queryable, Sql } from './engine';

const INT8 = 20;

/** Connects a pool to `url` (postgres://…) and checks that it answers. */
export async function openPostgres(url: string, max = 10): Promise<Sql> {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    // int8 as a number, as the PGlite engine does: seqs and millisecond times stay far below 2^53.
    types: { getTypeParser: (oid: number, format?: string) => (oid === INT8 ? Number : pg.types.getTypeParser(oid, format as 'text')) },
  });
  // An idle connection the server drops (restart, failover) must not crash the hub: the pool replaces it.
  pool.on('error', (e) => console.error(`[hub] PostgreSQL connection lost: ${e.message}`));
  await pool.query('SELECT 1');
  const runner = (c: pg.Pool | pg.PoolClient): Queryable => ({
    query: async <R>(text: string, params?: unknown[], prepared?: string) =>
      (await (prepared ? c.query({ name: prepared, text, values: params }) : c.query(text, params))).rows as R[],
  });
  return {
    engine: 'postgres',
    pool,
    ...runner(pool),
    exec: async (text) => {
      await pool.query(text);
    },
    tx: async (fn) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(runner(client));
        await client.query('COMMIT');
        return result;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
