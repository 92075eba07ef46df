/**
 * A card ready for collection at the branch (real server, kiosk and counter sockets): the centre's card.ready change
 * is stored; a collection ticket issued for that CPR is linked to the card and the clerk sees its reference; serving
 * it marks the card collected and puts card.collected in the outbox (before the ticket's own event), once. Another
 * CPR, another service, or a ticket that ends unserved collects nothing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { seedCatalogue, type CardPickup, type DownChange } from '@dawr/core';
import { makeDownApplier, makeLogger } from '@dawr/server';
import { connect, OPEN_TIME, startBranch, type Client } from '../../test/helpers/branch';

const BRANCH = 'seef-mall';
const COUNTER = `${BRANCH}.counter-1`;
const READY_AT = Date.parse(OPEN_TIME) - 86_400_000;
const card = (over: Partial<CardPickup> = {}): CardPickup => ({
  id: '019b2000-0000-7000-8000-0000000c0001', reference: 'K7M2QXD4R', branchId: BRANCH, cpr: '850505005', name: 'Fatima Ali Hasan', status: 'ready', readyAt: READY_AT, ...over,
});

let branch: Awaited<ReturnType<typeof startBranch>> | undefined;
const sockets: Client[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  await branch?.stop();
  branch = undefined;
});

async function setUp() {
  branch = await startBranch();
  let seq = 0;
  const apply = makeDownApplier(branch.server.store, BRANCH, { catalogueChanged: () => undefined }, makeLogger('silent'));
  const down = (type: string, payload: unknown) => apply({ seq: ++seq, type, typeVersion: 1, payload, createdAt: READY_AT } satisfies DownChange);
  down('catalogue.changed', { version: 2, catalogue: seedCatalogue(BRANCH) });
  const [kiosk, counter] = await Promise.all([connect(branch.url, 'demo-kiosk-token'), connect(branch.url, 'demo-counter-token')]);
  sockets.push(kiosk, counter);
  const issue = async (cpr: string, service = 'collection') => {
    const r = await kiosk.emitWithAck('ticket:issue:v1', { serviceId: `${BRANCH}.${service}`, visitor: { cpr, nameEn: 'Visitor' } });
    if (!r.ok) throw new Error(r.code);
    return r.ticket.id;
  };
  const serve = async (ticketId: string, outcome = 'served') => {
    expect(await counter.emitWithAck('counter:callTicket:v1', { ticketId, counterId: COUNTER })).toMatchObject({ ok: true });
    expect(await counter.emitWithAck('ticket:start:v1', { ticketId, counterId: COUNTER })).toMatchObject({ ok: true });
    expect(await counter.emitWithAck('ticket:finish:v1', { ticketId, counterId: COUNTER, outcome })).toMatchObject({ ok: true });
  };
  const staffView = async (ticketId: string) => {
    const r = await counter.emitWithAck('queue:list:v1', {});
    if (!r.ok) throw new Error(r.code);
    return r.tickets.find((t) => t.id === ticketId);
  };
  return { down, issue, serve, staffView, store: branch.server.store };
}

describe('card collection at the branch', () => {
  it('links the collection ticket to the ready card, shows it to the clerk, and reports it collected when served', async () => {
    const { down, issue, serve, staffView, store } = await setUp();
    down('card.ready', { pickup: card() });
    down('card.ready', { pickup: card() }); // applied twice: harmless
    const other = await issue('790202002');
    const renewal = await issue('850505005', 'renewal');
    const ticket = await issue('850505005');
    expect(store.pickups.get(card().id)).toMatchObject({ status: 'ready', ticketId: ticket });
    expect((await staffView(ticket))?.card).toEqual({ reference: 'K7M2QXD4R', readyAt: READY_AT, status: 'ready' });
    expect((await staffView(other))?.card).toBeUndefined();
    expect((await staffView(renewal))?.card).toBeUndefined();

    const before = store.outbox.latestSeq();
    await serve(other);
    await serve(ticket);
    const rows = store.outbox.after(before, 100).map((r) => [r.type, r.entityId]);
    expect(rows.filter(([type]) => type === 'card.collected')).toEqual([['card.collected', card().id]]);
    const i = rows.findIndex(([type]) => type === 'card.collected');
    expect(rows[i + 1]).toEqual(['ticket.ended', ticket]);
    expect(store.outbox.after(before, 100).find((r) => r.type === 'card.collected')!.payload).toEqual({ applicationId: card().id, ticketId: ticket });
    expect(store.pickups.get(card().id)).toMatchObject({ status: 'collected' });
    // The centre sending the card again (a replay) does not make it ready again.
    down('card.ready', { pickup: card() });
    expect(store.pickups.get(card().id)?.status).toBe('collected');
    expect(store.pickups.readyFor(BRANCH, '850505005')).toBeUndefined();
  });

  it('collects nothing when the ticket ends unserved; a later ticket for the same CPR takes the card over', async () => {
    const { down, issue, serve, store } = await setUp();
    down('card.ready', { pickup: card() });
    const first = await issue('850505005');
    const before = store.outbox.latestSeq();
    await serve(first, 'incomplete_documents');
    expect(store.pickups.get(card().id)).toMatchObject({ status: 'ready', ticketId: first });
    const second = await issue('850505005');
    await serve(second);
    expect(store.pickups.get(card().id)).toMatchObject({ status: 'collected', ticketId: second });
    expect(store.outbox.after(before, 100).filter((r) => r.type === 'card.collected')).toHaveLength(1);
  });

  it("refuses another branch's card", async () => {
    const { down, store } = await setUp();
    expect(() => down('card.ready', { pickup: card({ branchId: 'isa-town' }) })).toThrow(/another branch's card/);
    expect(store.pickups.get(card().id)).toBeUndefined();
  });
});
