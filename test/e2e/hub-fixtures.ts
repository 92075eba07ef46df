/**
 * The centre and a branch that syncs with it, as real processes: a hub (PGlite in a throwaway folder, demo staff
 * and branch credentials) and a branch server + kiosk (fresh SQLite file, clock at 09:00 Bahrain) whose sync
 * client talks to that hub. Every test gets its own pair on free ports.
 */
import { test as base } from '@playwright/test';
import { demoSyncToken } from '@dawr/hub';
import { freePort, launchBranch, launchHub, type Launched } from '../../scripts/launch';
import { tempDir } from '../helpers/tmp';
import { OPEN_TIME } from './fixtures';

export const SYNCED_BRANCH = 'seef-mall';

export const test = base.extend<{ hub: { url: string }; branch: Launched }>({
  hub: async ({}, use) => {
    const tmp = tempDir('dawr-e2e-hub-');
    const hub = await launchHub({ dataDir: tmp.dir, port: await freePort(), env: { DAWR_DEMO: '1' } });
    await use(hub);
    await hub.stop();
    tmp.cleanup();
  },
  branch: async ({ hub }, use) => {
    const tmp = tempDir('dawr-e2e-');
    const launched = await launchBranch({
      dataDir: tmp.dir,
      serverPort: await freePort(),
      kioskPort: await freePort(),
      startTime: OPEN_TIME,
      env: {
        DAWR_LOG_LEVEL: 'warn',
        DAWR_CARD_READER: 'none',
        DAWR_BRANCH_ID: SYNCED_BRANCH,
        DAWR_HUB_URL: hub.url,
        DAWR_HUB_TOKEN: demoSyncToken(SYNCED_BRANCH),
      },
      stdio: 'pipe',
    });
    await use(launched);
    await launched.stop();
    tmp.cleanup();
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

export { expect } from '@playwright/test';
