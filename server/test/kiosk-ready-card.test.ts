/**
 * The kiosk asks whether a card is ready here for the visitor's CPR (card:ready:v1, real server and sockets): the
 * centre's card.ready gives its reference and time (no name, no CPR); another CPR, or the card once collected,
 * gives none; a malformed CPR is refused, and a wall display may not ask. card:ready:v2 also answers the card the
 * centre is still making for collection here (card.pending: submitted, in production), until its card.ready, or
 * until card.withdrawn (the citizen cancelled or chose another pickup).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { seedCatalogue, type CardPickup, type DownChange, type PendingCard } from '@dawr/core';
import { makeDownApplier, makeLogger } from '@dawr/server';
import { connect, OPEN_TIME, startBranch, type Client } from '../../test/helpers/branch';

const BRANCH = 'seef-mall';
const COUNTER = `${BRANCH}.counter-1`;
const READY_AT = Date.parse(OPEN_TIME) - 86_400_000;
const CPR = '850505005';
const CARD: CardPickup = { id: '019b2000-0000-7000-8000-0000000c0002', reference: 'K7M2QXD4R', branchId: BRANCH, cpr: CPR, name: 'Fatima Ali Hasan', status: 'ready', readyAt: READY_AT };

let branch: Awaited<ReturnType<typeof startBranch>> | undefined;
const sockets: Client[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  await branch?.stop();
  branch = undefined;
});

describe('card:ready:v1', () => {
  it("answers the card waiting here for the CPR, and nothing once it is collected or for someone else's CPR", async () => {
    branch = await startBranch();
    const apply = makeDownApplier(branch.server.store, BRANCH, { catalogueChanged: () => undefined }, makeLogger('silent'));
    const down = (seq: number, type: string, payload: unknown) => apply({ seq, type, typeVersion: 1, payload, createdAt: READY_AT } satisfies DownChange);
    down(1, 'catalogue.changed', { version: 2, catalogue: seedCatalogue(BRANCH) });
    const [kiosk, counter, display] = await Promise.all([
      connect(branch.url, 'demo-kiosk-token'),
      connect(branch.url, 'demo-counter-token'),
      connect(branch.url, 'demo-display-token'),
    ]);
    sockets.push(kiosk, counter, display);

    expect(await kiosk.emitWithAck('card:ready:v1', { cpr: CPR })).toEqual({ ok: true, card: null });
    down(2, 'card.ready', { pickup: CARD });
    expect(await kiosk.emitWithAck('card:ready:v1', { cpr: CPR })).toEqual({ ok: true, card: { reference: 'K7M2QXD4R', readyAt: READY_AT } });
    expect(await kiosk.emitWithAck('card:ready:v1', { cpr: '790202002' })).toEqual({ ok: true, card: null });
    expect(await kiosk.emitWithAck('card:ready:v1', { cpr: '85050500' })).toMatchObject({ ok: false, code: 'BAD_REQUEST' });
    expect(await display.emitWithAck('card:ready:v1', { cpr: CPR })).toMatchObject({ ok: false, code: 'FORBIDDEN' });

    // Collected: the kiosk no longer offers it.
    const issued = await kiosk.emitWithAck('ticket:issue:v1', { serviceId: `${BRANCH}.collection`, visitor: { cpr: CPR } });
    if (!issued.ok) throw new Error(issued.code);
    const ticketId = issued.ticket.id;
    for (const step of ['counter:callTicket:v1', 'ticket:start:v1'] as const) {
      expect(await counter.emitWithAck(step, { ticketId, counterId: COUNTER })).toMatchObject({ ok: true });
    }
    expect(await counter.emitWithAck('ticket:finish:v1', { ticketId, counterId: COUNTER, outcome: 'served' })).toMatchObject({ ok: true });
    expect(await kiosk.emitWithAck('card:ready:v1', { cpr: CPR })).toEqual({ ok: true, card: null });
  });
});

describe('card:ready:v2', () => {
  it('answers the card still being made here for the CPR until it is ready; old v1 and other CPRs see none', async () => {
    branch = await startBranch();
    const apply = makeDownApplier(branch.server.store, BRANCH, { catalogueChanged: () => undefined }, makeLogger('silent'));
    const down = (seq: number, type: string, payload: unknown) => apply({ seq, type, typeVersion: 1, payload, createdAt: READY_AT } satisfies DownChange);
    down(1, 'catalogue.changed', { version: 2, catalogue: seedCatalogue(BRANCH) });
    const [kiosk, display] = await Promise.all([connect(branch.url, 'demo-kiosk-token'), connect(branch.url, 'demo-display-token')]);
    sockets.push(kiosk, display);
    const pending = (status: PendingCard['status'], at: number): PendingCard => ({ id: CARD.id, reference: CARD.reference, branchId: BRANCH, cpr: CPR, status, at });

    expect(await kiosk.emitWithAck('card:ready:v2', { cpr: CPR })).toEqual({ ok: true, card: null, pending: null });
    down(2, 'card.pending', { card: pending('submitted', READY_AT - 2) });
    down(3, 'card.pending', { card: pending('in_production', READY_AT - 1) });
    expect(await kiosk.emitWithAck('card:ready:v2', { cpr: CPR })).toEqual({ ok: true, card: null, pending: { reference: 'K7M2QXD4R' } });
    expect(branch.server.store.pickups.pendingFor(BRANCH, CPR)).toEqual(pending('in_production', READY_AT - 1));
    expect(await kiosk.emitWithAck('card:ready:v1', { cpr: CPR })).toEqual({ ok: true, card: null });
    expect(await kiosk.emitWithAck('card:ready:v2', { cpr: '790202002' })).toEqual({ ok: true, card: null, pending: null });
    expect(await kiosk.emitWithAck('card:ready:v2', { cpr: '8505050051' })).toMatchObject({ ok: false, code: 'BAD_REQUEST' });
    expect(await display.emitWithAck('card:ready:v2', { cpr: CPR })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    // Another branch's pending card is refused (the change stays unapplied), not stored.
    expect(() => down(4, 'card.pending', { card: { ...pending('submitted', READY_AT), id: 'x', branchId: 'isa-town' } })).toThrow(/another branch/);

    // The citizen chose another pickup (or cancelled): withdrawn, the kiosk no longer says it is being made here.
    expect(() => down(4, 'card.withdrawn', { card: { id: CARD.id, branchId: 'isa-town' } })).toThrow(/another branch/);
    down(4, 'card.withdrawn', { card: { id: CARD.id, branchId: BRANCH } });
    expect(await kiosk.emitWithAck('card:ready:v2', { cpr: CPR })).toEqual({ ok: true, card: null, pending: null });
    // ...then chose this branch again: pending here again.
    down(5, 'card.pending', { card: pending('in_production', READY_AT) });
    expect(branch.server.store.pickups.pendingFor(BRANCH, CPR)).toEqual(pending('in_production', READY_AT));

    // Ready: the pending copy (and its CPR) is gone; a late pending change does not bring it back.
    down(6, 'card.ready', { pickup: CARD });
    expect(await kiosk.emitWithAck('card:ready:v2', { cpr: CPR })).toEqual({ ok: true, card: { reference: 'K7M2QXD4R', readyAt: READY_AT }, pending: null });
    down(7, 'card.pending', { card: pending('in_production', READY_AT + 1) });
    expect(branch.server.store.pickups.pendingFor(BRANCH, CPR)).toBeUndefined();
    expect(branch.server.store.sync.unknownDown()).toEqual([]);
  });
});
