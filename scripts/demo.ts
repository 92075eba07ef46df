/**
 * `npm start`: the demo branch (Seef Mall) on this machine — branch server, kiosk, display and counter —
 * with data in ./data. Builds only the apps that changed, says one line per step, and ends with every page
 * and login (the last thing on screen); Ctrl-C stops everything.
 */
import { localParts } from '@dawr/core';
import { DEMO_DEVICES, DEMO_STAFF } from '@dawr/server';
import path from 'node:path';
import { buildApps } from './build-apps';
import { DEMO_HUB_STAFF, demoSyncToken } from '@dawr/hub';
import { assertPortFree, launchBranch, launchHub, ROOT } from './launch';
import { lanAddress } from './lan';

const serverPort = Number(process.env.DAWR_PORT ?? 3000);
const kioskPort = Number(process.env.DAWR_KIOSK_PORT ?? 3001);
const hubPort = Number(process.env.DAWR_HUB_PORT ?? 4000);
const dataDir = path.resolve(process.env.DAWR_DATA_DIR ?? path.join(ROOT, 'data'));

/**
 * Real opening hours are 08:00–14:00 Bahrain time and the server enforces them. So that the demo can be
 * tried at any hour, outside those hours its branch clock starts at 09:00 Bahrain time today.
 */
function demoStartTime(): string | null {
  if (process.env.DAWR_START_TIME) return process.env.DAWR_START_TIME;
  const { day, minutes } = localParts(Date.now(), 'Asia/Bahrain');
  return minutes >= 8 * 60 && minutes < 14 * 60 ? null : `${day}T09:00:00+03:00`;
}

for (const [port, name, variable] of [
  [serverPort, 'branch server', 'DAWR_PORT'],
  [kioskPort, 'kiosk', 'DAWR_KIOSK_PORT'],
  [hubPort, 'hub', 'DAWR_HUB_PORT'],
] as const) {
  try {
    await assertPortFree(port);
  } catch {
    console.error(`Dawr: port ${port} (the ${name}) is already in use. Stop what uses it, or choose another: ${variable}=<port> npm start`);
    process.exit(1);
  }
}

const startTime = demoStartTime();
const token = (role: string) => DEMO_DEVICES.find((d) => d.role === role)!.token;

console.log('Dawr demo branch (Seef Mall)');
if (!(await buildApps())) {
  console.error('Dawr: an app did not build; nothing was started.');
  process.exit(1);
}

/**
 * The ticket's QR opens the visitor's phone page, so it must carry an address a phone on the branch network can
 * reach: the machine's LAN address unless DAWR_PUBLIC_URL says otherwise (production sets it; see README).
 */
const lan = lanAddress();
const publicUrl = process.env.DAWR_PUBLIC_URL || `http://${lan ?? '127.0.0.1'}:${serverPort}`;

console.log('  starting the hub (PostgreSQL embedded: PGlite)…');
const hub = await launchHub({ dataDir: path.join(dataDir, 'hub'), port: hubPort, host: process.env.DAWR_HOST ?? '0.0.0.0', stdio: 'inherit' }).catch(
  (e: Error) => {
    console.error(`Dawr: ${e.message}`);
    process.exit(1);
  },
);
console.log('  starting the branch server and the kiosk…');
const launched = await launchBranch({
  dataDir,
  serverPort,
  kioskPort,
  host: process.env.DAWR_HOST ?? '0.0.0.0',
  startTime,
  env: {
    DAWR_LOG_LEVEL: process.env.DAWR_LOG_LEVEL ?? 'warn',
    DAWR_PUBLIC_URL: publicUrl,
    DAWR_HUB_URL: `http://127.0.0.1:${hubPort}`,
    DAWR_HUB_TOKEN: demoSyncToken('seef-mall'),
  },
  stdio: 'inherit',
}).catch(async (e: Error) => {
  console.error(`Dawr: ${e.message}`);
  await hub.stop();
  process.exit(1);
});
const central = DEMO_HUB_STAFF.find((s) => s.role === 'central')!;

const qrNote = process.env.DAWR_PUBLIC_URL
  ? `ticket QRs open ${publicUrl}/t/… (DAWR_PUBLIC_URL)`
  : lan
    ? `ticket QRs open ${publicUrl}/t/… — this machine's LAN address, so a phone on the same network can follow its ticket`
    : `no LAN address found: ticket QRs open ${publicUrl}/t/…, which only this machine can open (set DAWR_PUBLIC_URL)`;

console.log(`
Dawr demo branch: Seef Mall — data in ${dataDir}
${startTime ? `Outside opening hours (08:00–14:00 Bahrain): the branch clock starts at ${startTime}.\n` : ''}
Demo appointments today (type the CPR at the kiosk): 850101001 on time, 850101002 too early,
850101003 late (joins the walk-in queue), 850101004 on time. Printed tickets: ${path.join(dataDir, 'printed')}/
(PNG and ESC/POS bytes; no printer configured). Phone page: ${qrNote}.
Demo device tokens (never use them on a real branch): kiosk ${token('kiosk')}, display ${token('display')}, counter ${token('counter')}
Press Ctrl-C to stop. The pages:

  Kiosk            ${launched.kioskUrl}/            (English: ${launched.kioskUrl}/?lang=en)
  Wall display     ${launched.serverUrl}/display/?token=${token('display')}   (English: add &lang=en)
  Counter (staff)  ${launched.serverUrl}/counter/    sign in: ${DEMO_STAFF.map((s) => `${s.username} / ${s.password}`).join(', ')}
  Counter (PC)     ${launched.serverUrl}/counter/?token=${token('counter')}
  REST API         ${launched.serverUrl}/api/openapi.json
  Health           ${launched.serverUrl}/healthz
  Hub: national    ${hub.url}/central/    sign in: ${central.username} / ${central.password} (the branch syncs with it)`);

let stopping = false;
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping the demo branch…');
    void Promise.all([launched.stop(), hub.stop()]).then(() => process.exit(0));
  });
}
