/**
 * Online renewal's world for the browser tests: the outside (the e-key identity provider and the SMTP sink) first,
 * since it must know the hub's address, then the hub pointed at it and a branch syncing with the hub.
 */
import { freePort } from '../../scripts/launch';
import { startOutside, type Outside } from '../emulators/outside';
import { tempDir } from '../helpers/tmp';
import { test as hubTest } from './hub-fixtures';

export const test = hubTest.extend<{ outside: Outside & { hubPort: number } }>({
  outside: async ({}, use) => {
    const tmp = tempDir('dawr-e2e-outside-');
    const port = await freePort();
    const outside = await startOutside({ dataDir: tmp.dir, hubUrl: `http://127.0.0.1:${port}` });
    await use({ ...outside, hubPort: port });
    await outside.close();
    tmp.cleanup();
  },
  hubPort: async ({ outside }, use) => use(outside.hubPort),
  hubEnv: async ({ outside }, use) => use(outside.hubEnv),
});
export { expect } from './hub-fixtures';
