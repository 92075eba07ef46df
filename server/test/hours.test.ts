import { afterAll, beforeAll, expect, it } from 'vitest';
import { connect, startBranch, type Client } from '../../test/helpers/branch';

let branch: Awaited<ReturnType<typeof startBranch>>;
let kiosk: Client;

beforeAll(async () => {
  // 15:00 Bahrain time: after the 14:00 closing.
  branch = await startBranch({ DAWR_START_TIME: '2026-11-24T15:00:00+03:00' });
  kiosk = await connect(branch.url, 'demo-kiosk-token', 'ar');
});
afterAll(async () => {
  kiosk.close();
  await branch.stop();
});

it('refuses to issue outside opening hours, in the kiosk language, and writes nothing', async () => {
  const r = await kiosk.emitWithAck('ticket:issue:v1', { serviceId: 'seef-mall.new-card' });
  expect(r).toMatchObject({ ok: false, code: 'BRANCH_CLOSED', msg: expect.stringContaining('08:00') });
  expect(branch.server.store.census.rowCounts().tickets).toBe(0);
});
