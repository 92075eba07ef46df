/**
 * The booking portal with a branch behind it, as real processes: the hub (PGlite in a throwaway folder; its portal
 * clock starts at the branch's 09:00, so "today" is the same day on both) and a branch server + kiosk (Seef Mall)
 * that syncs with it through a link the test can cut (the WAN). Each test gets its own set on free ports.
 */
import { test as base } from '@playwright/test';
import { demoSyncToken } from '@dawr/hub';
import { freePort, launchBranch, launchHub, type Launched } from '../../scripts/launch';
import { startSyncProxy, type SyncProxy } from '../helpers/sync-proxy';
import { tempDir } from '../helpers/tmp';
import { OPEN_TIME } from './fixtures';

export const PORTAL_BRANCH = 'seef-mall';

export interface PortalFixtures {
  hub: { url: string; port: number };
  wan: SyncProxy;
  branch: Launched;
}

export const test = base.extend<PortalFixtures>({
  hub: async ({}, use) => {
    const tmp = tempDir('dawr-e2e-hub-');
    const port = await freePort();
    const hub = await launchHub({
      dataDir: tmp.dir,
      port,
      env: { DAWR_DEMO: '1', DAWR_HUB_START_TIME: OPEN_TIME, DAWR_PORTAL_WRITES_PER_ADDRESS: '1000', DAWR_PORTAL_READS_PER_ADDRESS: '100000' },
    });
    await use({ url: hub.url, port });
    await hub.stop();
    tmp.cleanup();
  },
  wan: async ({ hub }, use) => {
    const proxy = await startSyncProxy(hub.port);
    await use(proxy);
    await proxy.close();
  },
  branch: async ({ wan }, use) => {
    const tmp = tempDir('dawr-e2e-');
    const launched = await launchBranch({
      dataDir: tmp.dir,
      serverPort: await freePort(),
      kioskPort: await freePort(),
      startTime: OPEN_TIME,
      env: {
        DAWR_LOG_LEVEL: 'warn',
        DAWR_CARD_READER: 'none',
        DAWR_BRANCH_ID: PORTAL_BRANCH,
        DAWR_HUB_URL: wan.url,
        DAWR_HUB_TOKEN: demoSyncToken(PORTAL_BRANCH),
      },
      stdio: 'pipe',
    });
    await use(launched);
    await launched.stop();
    tmp.cleanup();
  },
});

/** The branch's sync state as /healthz shows it: its outbox depth and how far down the centre's log it has applied. */
export async function branchSync(serverUrl: string): Promise<{ depth: number; downCursor: number }> {
  const res = await fetch(`${serverUrl}/healthz`);
  const body = (await res.json()) as { sync?: { outboxDepth: number; downCursor: number } };
  return { depth: body.sync?.outboxDepth ?? -1, downCursor: body.sync?.downCursor ?? 0 };
}

/** Today's appointments the branch holds for a CPR (the kiosk's own lookup, REST with the demo kiosk token). */
export async function branchAppointments(serverUrl: string, cpr: string): Promise<{ id: string; window: string; status: string }[]> {
  const res = await fetch(`${serverUrl}/api/v1/appointments/find`, {
    method: 'POST',
    headers: { authorization: 'Bearer demo-kiosk-token', 'content-type': 'application/json' },
    body: JSON.stringify({ cpr }),
  });
  const body = (await res.json()) as { ok: boolean; appointments?: { id: string; window: string; status: string }[] };
  return body.appointments ?? [];
}

export { expect } from '@playwright/test';
