/**
 * One SQL dialect, two engines: PGlite (PostgreSQL compiled to WebAssembly, in-process: the embedded default,
 * so `npm start` needs no database server) and a real PostgreSQL through node-postgres (production, and the
 * tests that need concurrency or several hub processes). Everything above this file speaks `Sql` only.
 */

/** A query runner: a pool, a single connection or an open transaction. */
export interface Queryable {
  /**
   * Runs one statement with $1… parameters; int8 columns come back as numbers on both engines. `prepared` names a
   * statement run often (one fixed text per name): PostgreSQL parses and plans it once per connection.
   */
  query<R = Record<string, unknown>>(text: string, params?: unknown[], prepared?: string): Promise<R[]>;
}

/** The hub's database. */
export interface Sql extends Queryable {
  /** Which engine runs underneath (for logs and /healthz). */
  readonly engine: 'pglite' | 'postgres';
  /** The node-postgres pool, on the postgres engine (socket.io's adapter shares it between hub processes). */
  readonly pool?: import('pg').Pool;
  /** Runs several statements separated by semicolons, without parameters (migrations). */
  exec(text: string): Promise<void>;
  /** Runs `fn` in one transaction (READ COMMITTED), committed when it resolves, rolled back when it throws. */
  tx<T>(fn: (q: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Where the hub keeps its records: a postgres:// URL, a PGlite data folder, or null for PGlite in memory. */
export type HubDatabase = { url: string } | { dir: string | null };

/** Opens the engine the location names. */
export async function openSql(where: HubDatabase): Promise<Sql> {
  if ('url' in where) {
    const { openPostgres } = await import('./pg-engine');
    return openPostgres(where.url);
  }
  const { openPglite } = await import('./pglite-engine');
  return openPglite(where.dir);
}
