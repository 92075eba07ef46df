/**
 * `npm start`: the demo branch (Seef Mall) on this machine — branch server, kiosk, display and counter — with
 * data in ./data, and the central hub it syncs with. `npm start -- --all-branches` runs all four branches instead,
 * each with its own data folder and ports (see demo-branches.ts). Builds only the apps that changed, says one line
 * per step, and ends with every page and login (the last thing on screen); Ctrl-C stops everything.
 */
import { localParts } from '@dawr/core';
import { DEMO_DEVICES, DEMO_STAFF } from '@dawr/server';
import path from 'node:path';
import { buildApps } from './build-apps';
import { DEMO_HUB_STAFF, demoSyncToken } from '@dawr/hub';
import { branchPages, demoBranches, PORT_STEP, type DemoBranch } from './demo-branches';
import { startOutside } from '../test/emulators/outside';
import { assertPortFree, launchBranch, launchHub, ROOT, type Launched } from './launch';
import { lanAddress } from './lan';

const serverPort = Number(process.env.DAWR_PORT ?? 3000);
const kioskPort = Number(process.env.DAWR_KIOSK_PORT ?? 3001);
const hubPort = Number(process.env.DAWR_HUB_PORT ?? 4000);
const dataDir = path.resolve(process.env.DAWR_DATA_DIR ?? path.join(ROOT, 'data'));

let branches: DemoBranch[];
try {
  branches = demoBranches({ args: process.argv.slice(2), env: process.env, dataDir, serverPort, kioskPort });
} catch (e) {
  console.error(`Dawr: ${(e as Error).message}`);
  process.exit(2);
}
const several = branches.length > 1;

/**
 * Real opening hours are 08:00–14:00 Bahrain time and the server enforces them. So that the demo can be
 * tried at any hour, outside those hours its branch clock starts at 09:00 Bahrain time today.
 */
function demoStartTime(): string | null {
  if (process.env.DAWR_START_TIME) return process.env.DAWR_START_TIME;
  const { day, minutes } = localParts(Date.now(), 'Asia/Bahrain');
  return minutes >= 8 * 60 && minutes < 14 * 60 ? null : `${day}T09:00:00+03:00`;
}

const ports: [number, string, string][] = [[hubPort, 'hub', 'DAWR_HUB_PORT']];
branches.forEach((b, n) => {
  const shift = n === 0 ? '' : ` + ${PORT_STEP * n}`;
  ports.push([b.serverPort, `${b.name} branch server`, `DAWR_PORT${shift}`], [b.kioskPort, `${b.name} kiosk`, `DAWR_KIOSK_PORT${shift}`]);
});
for (const [port, name, variable] of ports) {
  try {
    await assertPortFree(port);
  } catch {
    const base = variable.split(' ')[0];
    console.error(`Dawr: port ${port} (the ${name}, ${variable}) is already in use. Stop what uses it, or choose another: ${base}=<port> npm start`);
    process.exit(1);
  }
}

const startTime = demoStartTime();
const token = (role: string) => DEMO_DEVICES.find((d) => d.role === role)!.token;

console.log(several ? `Dawr demo: ${branches.length} branches (${branches.map((b) => b.name).join(', ')})` : `Dawr demo branch (${branches[0]!.name})`);
if (!(await buildApps())) {
  console.error('Dawr: an app did not build; nothing was started.');
  process.exit(1);
}

/**
 * The ticket's QR opens the visitor's phone page, so it must carry an address a phone on the branch network can
 * reach: the machine's LAN address unless DAWR_PUBLIC_URL says otherwise (production sets it; see README). With
 * several branches DAWR_PUBLIC_URL is the first one's; the others use the LAN address with their own ports.
 */
const lan = lanAddress();
const publicUrlOf = (b: DemoBranch, n: number) => (n === 0 && process.env.DAWR_PUBLIC_URL) || `http://${lan ?? '127.0.0.1'}:${b.serverPort}`;
const host = process.env.DAWR_HOST ?? '0.0.0.0';

