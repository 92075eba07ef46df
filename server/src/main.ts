/**
 * Entry point of the branch server. Production, the demo and the benchmarks run it bundled
 * (`npm run build` → `node --max-semi-space-size=8 server/build/main.js`, see scripts/server-bundle.ts);
 * `node --import tsx server/src/main.ts` runs the sources as they are.
 */
import { createBranchServer, PortInUse } from './app';
import { loadConfig } from './config';

const config = loadConfig();
const server = createBranchServer(config);
try {
  const port = await server.listen();
  server.log.info({ port, branch: config.branchId, dataDir: config.dataDir }, 'branch server listening');
  // A machine-readable line for launchers (the demo and the tests wait for it).
  console.log(`DAWR_SERVER_READY ${port}`);
} catch (e) {
  console.error(e instanceof PortInUse ? `Dawr: ${e.message}` : e);
  process.exit(1);
}

let stopping = false;
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    if (stopping) return;
    stopping = true;
    void server.close().then(() => process.exit(0));
  });
}
