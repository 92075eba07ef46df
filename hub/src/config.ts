/** Hub configuration from DAWR_HUB_* environment variables. */
import path from 'node:path';
import { SEED_BRANCH_IDS } from '@dawr/core';
import type { PortalLimits } from './http/portal-routes';
import type { HubDatabase } from './store/index';

export interface HubSettings {
  host: string;
  port: number;
  /** A real PostgreSQL (DAWR_HUB_DATABASE_URL) or PGlite in a folder (DAWR_HUB_DATA_DIR). */
  database: HubDatabase;
  /** Give the seed branches the demo sync credentials (never on a real centre). */
  demo: boolean;
  /** The booking portal's rate limits (DAWR_PORTAL_READS_PER_ADDRESS per minute, …_WRITES_PER_ADDRESS per 10 min, …_WRITES_PER_CPR per hour). */
  portalLimits: Partial<PortalLimits>;
  /**
   * Start the booking portal's clock at this instant and let it run (DAWR_HUB_START_TIME; demo and tests, so the
   * portal's "today" is the demo branch's); null = real time.
   */
  portalStartTime: number | null;
}

/** The demo branches' sync token: `<branch>.<this>`. Printed by `npm start`; never use it for real. */
export const DEMO_SYNC_SECRET = 'demo-sync-secret';

/** A seed branch's demo sync token. */
export const demoSyncToken = (branchId: string): string => `${branchId}.${DEMO_SYNC_SECRET}`;

const root = path.resolve(import.meta.dirname, '../..');

/** A positive whole-number limit from the environment, refused with the variable's name when it is not one. */
function limit(env: NodeJS.ProcessEnv, name: string, key: keyof PortalLimits): Partial<PortalLimits> {
  const raw = env[name];
  if (raw === undefined || raw === '') return {};
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`${name} is not a positive whole number: ${raw}`);
  return { [key]: n };
}

/** An ISO date-time from the environment, or null; refused with the variable's name when it is not one. */
function startTime(raw: string | undefined): number | null {
  if (!raw) return null;
  const t = Date.parse(raw);
  if (Number.isNaN(t)) throw new Error(`DAWR_HUB_START_TIME is not a date-time: ${raw}`);
  return t;
}

/** A clock that reads `start` now and then runs at real speed (real time when null). */
export function runningFrom(start: number | null): () => number {
  if (start === null) return Date.now;
  const offset = start - Date.now();
  return () => Date.now() + offset;
}

/** Reads the hub's settings; a bad port is refused with the variable's name. */
export function loadHubSettings(env: NodeJS.ProcessEnv = process.env): HubSettings {
  const port = Number(env.DAWR_HUB_PORT ?? 4000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`DAWR_HUB_PORT is not a port: ${env.DAWR_HUB_PORT}`);
  const url = env.DAWR_HUB_DATABASE_URL;
  return {
    host: env.DAWR_HUB_HOST ?? '0.0.0.0',
    port,
    database: url ? { url } : { dir: path.resolve(env.DAWR_HUB_DATA_DIR ?? path.join(root, 'data', 'hub')) },
    demo: (env.DAWR_DEMO ?? '1') !== '0' && env.DAWR_DEMO !== 'false',
    portalLimits: {
      ...limit(env, 'DAWR_PORTAL_READS_PER_ADDRESS', 'readsPerAddress'),
      ...limit(env, 'DAWR_PORTAL_WRITES_PER_ADDRESS', 'writesPerAddress'),
      ...limit(env, 'DAWR_PORTAL_WRITES_PER_CPR', 'writesPerCpr'),
    },
    portalStartTime: startTime(env.DAWR_HUB_START_TIME),
  };
}

/** Demo accounts of the centre: printed by `npm start`; never use them on a real centre. */
export const DEMO_HUB_STAFF = [
  { id: 'hub-central', username: 'central', name: 'Demo central manager', role: 'central' as const, password: 'dawr-central' },
  { id: 'hub-admin', username: 'hubadmin', name: 'Demo centre admin', role: 'admin' as const, password: 'dawr-hubadmin' },
];

/** The seed branches that get demo credentials. */
export const DEMO_BRANCHES = SEED_BRANCH_IDS;
