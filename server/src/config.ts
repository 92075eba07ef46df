/** Branch server configuration: environment variables, optionally a JSON file, then defaults. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { DeviceRole, StaffRole } from '@dawr/core';

export interface DeviceConfig {
  id: string;
  role: DeviceRole;
  name: string;
  token: string;
  /** A counter PC enrolled for one counter: it may open and close that counter only. */
  counterId?: string | null;
}

export interface StaffConfig {
  id: string;
  username: string;
  name: string;
  role: StaffRole;
  password: string;
}

export interface ServerConfig {
  host: string;
  port: number;
  dataDir: string;
  branchId: string;
  /** Devices enrolled at start; their tokens are stored hashed. */
  devices: DeviceConfig[];
  /** Staff accounts created when the database has none (passwords stored hashed). */
  staff: StaffConfig[];
  /** Tickets one device may issue per minute. */
  issueRateLimitPerMin: number;
  /** How long a staff session lasts, in minutes. */
  sessionMinutes: number;
  /**
   * Days after a visit's day that its full CPR is kept (appointments) and the visitor's name (tickets);
   * then the CPR is reduced to its last 4 digits and names are forgotten. 1 = until the end of the next day.
   */
  cprRetentionDays: number;
  /** The central hub to sync with (DAWR_HUB_URL) and this branch's sync token (DAWR_HUB_TOKEN); none: no sync. */
  hub: { url: string; token: string } | null;
  /**
   * The centre's booking public key (DAWR_HUB_BOOKING_KEY, base64url SPKI) to verify booking QR tokens with until a
   * catalogue from the centre brings one (a branch installed before its first sync, or one that never syncs).
   */
  hubBookingKey: string | null;
  /** Mark cookies Secure (when served over TLS). */
  secureCookies: boolean;
  /** Seed the demo branch's services and counters (Seef Mall) when the database has none. */
  demo: boolean;
  /**
   * Demo only (DAWR_DEMO_HISTORY_DAYS): write this many calendar days of past working days' visits before today,
   * once, for the reports (`npm start` asks for 7); 0: none.
   */
  demoHistoryDays: number;
  /** Start the branch clock at this instant and let it run (demo and tests); null = real time. */
  startTime: string | null;
  /** Built apps to serve under /display, /counter and /t (the visitor's phone page). */
  staticDirs: { display: string; counter: string; phone: string };
  logLevel: string;
}

const root = path.resolve(import.meta.dirname, '../..');

/** Tokens of the demo devices: printed by `npm start`; never use them on a real branch. */
export const DEMO_DEVICES: DeviceConfig[] = [
  { id: 'kiosk-1', role: 'kiosk', name: 'Kiosk 1', token: 'demo-kiosk-token' },
  { id: 'display-1', role: 'display', name: 'Waiting room display', token: 'demo-display-token' },
  { id: 'counter-app', role: 'counter', name: 'Counter app', token: 'demo-counter-token' },
];

/** Demo staff accounts: printed by `npm start`; never use them on a real branch. */
export const DEMO_STAFF: StaffConfig[] = [
  { id: 'staff-clerk', username: 'clerk', name: 'Demo clerk', role: 'clerk', password: 'dawr-clerk' },
  { id: 'staff-manager', username: 'manager', name: 'Demo manager', role: 'manager', password: 'dawr-manager' },
  { id: 'staff-admin', username: 'admin', name: 'Demo admin', role: 'admin', password: 'dawr-admin' },
];

/** Reads the configuration from `env` (DAWR_* variables) and the JSON file named by DAWR_CONFIG. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const file = env.DAWR_CONFIG ? (JSON.parse(readFileSync(env.DAWR_CONFIG, 'utf8')) as Partial<ServerConfig>) : {};
  const demo = (env.DAWR_DEMO ?? String(file.demo ?? true)) !== '0' && (env.DAWR_DEMO ?? '') !== 'false';
  const port = Number(env.DAWR_PORT ?? file.port ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`DAWR_PORT is not a port: ${env.DAWR_PORT}`);
  return {
    host: env.DAWR_HOST ?? file.host ?? '0.0.0.0',
    port,
    dataDir: path.resolve(env.DAWR_DATA_DIR ?? file.dataDir ?? path.join(root, 'data')),
    branchId: env.DAWR_BRANCH_ID ?? file.branchId ?? 'seef-mall',
    devices: file.devices ?? (demo ? DEMO_DEVICES : []),
    staff: file.staff ?? (demo ? DEMO_STAFF : []),
    issueRateLimitPerMin: Number(env.DAWR_ISSUE_RATE_LIMIT ?? file.issueRateLimitPerMin ?? 20),
    sessionMinutes: positive('DAWR_SESSION_MINUTES', env.DAWR_SESSION_MINUTES ?? file.sessionMinutes ?? 12 * 60),
    cprRetentionDays: wholeDays('DAWR_CPR_RETENTION_DAYS', env.DAWR_CPR_RETENTION_DAYS ?? file.cprRetentionDays ?? 1),
    hub: hubSettings(env.DAWR_HUB_URL ?? file.hub?.url, env.DAWR_HUB_TOKEN ?? file.hub?.token),
    hubBookingKey: env.DAWR_HUB_BOOKING_KEY || file.hubBookingKey || null,
    secureCookies: (env.DAWR_SECURE_COOKIES ?? String(file.secureCookies ?? false)) === 'true',
    demo,
    demoHistoryDays: demo ? wholeDays('DAWR_DEMO_HISTORY_DAYS', env.DAWR_DEMO_HISTORY_DAYS ?? file.demoHistoryDays ?? 0) : 0,
    startTime: env.DAWR_START_TIME ?? file.startTime ?? null,
    staticDirs: {
      display: env.DAWR_DISPLAY_DIR ?? file.staticDirs?.display ?? path.join(root, 'display/build'),
      counter: env.DAWR_COUNTER_DIR ?? file.staticDirs?.counter ?? path.join(root, 'counter/build'),
      phone: env.DAWR_PHONE_DIR ?? file.staticDirs?.phone ?? path.join(root, 'phone/build'),
    },
    logLevel: env.DAWR_LOG_LEVEL ?? file.logLevel ?? 'info',
  };
}

function positive(name: string, v: string | number): number {
  const n = Number(v);
  if (!(n > 0) || !Number.isFinite(n)) throw new Error(`${name} must be a positive number: ${v}`);
  return n;
}

function wholeDays(name: string, v: string | number): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number of days (0 or more): ${v}`);
  return n;
}

/** The hub settings: both or neither (a URL without a token is a mistake worth a clear error at start). */
function hubSettings(url: string | undefined, token: string | undefined): { url: string; token: string } | null {
  if (!url && !token) return null;
  if (!url || !token) throw new Error('DAWR_HUB_URL and DAWR_HUB_TOKEN go together: set both to sync with the hub, or neither');
  return { url, token };
}
