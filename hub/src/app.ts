/**
 * Builds the hub: its store (PGlite or PostgreSQL) and one HTTP server with the sync API, the booking portal
 * (its public API and app), the centre's staff API, the national picture pushed over socket.io, and health.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { hashPassword, sendJson, spa } from '@dawr/web';
import { adminRoutes } from './http/admin-routes';
import { portalRoutes, type PortalRouteOptions } from './http/portal-routes';
import { reportRoutes } from './http/report-routes';
import { staffRoutes } from './http/staff-routes';
import { attachNationalFeed } from './live/national-feed';
import { createRenewal, type Renewal, type RenewalConfig } from './renewal';
import { HubStore, type HubDatabase, type HubStaff } from './store/index';
import { syncRoutes, type SyncRouteOptions } from './sync/routes';

export interface HubConfig {
  database: HubDatabase;
  port: number;
  host?: string;
  sync?: Omit<SyncRouteOptions, 'onApplied'>;
  /** Accounts created or updated at start (passwords hashed here). */
  staff?: (HubStaff & { password: string })[];
  secureCookies?: boolean;
  /** The built national-picture app served under /central (default: central/build). */
  centralDir?: string;
  /** The booking portal's API options (rate limits). */
  portal?: PortalRouteOptions;
  /** The built booking portal served under /portal, the hub's front page (default: portal/build). */
  portalDir?: string;
  /** Online renewal: the identity provider, the notices' providers (none: renewal's login is unavailable). */
  renewal?: RenewalConfig;
}

const ROOT = path.resolve(import.meta.dirname, '../..');

export interface Hub {
  store: HubStore;
  renewal: Renewal;
  http: Server;
  listen(): Promise<number>;
  close(): Promise<void>;
}

/** Opens the store and makes the HTTP server (not listening yet). */
export async function createHub(config: HubConfig): Promise<Hub> {
  const store = await HubStore.open(config.database);
  for (const { password, ...s } of config.staff ?? []) await store.staff.upsert({ ...s, passwordHash: await hashPassword(password) });
  const http = createServer();
  const feed = attachNationalFeed(http, store);
  const sync = syncRoutes(store, { ...config.sync, onApplied: (branchId) => feed.branchChanged(branchId) });
  const renewal = createRenewal(store.sql, config.renewal ?? { oidc: null, smtp: null, sms: null }, { secureCookies: config.secureCookies ?? false });
  const staff = staffRoutes(store, { secureCookies: config.secureCookies ?? false }, renewal.staffRoutes(reportRoutes(store, adminRoutes(store))));
  const central = spa('/central', config.centralDir ?? path.join(ROOT, 'central/build'));
  const portalApi = portalRoutes(store, config.portal);
  const portal = spa('/portal', config.portalDir ?? path.join(ROOT, 'portal/build'));
  http.on('request', (req, res) => {
    const url = new URL(req.url ?? '/', 'http://hub');
    if (url.pathname.startsWith('/socket.io/')) return; // socket.io's own listener answers
    if (url.pathname === '/healthz') return sendJson(res, 200, { ok: true, engine: store.sql.engine });
    if (url.pathname === '/central') return void res.writeHead(302, { location: '/central/' }).end();
    if (url.pathname === '/' || url.pathname === '/portal') return void res.writeHead(302, { location: `/portal/${url.search}` }).end();
    if (url.pathname.startsWith('/central/')) return central(req, res);
    if (url.pathname.startsWith('/portal/')) return portal(req, res);
    (async () => (await sync(req, res, url)) || (await renewal.routes(req, res, url)) || (await portalApi(req, res, url)) || (await staff(req, res, url)))()
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
    renewal,
    http,
    listen: () =>
      new Promise((resolve, reject) => {
        http.once('error', reject);
        http.listen(config.port, config.host ?? '0.0.0.0', () => resolve((http.address() as AddressInfo).port));
      }),
    close: async () => {
      await feed.close(); // closes the HTTP server too
      await renewal.close();
      await store.close();
    },
  };
}
