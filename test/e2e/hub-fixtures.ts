/**
 * The centre and a branch that syncs with it, as real processes: a hub (PGlite in a throwaway folder, demo staff
 * and branch credentials) and a branch server + kiosk (fresh SQLite file, clock at 09:00 Bahrain) whose sync
 * client talks to that hub. Every test gets its own pair on free ports. The options below shape the pair:
 * `test.use({ branchEnv: {…} })`, or `test.extend` with a fixture that computes one (`syncUrl` through `wan`).
 */
import { test as base } from '@playwright/test';
import { demoSyncToken } from '@dawr/hub';
import { freePort, launchHub, type Launched } from '../../scripts/launch';
import { startSyncProxy, type SyncProxy } from '../helpers/sync-proxy';
import { tempDir } from '../helpers/tmp';
import { startBranch } from './fixtures';

export const SYNCED_BRANCH = 'seef-mall';

/** A hub process as the tests reach it. */
export interface Hub {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export interface HubBranchFixtures {
  /** The hub's environment beside DAWR_DEMO=1 (the demo staff and branch credentials). */
  hubEnv: Record<string, string>;
  /** The hub's port: a free one, unless a fixture must know it before the hub starts. */
  hubPort: number;
  hub: Hub;
  /** A link between the branch and the hub that the test can cut (the WAN); started only when asked for. */
  wan: SyncProxy;
  /** Where the branch's sync client reaches the hub: the hub itself, or `wan.url` when a test overrides it. */
  syncUrl: string;
  /** The branch's id, whose demo sync token it presents. */
  branchId: string;
  /** The branch's environment beside the sync settings. */
  branchEnv: Record<string, string>;
  branch: Launched;
}

/** Starts a hub on `port` (a free one by default) over a throwaway data folder; its `stop` also removes the folder. */
export async function startHub(env: Record<string, string>, port?: number): Promise<Hub> {
  const tmp = tempDir('dawr-e2e-hub-');
  const hubPort = port ?? (await freePort());
  const hub = await launchHub({ dataDir: tmp.dir, port: hubPort, env });
  return {
    url: hub.url,
    port: hubPort,
    stop: async () => {
      await hub.stop();
      tmp.cleanup();
    },
  };
}

export const test = base.extend<HubBranchFixtures>({
  hubEnv: [{}, { option: true }],
  hubPort: async ({}, use) => use(await freePort()),
  hub: async ({ hubEnv, hubPort }, use) => {
    const hub = await startHub({ DAWR_DEMO: '1', ...hubEnv }, hubPort);
    await use(hub);
    await hub.stop();
  },
  wan: async ({ hub }, use) => {
    const proxy = await startSyncProxy(hub.port);
    await use(proxy);
    await proxy.close();
  },
  syncUrl: async ({ hub }, use) => use(hub.url),
  branchId: [SYNCED_BRANCH, { option: true }],
  branchEnv: [{}, { option: true }],
  branch: async ({ syncUrl, branchId, branchEnv }, use) => {
    const launched = await startBranch({ DAWR_BRANCH_ID: branchId, DAWR_HUB_URL: syncUrl, DAWR_HUB_TOKEN: demoSyncToken(branchId), ...branchEnv });
    await use(launched);
    await launched.stop();
  },
});

/** The branch as a kiosk sees it (REST, demo kiosk token): hours and the services offered. */
export async function branchSnapshot(serverUrl: string): Promise<{ branch: { opensAt: string; closesAt: string }; services: { id: string }[] }> {
  const res = await fetch(`${serverUrl}/api/v1/snapshot`, { headers: { authorization: 'Bearer demo-kiosk-token' } });
  const body = (await res.json()) as { ok: boolean; snapshot: { branch: { opensAt: string; closesAt: string }; services: { id: string }[] } };
  if (!body.ok) throw new Error(`snapshot: HTTP ${res.status}`);
  return body.snapshot;
}

/** Signs in to the hub's API as a demo account: its cookie and CSRF token, for setting the scene. */
export async function hubSession(hubUrl: string, username: string, password: string): Promise<{ cookie: string; csrf: string }> {
  const res = await fetch(`${hubUrl}/api/v1/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (!res.ok) throw new Error(`hub login: HTTP ${res.status}`);
  return { cookie: res.headers.get('set-cookie')!.split(';')[0]!, csrf: ((await res.json()) as { csrf: string }).csrf };
}

/** The branch's sync state as /healthz shows it: its outbox depth and how far down the centre's log it has applied. */
export async function branchSync(serverUrl: string): Promise<{ depth: number; downCursor: number }> {
  const res = await fetch(`${serverUrl}/healthz`);
  const body = (await res.json()) as { sync?: { outboxDepth: number; downCursor: number } };
  return { depth: body.sync?.outboxDepth ?? -1, downCursor: body.sync?.downCursor ?? 0 };
}

export { expect } from '@playwright/test';
