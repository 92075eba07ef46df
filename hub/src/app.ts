/** Builds the hub: its store (PGlite or PostgreSQL) and one HTTP server with the sync API and health. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sendJson } from '@dawr/web';
import { HubStore, type HubDatabase } from './store/index';
import { syncRoutes, type SyncRouteOptions } from './sync/routes';

export interface HubConfig {
  database: HubDatabase;
  port: number;
  host?: string;
  sync?: SyncRouteOptions;
}

export interface Hub {
  store: HubStore;
  http: Server;
  listen(): Promise<number>;
  close(): Promise<void>;
}

/** Opens the store and makes the HTTP server (not listening yet). */
export async function createHub(config: HubConfig): Promise<Hub> {
  const store = await HubStore.open(config.database);
  const sync = syncRoutes(store, config.sync);
  const http = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://hub');
    if (url.pathname === '/healthz') return sendJson(res, 200, { ok: true, engine: store.sql.engine });
    sync(req, res, url)
      .then((handled) => {
        if (!handled) sendJson(res, 404, { ok: false, code: 'NOT_FOUND', msg: 'not found' });
      })
      .catch((e: unknown) => {
        console.error('[hub] request failed', e);
        if (!res.headersSent) sendJson(res, 500, { ok: false, code: 'INTERNAL', msg: 'the hub could not complete the request' });
        else res.destroy();
      });
  });
  return {
    store,
    http,
    listen: () =>
      new Promise((resolve, reject) => {
        http.once('error', reject);
        http.listen(config.port, config.host ?? '0.0.0.0', () => resolve((http.address() as AddressInfo).port));
      }),
    close: async () => {
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await store.close();
    },
  };
}
