/**
 * Card applications at the centre (PGlite): one open application per CPR, pickup only at a branch that hands cards
 * over, staff moves in order; "ready" sends the card down to its branch and queues the citizen's notices in the same
 * transaction; while it is being made (submitted, in production) the branch gets card.pending changes with it; the
 * branch's card.collected event (replayed or not) marks it collected once.
 */
import { describe, expect, it } from 'vitest';
import { SYNC_SCHEMA_VERSION, type CardPickup, type PendingCard } from '@dawr/core';
import { ApplicationRefused } from '@dawr/hub';
import { useRenewalStore } from './renewal-store';

const NOW = Date.parse('2026-12-07T09:00:00+03:00');
const citizen = (cpr: string) => ({ cpr, name: 'Fatima Ali Hasan', birthDate: '1985-05-05', nationality: 'BH' });

describe('card applications at the centre', () => {
  const ctx = useRenewalStore(NOW);

  it('lists as pickup branches only those whose catalogue hands cards over', async () => {
    expect((await ctx.store.applications.handoverBranches()).map((b) => b.id)).toEqual(['isa-town', 'salman-port', 'seef-mall']);
  });

  it('records one open application per CPR, at a branch that hands cards over', async () => {
    const a = await ctx.store.applications.submit({ citizen: citizen('850505005'), pickup: { kind: 'branch', branchId: 'isa-town' }, email: 'f@example.bh', mobile: '36000005', lang: 'ar' }, NOW);
    expect(a).toMatchObject({ status: 'submitted', pickup: { kind: 'branch', branchId: 'isa-town' }, cpr: '850505005' });
    expect(a.reference).toMatch(/^[0-9A-Y]{9}$/);
    const again = ctx.store.applications.submit({ citizen: citizen('850505005'), pickup: { kind: 'post', address: 'Road 1, Manama' }, email: null, mobile: '36000005', lang: 'ar' }, NOW);
    await expect(again).rejects.toMatchObject({ code: 'ALREADY_APPLIED' });
    const muharraq = ctx.store.applications.submit({ citizen: citizen('790202002'), pickup: { kind: 'branch', branchId: 'muharraq' }, email: null, mobile: '39000002', lang: 'en' }, NOW);
    await expect(muharraq).rejects.toBeInstanceOf(ApplicationRefused);
    await expect(muharraq).rejects.toMatchObject({ code: 'NOT_HANDOVER_BRANCH' });
    expect(await ctx.store.applications.of('790202002')).toEqual([]);
  });

  it('tells the pickup branch the card is being made (submitted, in production), with each change; posted cards never', async () => {
    const before = (await ctx.hub.pullDown('isa-town', 0)).length;
    const a = await ctx.store.applications.submit({ citizen: citizen('880808008'), pickup: { kind: 'branch', branchId: 'isa-town' }, email: null, mobile: '36000008', lang: 'en' }, NOW);
    await ctx.store.applications.move(a.id, 'in_production', 'staff:c1', NOW + 1);
    await ctx.store.applications.move(a.id, 'ready', 'staff:c1', NOW + 2);
    const down = (await ctx.hub.pullDown('isa-town', 0)).slice(before);
    expect(down.map((c) => [c.type, c.typeVersion])).toEqual([['card.pending', 1], ['card.pending', 1], ['card.ready', 1]]);
    const base = { id: a.id, reference: a.reference, branchId: 'isa-town', cpr: '880808008' };
    expect(down.slice(0, 2).map((c) => (c.payload as { card: PendingCard }).card)).toEqual([
      { ...base, status: 'submitted', at: NOW },
      { ...base, status: 'in_production', at: NOW + 1 },
    ]);
    // A refused submission sends nothing; a postal one sends nothing to any branch.
    const counts = async () => Promise.all(['isa-town', 'seef-mall', 'salman-port'].map(async (b) => (await ctx.hub.pullDown(b, 0)).length));
    const was = await counts();
    await expect(ctx.store.applications.submit({ citizen: citizen('880808008'), pickup: { kind: 'branch', branchId: 'isa-town' }, email: null, mobile: '36000008', lang: 'en' }, NOW)).rejects.toMatchObject({ code: 'ALREADY_APPLIED' });
    const post = await ctx.store.applications.submit({ citizen: citizen('770707007'), pickup: { kind: 'post', address: 'Road 7, Riffa' }, email: null, mobile: '36000007', lang: 'en' }, NOW);
    await ctx.store.applications.move(post.id, 'in_production', 'staff:c1', NOW + 1);
    expect(await counts()).toEqual(was);
  });

  it('moves in order; ready sends the card down to the branch and queues the notices with it', async () => {
    const [a] = await ctx.store.applications.of('850505005');
    await expect(ctx.store.applications.move(a!.id, 'ready', 'staff:c1', NOW)).rejects.toMatchObject({ code: 'BAD_MOVE' });
    await ctx.store.applications.move(a!.id, 'in_production', 'staff:c1', NOW + 1);
    expect(await ctx.store.notices.list({ applicationId: a!.id })).toEqual([]);
    const before = (await ctx.hub.pullDown('isa-town', 0)).length;
    const ready = await ctx.store.applications.move(a!.id, 'ready', 'staff:c1', NOW + 2);
    expect(ready.status).toBe('ready');
    const down = (await ctx.hub.pullDown('isa-town', 0)).slice(before);
    expect(down.map((c) => c.type)).toEqual(['card.ready']);
    expect((down[0]!.payload as { pickup: CardPickup }).pickup).toEqual({
      id: a!.id, reference: a!.reference, branchId: 'isa-town', cpr: '850505005', name: 'Fatima Ali Hasan', status: 'ready', readyAt: NOW + 2,
    });
    const notices = await ctx.store.notices.list({ applicationId: a!.id });
    expect(notices.map((n) => [n.channel, n.recipient, n.status]).sort()).toEqual([['email', 'f@example.bh', 'pending'], ['sms', '36000005', 'pending']]);
    expect(notices[0]!.body).toContain('فرع مدينة عيسى');
    expect(notices[0]!.body).toContain(`${a!.reference.slice(0, 3)}-`);
    // Only the branch's served ticket collects a card ready at a branch.
    await expect(ctx.store.applications.move(a!.id, 'collected', 'staff:c1', NOW + 3)).rejects.toMatchObject({ code: 'BAD_MOVE' });
  });

  it('marks the card collected when the branch reports it, once, whatever the replays', async () => {
    const [a] = await ctx.store.applications.of('850505005');
    const event = (seq: number, applicationId: string) => ({ seq, type: 'card.collected', typeVersion: 1, entityId: applicationId, createdAt: NOW, payload: { applicationId, ticketId: 't-1' } });
    // Another branch cannot collect a card that waits at Isa Town.
    await ctx.hub.applyUp({ schema: SYNC_SCHEMA_VERSION, branchId: 'seef-mall', epoch: 'e1', epochStartSeq: 0, sentAt: NOW, events: [event(1, a!.id)] }, NOW + 10);
    expect((await ctx.store.applications.get(a!.id))!.status).toBe('ready');
    const batch = { schema: SYNC_SCHEMA_VERSION, branchId: 'isa-town', epoch: 'e1', epochStartSeq: 0, sentAt: NOW, events: [event(1, a!.id)] };
    await ctx.hub.applyUp(batch, NOW + 20);
    await ctx.hub.applyUp(batch, NOW + 30);
    expect((await ctx.store.applications.get(a!.id))!.status).toBe('collected');
    expect((await ctx.store.applications.history(a!.id)).map((h) => [h.status, h.actor])).toEqual([
      ['submitted', 'citizen'], ['in_production', 'staff:c1'], ['ready', 'staff:c1'], ['collected', 'branch:isa-town'],
    ]);
    expect((await ctx.hub.eventCounts('isa-town')).unknown).toBe(0);
    // Collected: the citizen may apply again.
    await ctx.store.applications.submit({ citizen: citizen('850505005'), pickup: { kind: 'post', address: 'Road 1, Manama' }, email: null, mobile: '36000005', lang: 'en' }, NOW + 40);
  });

  it('posts a card for postal pickup (no branch involved) and staff confirm delivery', async () => {
    const [a] = await ctx.store.applications.of('850505005');
    expect(a!.pickup).toEqual({ kind: 'post', address: 'Road 1, Manama' });
    await ctx.store.applications.move(a!.id, 'in_production', 'staff:c1', NOW + 50);
    await expect(ctx.store.applications.move(a!.id, 'ready', 'staff:c1', NOW + 51)).rejects.toMatchObject({ code: 'BAD_MOVE' });
    await ctx.store.applications.move(a!.id, 'posted', 'staff:c1', NOW + 52);
    const sms = await ctx.store.notices.list({ applicationId: a!.id });
    expect(sms.map((n) => n.channel)).toEqual(['sms']);
    expect(sms[0]!.body).toContain('sent to you by post');
    expect((await ctx.store.applications.move(a!.id, 'collected', 'staff:c1', NOW + 53)).status).toBe('collected');
  });
});