// Stand-ins for the centre's outside services: the e-key login (OpenID Connect) and the notices' SMTP and SMS.
const outside = await startOutside({ dataDir, hubUrl: `http://127.0.0.1:${hubPort}` });
console.log('  starting the hub (PostgreSQL embedded: PGlite)…');
// The booking portal's "today" is the branches' (their clock starts at 09:00 outside opening hours).
const hubEnv = { ...outside.hubEnv, ...(startTime ? { DAWR_HUB_START_TIME: startTime } : {}) };
const hub = await launchHub({ dataDir: path.join(dataDir, 'hub'), port: hubPort, host, env: hubEnv, stdio: 'inherit' }).catch(async (e: Error) => {
  console.error(`Dawr: ${e.message}`);
  await outside.close();
  process.exit(1);
});
console.log(several ? `  starting ${branches.length} branch servers and their kiosks…` : '  starting the branch server and the kiosk…');
const started = await Promise.allSettled(
  branches.map((b, n) =>
    launchBranch({
      dataDir: b.dataDir,
      serverPort: b.serverPort,
      kioskPort: b.kioskPort,
      host,
      startTime,
      env: {
        DAWR_LOG_LEVEL: process.env.DAWR_LOG_LEVEL ?? 'warn',
        DAWR_BRANCH_ID: b.id,
        DAWR_PUBLIC_URL: publicUrlOf(b, n),
        DAWR_HUB_URL: `http://127.0.0.1:${hubPort}`,
        DAWR_HUB_TOKEN: demoSyncToken(b.id),
        // A week of past days for the reports, written once into a new database and synced to the hub.
        DAWR_DEMO_HISTORY_DAYS: process.env.DAWR_DEMO_HISTORY_DAYS ?? '7',
      },
      stdio: 'inherit',
    }),
  ),
);
const launched = started.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
const failed = started.flatMap((r, n) => (r.status === 'rejected' ? [`${branches[n]!.name}: ${(r.reason as Error).message}`] : []));
if (failed.length) {
  console.error(`Dawr: ${failed.join('\n')}`);
  await Promise.all([...launched.map((l) => l.stop()), hub.stop(), outside.close()]);
  process.exit(1);
}
const central = DEMO_HUB_STAFF.find((s) => s.role === 'central')!;
const hubAdmin = DEMO_HUB_STAFF.find((s) => s.role === 'admin')!;
const tokens = { display: token('display'), counter: token('counter') };
const staffLogins = DEMO_STAFF.map((s) => `${s.username} / ${s.password}`).join(', ');

const first = publicUrlOf(branches[0]!, 0);
const qrNote = process.env.DAWR_PUBLIC_URL
  ? `ticket QRs open ${first}/t/… (DAWR_PUBLIC_URL)`
  : lan
    ? `ticket QRs open ${first}/t/… — this machine's LAN address, so a phone on the same network can follow its ticket`
    : `no LAN address found: ticket QRs open ${first}/t/…, which only this machine can open (set DAWR_PUBLIC_URL)`;

const pages = several
  ? branches.map((b, n) => `  ${b.name} (${b.id}) — data in ${b.dataDir}\n${branchPages(launched[n]!, tokens, 'see below', '    ')}`).join('\n')
  : branchPages(launched[0]!, tokens, staffLogins);

console.log(`
${several ? `Dawr demo: ${branches.map((b) => b.name).join(', ')}, each syncing with the hub` : `Dawr demo branch: ${branches[0]!.name} — data in ${dataDir}`}
${startTime ? `Outside opening hours (08:00–14:00 Bahrain): the branch clock starts at ${startTime}.\n` : ''}
Demo appointments today (type the CPR at the kiosk): 850101001 on time, 850101002 too early,
850101003 late (joins the walk-in queue), 850101004 on time${several ? ' (at each branch that offers their service)' : ''}. Printed tickets: ${path.join(dataDir, 'printed')}/
(PNG and ESC/POS bytes; no printer configured${several ? "; each branch's in its own data folder" : ''}). Phone page: ${qrNote}.
Demo device tokens (never use them on a real branch): kiosk ${token('kiosk')}, display ${tokens.display}, counter ${tokens.counter}
Press Ctrl-C to stop. The pages:

${pages}${several ? `\n  Counter sign-in at every branch: ${staffLogins}` : ''}
  Booking portal   ${hub.url}/portal/    (English: ?lang=en) book online, then check in at the kiosk with the QR
  Hub: admin       ${hub.url}/central/admin    sign in: ${hubAdmin.username} / ${hubAdmin.password} (catalogue and appointments)
  Hub: national    ${hub.url}/central/    sign in: ${central.username} / ${central.password} (${several ? 'every branch syncs' : 'the branch syncs'} with it)
  Online renewal   ${hub.url}/api/portal/v1/renewal/login?return=/portal/renew/    e-key (stand-in, ${outside.issuer}):
                   ${outside.citizens.map((c) => c.cpr).join(', ')}, password ${outside.citizens[0]!.password}; notices kept in ${outside.mailDir}/ and ${outside.smsDir}/`);

let stopping = false;
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    if (stopping) return;
    stopping = true;
    console.log(several ? '\nStopping the demo branches…' : '\nStopping the demo branch…');
    void Promise.all([...launched.map((l: Launched) => l.stop()), hub.stop(), outside.close()]).then(() => process.exit(0));
  });
}
