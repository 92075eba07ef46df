/**
 * Public holidays edited at the centre close the branch: a real hub (PGlite) and a real branch server syncing with
 * it. A holiday added at the hub for the branch's today reaches the branch through its down log, is stored there,
 * and a walk-in is refused with BRANCH_HOLIDAY (both languages) while the kiosk's snapshot shows the branch closed;
 * removing the holiday at the hub opens the branch again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_MESSAGES, localDay, type BranchSnapshot } from '@dawr/core';
import { createHub, type Hub } from '@dawr/hub';
import { freePort } from '../../scripts/launch';
import { connect, startBranch, type Client } from '../helpers/branch';

const BRANCH = 'seef-mall';

describe('public holidays from the centre at the branch', () => {
  let hub: Hub;
  let branch: Awaited<ReturnType<typeof startBranch>>;
  let kiosk: Client;
  /** Every snapshot the kiosk was sent, newest last. */
  const snapshots: BranchSnapshot[] = [];

  beforeAll(async () => {
    const hubPort = await freePort();
    hub = await createHub({ database: { dir: null }, port: hubPort, host: '127.0.0.1' });
    await hub.listen();
    const token = await hub.store.issueBranchCredential(BRANCH, Date.now());
    // The branch clock starts inside opening hours (OPEN_TIME), whatever the real time: only the holiday closes it.
    branch = await startBranch({ DAWR_HUB_URL: `http://127.0.0.1:${hubPort}`, DAWR_HUB_TOKEN: token, DAWR_BRANCH_ID: BRANCH });
    kiosk = await connect(branch.url, 'demo-kiosk-token');
    kiosk.on('branch:snapshot:v1', (s) => snapshots.push(s));
    snapshots.push(await kiosk.firstSnapshot);
  });
  afterAll(async () => {
    kiosk?.close();
    await branch?.stop();
    await hub?.close();
  });

  /** Waits (bounded) for a snapshot pushed to the kiosk that satisfies `check`. */
  async function snapshotWhere(check: (s: BranchSnapshot) => boolean, limitMs = 15_000): Promise<BranchSnapshot> {
    const end = Date.now() + limitMs;
    for (;;) {
      const hit = snapshots.findLast(check);
      if (hit) return hit;
      if (Date.now() > end) throw new Error(`no such snapshot; last: ${JSON.stringify({ open: snapshots.at(-1)?.open, holidays: snapshots.at(-1)?.holidays })}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  const walkIn = () => kiosk.emitWithAck('ticket:issue:v1', { serviceId: `${BRANCH}.renewal` });

  it('refuses a walk-in on a holiday the centre added for today, and takes it again once the holiday is removed', async () => {
    const today = localDay(branch.server.clock(), 'Asia/Bahrain');
    expect(snapshots[0]).toMatchObject({ open: true, holidays: [] });
    expect(await walkIn()).toMatchObject({ ok: true });

    await hub.store.editCatalogue(BRANCH, (c) => ({ ...c, holidays: [...c.holidays, today, '2099-01-01'].sort() }), Date.now());
    const closed = await snapshotWhere((s) => s.holidays.includes(today));
    expect(closed).toMatchObject({ open: false, holidays: [today, '2099-01-01'] });
    expect(branch.server.store.config.listHolidays(BRANCH)).toEqual([today, '2099-01-01']);
    const refused = await walkIn();
    expect(refused).toMatchObject({ ok: false, code: 'BRANCH_HOLIDAY', msgs: ERROR_MESSAGES.BRANCH_HOLIDAY });
    // An appointment's check-in is refused the same way: the branch is closed all day.
    expect(await kiosk.emitWithAck('appointment:checkIn:v1', { cpr: '850101001' })).toMatchObject({ ok: false, code: 'BRANCH_HOLIDAY' });

    await hub.store.editCatalogue(BRANCH, (c) => ({ ...c, holidays: c.holidays.filter((d) => d !== today) }), Date.now());
    const reopened = await snapshotWhere((s) => !s.holidays.includes(today) && s.holidays.includes('2099-01-01'));
    expect(reopened.open).toBe(true);
    expect(branch.server.store.config.listHolidays(BRANCH)).toEqual(['2099-01-01']);
    expect(await walkIn()).toMatchObject({ ok: true });
  });
});
