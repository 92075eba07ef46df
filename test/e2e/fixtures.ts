/**
 * A real branch (server + kiosk processes, fresh SQLite file) for every test, on free ports: tests never
 * see each other's tickets.
 */
import { test as base } from '@playwright/test';
import { freePort, launchBranch, type Launched } from '../../scripts/launch';
import { tempDir } from '../helpers/tmp';

/** 09:00 in Bahrain, inside opening hours whatever the real time is. */
export const OPEN_TIME = '2026-11-24T09:00:00+03:00';

export interface BranchOptions {
  /**
   * Extra environment for the branch's processes, for the kiosk's settings (DAWR_PRINTER, DAWR_CARD_READER,
   * DAWR_KIOSK_IDLE_MS…): `test.use({ kioskEnv: {…} })`, or a fixture that computes it (a test printer's port).
   */
  kioskEnv: Record<string, string>;
}

/**
 * Starts a branch (server + kiosk) on free ports over a fresh data folder, its clock at OPEN_TIME, with `env` on top
 * of the test defaults; `dataDir` is that folder (a test can seed the branch's SQLite file there); its `stop` also
 * removes it.
 */
export async function startBranch(env: Record<string, string>): Promise<Launched & { dataDir: string }> {
  const tmp = tempDir('dawr-e2e-');
  const launched = await launchBranch({
    dataDir: tmp.dir,
    serverPort: await freePort(),
    kioskPort: await freePort(),
    startTime: OPEN_TIME,
    // No card reader unless a test asks for one: a kiosk left to pick its own reader takes the first
    // one pcscd lists, which is a card test's virtual reader when one runs on the same machine.
    env: { DAWR_LOG_LEVEL: 'warn', DAWR_CARD_READER: 'none', ...env },
    stdio: 'pipe',
  });
  return {
    serverUrl: launched.serverUrl,
    kioskUrl: launched.kioskUrl,
    serverPid: launched.serverPid,
    dataDir: tmp.dir,
    stop: async () => {
      await launched.stop();
      tmp.cleanup();
    },
  };
}

export const test = base.extend<{ branch: Launched } & BranchOptions>({
  kioskEnv: [{}, { option: true }],
  branch: [
    async ({ kioskEnv }, use) => {
      const launched = await startBranch(kioskEnv);
      await use(launched);
      await launched.stop();
    },
    { scope: 'test' },
  ],
});

export { expect } from '@playwright/test';
