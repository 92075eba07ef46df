/**
 * Queue pushes go to every screen of the branch after every change, so they carry only what moves: each
 * service's count and estimate (a push with names and requirements in two languages was 7 KB per screen
 * per change). The rest comes with the snapshot, pushed again when the catalogue changes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCounts, type BranchSnapshot, type QueueChange } from '@dawr/core';
import { connect, startBranch, type Client } from '../../test/helpers/branch';

let branch: Awaited<ReturnType<typeof startBranch>>;
let kiosk: Client;
let display: Client;

beforeAll(async () => {
  branch = await startBranch();
  [kiosk, display] = await Promise.all([connect(branch.url, 'demo-kiosk-token'), connect(branch.url, 'demo-display-token')]);
});
afterAll(async () => {
  kiosk.close();
  display.close();
  await branch.stop();
});

const nextQueuePush = (c: Client) => new Promise<QueueChange>((resolve) => c.once('queue:changed:v2', resolve));

describe('queue pushes', () => {
  it("carry each active service's count and estimate, which the snapshot's services take on", async () => {
    const snapshot = await display.firstSnapshot;
    const pushed = nextQueuePush(display);
    const r = await kiosk.emitWithAck('ticket:issue:v1', { serviceId: 'seef-mall.renewal' });
    if (!r.ok) throw new Error(r.code);
    const push = await pushed;
    expect(push.services.map((s) => s.id)).toEqual(snapshot.services.map((s) => s.id));
    for (const s of push.services) expect(Object.keys(s).sort()).toEqual(['estimatedWaitMin', 'id', 'waiting']);
    const shown = withCounts(snapshot.services, push.services);
    expect(shown.find((s) => s.id === 'seef-mall.renewal')).toMatchObject({ code: 'renewal', waiting: 1 });
    expect(shown.find((s) => s.id === 'seef-mall.new-card')).toEqual(snapshot.services.find((s) => s.id === 'seef-mall.new-card'));
  });

  it('a catalogue change sends every screen a fresh snapshot', async () => {
    const { store, queue } = branch.server;
    const renewal = store.config.listServices('seef-mall').find((s) => s.id === 'seef-mall.renewal')!;
    const fresh = new Promise<BranchSnapshot>((resolve) => display.once('branch:snapshot:v1', resolve));
    store.config.upsertService({ ...renewal, name: { ar: renewal.name.ar, en: 'Card renewal (new name)' } });
    queue.reloadConfig();
    expect((await fresh).services.find((s) => s.id === renewal.id)?.name.en).toBe('Card renewal (new name)');
  });
});
