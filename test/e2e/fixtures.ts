/**
 * A real branch (server + kiosk processes, fresh SQLite file) for every test, on free ports: tests never
 * see each other's tickets.
 */
import { test as base } from '@playwright/test';
import { freePort, launchBranch, type Launched } from '../../scripts/launch';
import { tempDir } from '../helpers/tmp';

/** 09:00 in Bahrain, inside opening hours whatever the real time is. */
export const OPEN_TIME = '2026-11-24T09:00:00+03:00';

export const test = base.extend<{ branch: Launched }>({
  branch: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const tmp = tempDir('dawr-e2e-');
      const launched = await launchBranch({
        dataDir: tmp.dir,
        serverPort: await freePort(),
        kioskPort: await freePort(),
        startTime: OPEN_TIME,
        env: { DAWR_LOG_LEVEL: 'warn' },
        stdio: 'pipe',
      });
      await use(launched);
      await launched.stop();
      tmp.cleanup();
    },
    { scope: 'test' },
  ],
});

export { expect } from '@playwright/test';
