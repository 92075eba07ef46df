import { expect, it } from 'vitest';
import { branchWith } from '../../test/helpers/branch-devices';

// 15:00 Bahrain time: after the 14:00 closing.
const at = branchWith({ kiosk: 'ar' }, { DAWR_START_TIME: '2026-11-24T15:00:00+03:00' });

it('refuses to issue outside opening hours, in the kiosk language, and writes nothing', async () => {
  const r = await at.kiosk.emitWithAck('ticket:issue:v1', { serviceId: 'seef-mall.new-card' });
  expect(r).toMatchObject({ ok: false, code: 'BRANCH_CLOSED', msg: expect.stringContaining('08:00') });
  expect(at.branch.server.store.census.rowCounts().tickets).toBe(0);
});
