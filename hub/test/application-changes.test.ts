/**
 * The citizen's own changes at the centre (PGlite): another pickup until the card is ready, a cancel until production
 * starts; each with its history row, and the down changes that keep the branches right (card.withdrawn to the branch
 * it no longer comes to, card.pending to the new one). Someone else's application is not found; a cancelled one lets
 * the citizen apply again.
 */
import { describe, expect, it } from 'vitest';
import type { DownChange } from '@dawr/core';
import { useRenewalStore } from './renewal-store';

const NOW = Date.parse('2026-12-07T09:00:00+03:00');
const citizen = (cpr: string) => ({ cpr, name: 'Fatima Ali Hasan', birthDate: '1985-05-05', nationality: 'BH' });
const BRANCHES = ['isa-town', 'seef-mall', 'salman-port'];

describe("the citizen's changes to an application", () => {
  const ctx = useRenewalStore(NOW);

  /** Each branch's down changes since `since` (a count per branch from the last call). */
  async function downSince(since: Record<string, number>): Promise<Record<string, DownChange[]>> {
    const out: Record<string, DownChange[]> = {};
    for (const b of BRANCHES) out[b] = (await ctx.hub.pullDown(b, 0)).slice(since[b] ?? 0);
    return out;
  }
  const counts = async () => Object.fromEntries(await Promise.all(BRANCHES.map(async (b) => [b, (await ctx.hub.pullDown(b, 0)).length] as const)));

  it('moves the pickup to another branch while the card is made: withdrawn at the old one, pending at the new', async () => {
    const a = await ctx.store.applications.submit({ citizen: citizen('850505005'), pickup: { kind: 'branch', branchId: 'isa-town' }, email: null, mobile: '36000005', lang: 'en' }, NOW);
    await ctx.store.applications.move(a.id, 'in_production', 'staff:c1', NOW + 1);
    const before = await counts();
    const moved = await ctx.store.applications.changePickup(a.id, '850505005', { kind: 'branch', branchId: 'seef-mall' }, NOW + 2);
    expect(moved).toMatchObject({ status: 'in_production', pickup: { kind: 'branch', branchId: 'seef-mall' }, updatedAt: NOW + 2 });
    const down = await downSince(before);
    expect(down['isa-town']!.map((c) => [c.type, c.payload])).toEqual([['card.withdrawn', { card: { id: a.id, branchId: 'isa-town' } }]]);
    expect(down['seef-mall']!.map((c) => [c.type, c.payload])).toEqual([
      ['card.pending', { card: { id: a.id, reference: a.reference, branchId: 'seef-mall', cpr: '850505005', status: 'in_production', at: NOW + 2 } }],
    ]);
    expect(down['salman-port']).toEqual([]);

    // By post: the branch is told it no longer comes; the address is on the application.
    const mid = await counts();
    const posted = await ctx.store.applications.changePickup(a.id, '850505005', { kind: 'post', address: 'Road 1, Block 2, Manama' }, NOW + 3);
    expect(posted.pickup).toEqual({ kind: 'post', address: 'Road 1, Block 2, Manama' });
    const after = await downSince(mid);
    expect(after['seef-mall']!.map((c) => c.type)).toEqual(['card.withdrawn']);
    expect(after['isa-town']).toEqual([]);
    expect((await ctx.store.applications.history(a.id)).map((h) => [h.status, h.actor, h.detail])).toEqual([
      ['submitted', 'citizen', null],
      ['in_production', 'staff:c1', null],
      ['in_production', 'citizen', 'pickup:branch:seef-mall'],
      ['in_production', 'citizen', 'pickup:post'],
    ]);
    // A posted card has left the centre: too late to change.
    await ctx.store.applications.move(a.id, 'posted', 'staff:c1', NOW + 4);
    await expect(ctx.store.applications.changePickup(a.id, '850505005', { kind: 'branch', branchId: 'isa-town' }, NOW + 5)).rejects.toMatchObject({ code: 'TOO_LATE_TO_CHANGE' });
  });

  it('refuses a branch that does not hand cards over, a card already ready, and someone else’s application', async () => {
    const a = await ctx.store.applications.submit({ citizen: citizen('790202002'), pickup: { kind: 'branch', branchId: 'isa-town' }, email: null, mobile: '39000002', lang: 'ar' }, NOW);
    const before = await counts();
    await expect(ctx.store.applications.changePickup(a.id, '790202002', { kind: 'branch', branchId: 'muharraq' }, NOW + 1)).rejects.toMatchObject({ code: 'NOT_HANDOVER_BRANCH' });
    await expect(ctx.store.applications.changePickup(a.id, '850505005', { kind: 'branch', branchId: 'seef-mall' }, NOW + 1)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(ctx.store.applications.cancel(a.id, '850505005', NOW + 1)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(ctx.store.applications.cancel('019b0000-0000-7000-8000-000000000000', '790202002', NOW + 1)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await counts()).toEqual(before);
    expect((await ctx.store.applications.get(a.id))!.pickup).toEqual({ kind: 'branch', branchId: 'isa-town' });

    await ctx.store.applications.move(a.id, 'in_production', 'staff:c1', NOW + 2);
    await ctx.store.applications.move(a.id, 'ready', 'staff:c1', NOW + 3);
    await expect(ctx.store.applications.changePickup(a.id, '790202002', { kind: 'branch', branchId: 'seef-mall' }, NOW + 4)).rejects.toMatchObject({ code: 'TOO_LATE_TO_CHANGE' });
    expect((await ctx.store.applications.get(a.id))!.pickup).toEqual({ kind: 'branch', branchId: 'isa-town' });
  });

  it('cancels before production (withdrawn at the branch), lets the citizen apply again, and refuses once production started', async () => {
    const a = await ctx.store.applications.submit({ citizen: citizen('880808008'), pickup: { kind: 'branch', branchId: 'salman-port' }, email: null, mobile: '36000008', lang: 'en' }, NOW);
    const before = await counts();
    const cancelled = await ctx.store.applications.cancel(a.id, '880808008', NOW + 1);
    expect(cancelled.status).toBe('cancelled');
    expect((await downSince(before))['salman-port']!.map((c) => [c.type, c.payload])).toEqual([['card.withdrawn', { card: { id: a.id, branchId: 'salman-port' } }]]);
    expect((await ctx.store.applications.history(a.id)).map((h) => [h.status, h.actor])).toEqual([['submitted', 'citizen'], ['cancelled', 'citizen']]);
    // Closed: staff cannot move it, the citizen cannot cancel it twice, and may apply again.
    await expect(ctx.store.applications.move(a.id, 'in_production', 'staff:c1', NOW + 2)).rejects.toMatchObject({ code: 'BAD_MOVE' });
    await expect(ctx.store.applications.cancel(a.id, '880808008', NOW + 2)).rejects.toMatchObject({ code: 'TOO_LATE_TO_CANCEL' });
    const again = await ctx.store.applications.submit({ citizen: citizen('880808008'), pickup: { kind: 'post', address: 'Road 7, Riffa' }, email: null, mobile: '36000008', lang: 'en' }, NOW + 3);
    expect(again.status).toBe('submitted');
    expect((await ctx.store.applications.list('cancelled')).map((x) => x.id)).toEqual([a.id]);

    await ctx.store.applications.move(again.id, 'in_production', 'staff:c1', NOW + 4);
    await expect(ctx.store.applications.cancel(again.id, '880808008', NOW + 5)).rejects.toMatchObject({ code: 'TOO_LATE_TO_CANCEL' });
    expect((await ctx.store.applications.get(again.id))!.status).toBe('in_production');
  });

  it('takes one of a cancel and a staff move that race, never both', async () => {
    const a = await ctx.store.applications.submit({ citizen: citizen('770707007'), pickup: { kind: 'branch', branchId: 'isa-town' }, email: null, mobile: '36000007', lang: 'en' }, NOW);
    const [cancel, move] = await Promise.allSettled([
      ctx.store.applications.cancel(a.id, '770707007', NOW + 1),
      ctx.store.applications.move(a.id, 'in_production', 'staff:c1', NOW + 1),
    ]);
    const final = (await ctx.store.applications.get(a.id))!.status;
    expect([cancel.status, move.status].filter((s) => s === 'fulfilled')).toHaveLength(1);
    expect(final).toBe(cancel.status === 'fulfilled' ? 'cancelled' : 'in_production');
    expect((await ctx.store.applications.history(a.id)).map((h) => h.status)).toEqual(['submitted', final]);
  });
});
