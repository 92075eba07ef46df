/**
 * Which branches `npm start` runs, and where: the default is the Seef Mall branch alone; `--all-branches` (or
 * DAWR_DEMO_BRANCHES=all, or a comma-separated list of branch ids) runs several on this one machine, each with
 * its own SQLite folder and ports, all syncing with the demo hub.
 */
import path from 'node:path';
import { SEED_BRANCH_IDS, seedCatalogue } from '@dawr/core';

/** One branch of the demo: its id and name, ports and data folder. */
export interface DemoBranch {
  id: string;
  name: string;
  serverPort: number;
  kioskPort: number;
  dataDir: string;
}

export const DEMO_USAGE = `Usage: npm start [-- --all-branches]
  (no option)       the hub, the Seef Mall branch and its kiosk
  --all-branches    the hub and all four branches (${SEED_BRANCH_IDS.join(', ')}), each with its own data and ports
  DAWR_DEMO_BRANCHES=all or a list such as seef-mall,muharraq does the same as the option`;

/** How far apart the branches' ports are: branch n (0 first) uses DAWR_PORT + 10n and DAWR_KIOSK_PORT + 10n. */
export const PORT_STEP = 10;

export interface DemoPlanInput {
  args: readonly string[];
  env: NodeJS.ProcessEnv;
  /** DAWR_DATA_DIR: the first branch's folder (as in the single-branch demo); the others' are below it. */
  dataDir: string;
  serverPort: number;
  kioskPort: number;
}

/**
 * The branches to run, first the one the single-branch demo runs (it keeps its ports and ./data, so its tickets
 * and sync state carry over), then the others in the seed's order in `<data>/branches/<id>`. Throws a message
 * with the usage for an unknown option or branch.
 */
export function demoBranches(o: DemoPlanInput): DemoBranch[] {
  const unknown = o.args.filter((a) => a !== '--all-branches');
  if (unknown.length) throw new Error(`unknown option ${unknown.join(' ')}\n${DEMO_USAGE}`);
  const first = o.env.DAWR_BRANCH_ID || 'seef-mall';
  const asked = o.args.includes('--all-branches') ? 'all' : (o.env.DAWR_DEMO_BRANCHES ?? '').trim();
  const ids = !asked ? [first] : asked === 'all' ? [...SEED_BRANCH_IDS] : asked.split(',').map((s) => s.trim()).filter(Boolean);
  const wrong = ids.filter((id) => !SEED_BRANCH_IDS.includes(id));
  if (wrong.length) throw new Error(`no demo branch ${wrong.join(', ')}: choose among ${SEED_BRANCH_IDS.join(', ')}\n${DEMO_USAGE}`);
  if (!SEED_BRANCH_IDS.includes(first)) throw new Error(`DAWR_BRANCH_ID=${first} is not a demo branch: choose among ${SEED_BRANCH_IDS.join(', ')}`);
  const ordered = [...new Set(ids)].sort((a, b) => rank(a, first) - rank(b, first));
  return ordered.map((id, n) => ({
    id,
    name: seedCatalogue(id).branch.name.en,
    serverPort: o.serverPort + PORT_STEP * n,
    kioskPort: o.kioskPort + PORT_STEP * n,
    dataDir: n === 0 ? o.dataDir : path.join(o.dataDir, 'branches', id),
  }));
}

function rank(id: string, first: string): number {
  return id === first ? -1 : SEED_BRANCH_IDS.indexOf(id);
}

/** The pages of one running branch, as the demo prints them (indented by `pad`). */
export function branchPages(b: { serverUrl: string; kioskUrl: string }, tokens: { display: string; counter: string }, staffLogins: string, pad = '  '): string {
  return [
    `${pad}Kiosk            ${b.kioskUrl}/            (English: ${b.kioskUrl}/?lang=en)`,
    `${pad}Wall display     ${b.serverUrl}/display/?token=${tokens.display}   (English: add &lang=en)`,
    `${pad}Counter (staff)  ${b.serverUrl}/counter/    sign in: ${staffLogins}`,
    `${pad}Counter (PC)     ${b.serverUrl}/counter/?token=${tokens.counter}`,
    `${pad}REST API         ${b.serverUrl}/api/openapi.json`,
    `${pad}Health           ${b.serverUrl}/healthz`,
  ].join('\n');
}
