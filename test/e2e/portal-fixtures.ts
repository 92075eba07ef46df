/**
 * The booking portal with a branch behind it, as real processes: the hub (PGlite in a throwaway folder; its portal
 * clock starts at the branch's 09:00, so "today" is the same day on both) and a branch server + kiosk (Seef Mall)
 * that syncs with it through a link the test can cut (the WAN). Each test gets its own set on free ports.
 */
import { SYNCED_BRANCH, test as hubTest } from './hub-fixtures';
import { OPEN_TIME } from './fixtures';

export const PORTAL_BRANCH = SYNCED_BRANCH;

export const test = hubTest.extend({
  // The portal's clock at the branch's; rate limits out of the way of tests that book many times from one address.
  hubEnv: async ({}, use) => use({ DAWR_HUB_START_TIME: OPEN_TIME, DAWR_PORTAL_WRITES_PER_ADDRESS: '1000', DAWR_PORTAL_READS_PER_ADDRESS: '100000' }),
  syncUrl: async ({ wan }, use) => use(wan.url),
});

export { branchSync } from './hub-fixtures';

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
