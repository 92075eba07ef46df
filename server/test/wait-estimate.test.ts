/**
 * Defect 13: a new branch (no service measured yet) estimated every wait as "not known yet". Until a
 * service is measured its configured typical duration is the estimate's basis.
 */
import { describe, expect, it } from 'vitest';
import { waitWords } from '@dawr/core';
import { branchWith } from '../../test/helpers/branch-devices';

const at = branchWith({ kiosk: 'en' });

describe('estimated wait before any service was measured', () => {
  it("comes from the service's typical duration, and grows with the people ahead", async () => {
    const first = await at.kiosk.emitWithAck('ticket:issue:v1', { serviceId: 'seef-mall.renewal' });
    const second = await at.kiosk.emitWithAck('ticket:issue:v1', { serviceId: 'seef-mall.renewal' });
    if (!first.ok || !second.ok) throw new Error('issue failed');
    expect(first.ticket.position).toBe(1);
    expect(first.ticket.estimatedWaitMin).toEqual(expect.any(Number));
    expect(second.ticket.position).toBe(2);
    expect(second.ticket.estimatedWaitMin).toBeGreaterThan(first.ticket.estimatedWaitMin!);
    // The first reads "you are next", the second in minutes.
    expect(waitWords(first.ticket.position, first.ticket.estimatedWaitMin).key).toBe('wait.next');
    expect(waitWords(second.ticket.position, second.ticket.estimatedWaitMin).key).not.toBe('wait.unknown');
  });

  it('every service the kiosk lists has an estimate', async () => {
    const snap = await at.kiosk.emitWithAck('branch:snapshot:v1', {});
    if (!snap.ok) throw new Error(snap.code);
    for (const s of snap.snapshot.services) expect(s.estimatedWaitMin, s.code).toEqual(expect.any(Number));
  });
});
