/**
 * Queue pushes go to every screen of the branch after every change, so they carry only what moves: each
 * service's count and estimate (a push with names and requirements in two languages was 7 KB per screen
 * per change). The rest comes with the snapshot, pushed again when the catalogue changes. A call brings
 * the displays the counts it left, so the counts push after it goes to the other screens only.
 */
import { describe, expect, it } from 'vitest';
import { withCounts, type BranchSnapshot, type CallPush, type QueueChange } from '@dawr/core';
import type { Client } from '../../test/helpers/branch';
import { branchWith } from '../../test/helpers/branch-devices';

const at = branchWith({ kiosk: 'en', display: 'en', counter: 'en' });

const nextQueuePush = (c: Client) => new Promise<QueueChange>((resolve) => c.once('queue:changed:v2', resolve));

/** The first queue push to `c` whose counts satisfy `ok` (earlier changes' pushes may still be on their way). */
const queuePushWhere = (c: Client, ok: (q: QueueChange) => boolean) =>
  new Promise<QueueChange>((resolve) => {
    const on = (q: QueueChange) => {
      if (!ok(q)) return;
      c.off('queue:changed:v2', on);
      resolve(q);
    };
    c.on('queue:changed:v2', on);
  });
const waitingIn = (q: QueueChange, serviceId: string) => q.services.find((s) => s.id === serviceId)!.waiting;

describe('queue pushes', () => {
  it("carry each active service's count and estimate, which the snapshot's services take on", async () => {
    const snapshot = await at.display.firstSnapshot;
    const pushed = nextQueuePush(at.display);
    const r = await at.kiosk.emitWithAck('ticket:issue:v1', { serviceId: 'seef-mall.renewal' });
    if (!r.ok) throw new Error(r.code);
    const push = await pushed;
    expect(push.services.map((s) => s.id)).toEqual(snapshot.services.map((s) => s.id));
    for (const s of push.services) expect(Object.keys(s).sort()).toEqual(['estimatedWaitMin', 'id', 'waiting']);
    const shown = withCounts(snapshot.services, push.services);
    expect(shown.find((s) => s.id === 'seef-mall.renewal')).toMatchObject({ code: 'renewal', waiting: 1 });
    expect(shown.find((s) => s.id === 'seef-mall.new-card')).toEqual(snapshot.services.find((s) => s.id === 'seef-mall.new-card'));
  });

  it('a call brings the displays its counts; the counts push after it goes to the other screens only', async () => {
    const issued = queuePushWhere(at.counter, (q) => waitingIn(q, 'seef-mall.collection') === 1);
    const t = await at.kiosk.emitWithAck('ticket:issue:v1', { serviceId: 'seef-mall.collection' });
    if (!t.ok) throw new Error(t.code);
    await issued;
    // A round trip on the display's socket: a push sent to it before the answer arrives before it.
    await at.display.emitWithAck('branch:snapshot:v1', {});

    const displayPushes: QueueChange[] = [];
    at.display.on('queue:changed:v2', (q) => displayPushes.push(q));
    const called = new Promise<CallPush>((resolve) => at.display.once('ticket:called:v2', resolve));
    const counterPush = queuePushWhere(at.counter, (q) => waitingIn(q, 'seef-mall.collection') === 0);
    const r = await at.counter.emitWithAck('counter:callTicket:v1', { counterId: 'seef-mall.counter-2', ticketId: t.ticket.id });
    if (!r.ok) throw new Error(r.code);
    const call = await called;
    expect(call).toMatchObject({ ticketId: t.ticket.id, counterNumber: 2 });
    expect(call.services.find((s) => s.id === 'seef-mall.collection')!.waiting).toBe(0);
    expect((await counterPush).services).toEqual(call.services);
    expect(await at.display.emitWithAck('branch:snapshot:v1', {})).toMatchObject({ ok: true });
    expect(displayPushes).toEqual([]);
    at.display.off('queue:changed:v2');
  });

  it('a catalogue change sends every screen a fresh snapshot', async () => {
    const { store, queue } = at.branch.server;
    const renewal = store.config.listServices('seef-mall').find((s) => s.id === 'seef-mall.renewal')!;
    const fresh = new Promise<BranchSnapshot>((resolve) => at.display.once('branch:snapshot:v1', resolve));
    store.config.upsertService({ ...renewal, name: { ar: renewal.name.ar, en: 'Card renewal (new name)' } });
    queue.reloadConfig();
    expect((await fresh).services.find((s) => s.id === renewal.id)?.name.en).toBe('Card renewal (new name)');
  });
});
