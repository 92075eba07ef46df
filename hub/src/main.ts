/** Entry point of the hub: `node --import tsx hub/src/main.ts`. Prints `DAWR_HUB_READY <port>` when listening. */
import { mkdirSync } from 'node:fs';
import { createHub } from './app';
import { loadRenewalSettings } from './renewal-config';
import { DEMO_BRANCHES, DEMO_HUB_STAFF, DEMO_SYNC_SECRET, loadHubSettings, runningFrom } from './config';

const settings = loadHubSettings();
if ('dir' in settings.database && settings.database.dir) mkdirSync(settings.database.dir, { recursive: true });
const hub = await createHub({
  database: settings.database,
  portal: { limits: settings.portalLimits, clock: runningFrom(settings.portalStartTime) },
  port: settings.port,
  host: settings.host,
  staff: settings.demo ? DEMO_HUB_STAFF : [],
  renewal: loadRenewalSettings(process.env, settings.port),
});
if (settings.demo) {
  for (const id of DEMO_BRANCHES) await hub.store.issueBranchCredential(id, Date.now(), DEMO_SYNC_SECRET);
}
try {
  const port = await hub.listen();
  console.log(`DAWR_HUB_READY ${port}`);
} catch (e) {
  const err = e as NodeJS.ErrnoException;
  console.error(err.code === 'EADDRINUSE' ? `Dawr hub: port ${settings.port} is already in use (DAWR_HUB_PORT)` : err);
  await hub.store.close();
  process.exit(1);
}

let stopping = false;
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    if (stopping) return;
    stopping = true;
    void hub.close().then(() => process.exit(0));
  });
}
