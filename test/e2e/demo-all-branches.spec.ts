/**
 * `npm start -- --all-branches` as a user runs it (scripts/demo.ts, real processes): the hub and all four branches,
 * each with its own data folder and ports, every address printed; each branch syncs with the hub — a ticket issued
 * at each branch shows on the national page under that branch in Chromium — and Ctrl-C stops every process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { SEED_BRANCH_IDS } from '@dawr/core';
import { DEMO_HUB_STAFF } from '@dawr/hub';
import { assertPortFree, ROOT } from '../../scripts/launch';
import { PORT_STEP } from '../../scripts/demo-branches';
import { tempDir } from '../helpers/tmp';
import { CentralPage } from './pages/central-admin-page';

// Nine processes (hub, four branch servers, four kiosks) on a shared two-core machine.
test.describe.configure({ timeout: 240_000 });

const central = DEMO_HUB_STAFF.find((s) => s.role === 'central')!;
/** A service each branch offers (birth certificates only at Muharraq among the card-less ones). */
const SERVICE: Record<string, string> = { 'seef-mall': 'renewal', 'salman-port': 'renewal', 'isa-town': 'renewal', muharraq: 'birth-certificate' };

/** A base port with every port the demo will take free: branch n at base + 10n (server) and + 1 (kiosk), hub at base + 50. */
async function freeBase(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20_000 + 100 * Math.floor(Math.random() * 300);
    const ports = [base + 50, ...SEED_BRANCH_IDS.flatMap((_, n) => [base + PORT_STEP * n, base + PORT_STEP * n + 1])];
    const free = await Promise.all(ports.map((p) => assertPortFree(p).then(() => true, () => false)));
    if (free.every(Boolean)) return base;
  }
  throw new Error('no free block of ports');
}

function stopGroup(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    process.kill(-child.pid!, 'SIGINT'); // Ctrl-C reaches the whole process group, as in a terminal
  });
}

/** Whether any process of the group is still alive. */
function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

test('npm start -- --all-branches runs four branches syncing with one hub, and Ctrl-C stops them all', async ({ page }) => {
  const tmp = tempDir('dawr-e2e-demo-');
  const base = await freeBase();
  const env = { ...process.env, DAWR_PORT: String(base), DAWR_KIOSK_PORT: String(base + 1), DAWR_HUB_PORT: String(base + 50), DAWR_DATA_DIR: tmp.dir };
  const demo = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/demo.ts'), '--all-branches'], {
    cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  demo.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  demo.stderr!.on('data', (b: Buffer) => (out += b.toString()));
  try {
    await expect.poll(() => out, { timeout: 180_000 }).toMatch(/^ {2}Hub: national .*$/m);
    const hubUrl = `http://127.0.0.1:${base + 50}`;
    const branches = SEED_BRANCH_IDS.map((id) => {
      const block = new RegExp(`\\(${id}\\) — data in (\\S+)\\n {4}Kiosk +(\\S+)/ [^\\n]*\\n {4}Wall display +(http://[^/]+)/`).exec(out);
      if (!block) throw new Error(`the demo printed no pages for ${id}:\n${out}`);
      return { id, dataDir: block[1]!, kioskUrl: block[2]!, serverUrl: block[3]! };
    });
    // Each its own ports and its own SQLite folder.
    expect(new Set(branches.map((b) => b.serverUrl)).size).toBe(4);
    expect(new Set(branches.map((b) => b.kioskUrl)).size).toBe(4);
    for (const b of branches) expect(existsSync(path.join(b.dataDir, 'branch.sqlite'))).toBe(true);
    expect(out).toContain(`${hubUrl}/central/admin`);

    const national = new CentralPage(page, hubUrl);
    await national.open('en', '/');
    await national.signIn(central.username, central.password, 'en');
    for (const b of branches) {
      await expect(page.getByTestId(`branch-${b.id}`).getByTestId('today')).toHaveText('0');
      expect((await (await fetch(`${b.kioskUrl}/`)).status)).toBe(200);
      const res = await fetch(`${b.serverUrl}/api/v1/tickets`, {
        method: 'POST',
        headers: { authorization: 'Bearer demo-kiosk-token', 'content-type': 'application/json' },
        body: JSON.stringify({ serviceId: `${b.id}.${SERVICE[b.id]}` }),
      });
      expect(res.status).toBe(200);
    }
    // Every branch's ticket reaches the hub under that branch.
    for (const b of branches) await expect(page.getByTestId(`branch-${b.id}`).getByTestId('today')).toHaveText('1');
    for (const b of branches) {
      const health = (await (await fetch(`${b.serverUrl}/healthz`)).json()) as { branch: string; sync: { connected: boolean } };
      expect(health).toMatchObject({ branch: b.id, sync: { connected: true } });
    }
  } finally {
    await stopGroup(demo);
    await expect.poll(() => groupAlive(demo.pid!), { timeout: 20_000 }).toBe(false);
    tmp.cleanup();
  }
});
