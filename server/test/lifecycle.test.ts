import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallNotice, PublicTicket } from '@dawr/core';
import { connect, startBranch, type Client } from '../../test/helpers/branch';

let branch: Awaited<ReturnType<typeof startBranch>>;
let kiosk: Client;
let display: Client;
let counter: Client;
let calls: CallNotice[];

const C1 = 'seef-mall.counter-1';
const C2 = 'seef-mall.counter-2';
const C3 = 'seef-mall.counter-3';

beforeEach(async () => {
  branch = await startBranch();
  [kiosk, display, counter] = await Promise.all([
    connect(branch.url, 'demo-kiosk-token'),
    connect(branch.url, 'demo-display-token'),
    connect(branch.url, 'demo-counter-token'),
  ]);
  calls = [];
  display.on('ticket:called:v2', (c) => calls.push(c));
});
afterEach(async () => {
  for (const s of [kiosk, display, counter]) s.close();
  await branch.stop();
});

async function issue(service: string): Promise<PublicTicket> {
  const r = await kiosk.emitWithAck('ticket:issue:v1', { serviceId: `seef-mall.${service}` });
  if (!r.ok) throw new Error(r.code);
  return r.ticket;
}

async function ok<T>(p: Promise<{ ok: true; ticket: T } | { ok: false; code: string }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`refused: ${r.code}`);
  return r.ticket;
}

function events(ticketId: string): string[] {
  return branch.server.store.tickets.eventTypes(ticketId);
}

/** Waits until the display has seen `n` calls (pushes arrive after the ack). */
async function displaySaw(n: number): Promise<CallNotice[]> {
  for (let i = 0; i < 100 && calls.length < n; i++) await new Promise((r) => setTimeout(r, 10));
  return calls;
}

describe('a visit from issue to finish', () => {
  it('call, recall (announced again), start, finish with an outcome', async () => {
    const t = await issue('new-card');
    await ok(counter.emitWithAck('counter:callNext:v1', { counterId: C1 }));
    await ok(counter.emitWithAck('ticket:recall:v1', { counterId: C1, ticketId: t.id }));
    expect((await displaySaw(2)).map((c) => [c.number, c.recall])).toEqual([
      [t.number, false],
      [t.number, true],
    ]);
    expect(await ok(counter.emitWithAck('ticket:start:v1', { counterId: C1, ticketId: t.id }))).toMatchObject({ state: 'serving' });
    const done = await ok(counter.emitWithAck('ticket:finish:v1', { counterId: C1, ticketId: t.id, outcome: 'card_issued' }));
    expect(done.state).toBe('done');
    expect(events(t.id)).toEqual(['issued', 'called', 'recalled', 'started', 'ended']);
    expect(branch.server.store.tickets.get(t.id)?.outcome).toBe('card_issued');
  });

  it('no-show ends a called ticket; it is not called again', async () => {
    const t = await issue('renewal');
    await ok(counter.emitWithAck('counter:callNext:v1', { counterId: C1 }));
    expect(await ok(counter.emitWithAck('ticket:noShow:v1', { counterId: C1, ticketId: t.id }))).toMatchObject({ state: 'no_show' });
    expect(await counter.emitWithAck('counter:callNext:v1', { counterId: C1 })).toEqual({ ok: true, ticket: null });
  });
});

describe('transfer, park and out-of-order calls', () => {
  it('transfers to another service keeping the arrival time, reserved for a chosen counter', async () => {
    const t = await issue('renewal');
    await ok(counter.emitWithAck('counter:callNext:v1', { counterId: C1 }));
    await ok(counter.emitWithAck('ticket:start:v1', { counterId: C1, ticketId: t.id }));
    const moved = await ok(
      counter.emitWithAck('ticket:transfer:v1', {
        counterId: C1,
        ticketId: t.id,
        toServiceId: 'seef-mall.collection',
        toCounterId: C3,
        keepArrival: true,
      }),
    );
    expect(moved).toMatchObject({ state: 'waiting', serviceId: 'seef-mall.collection', number: t.number, arrivedAt: t.arrivedAt });
    // Reserved for counter 3: counter 2 does not get it, counter 3 does.
    expect(await counter.emitWithAck('counter:callNext:v1', { counterId: C2 })).toEqual({ ok: true, ticket: null });
    expect(await ok(counter.emitWithAck('counter:callNext:v1', { counterId: C3 }))).toMatchObject({ id: t.id, counterNumber: 3 });
    expect(events(t.id)).toEqual(['issued', 'called', 'started', 'transferred', 'called']);
  });

  it('transfer without keeping the arrival queues the visitor behind those already waiting', async () => {
    const first = await issue('renewal');
    await ok(counter.emitWithAck('counter:callNext:v1', { counterId: C1 }));
    const second = await issue('collection');
    const moved = await ok(
      counter.emitWithAck('ticket:transfer:v1', { counterId: C1, ticketId: first.id, toServiceId: 'seef-mall.collection', keepArrival: false }),
    );
    expect(moved.arrivedAt).toBeGreaterThanOrEqual(second.arrivedAt);
    expect(moved.position).toBe(2);
  });

  it('parks a ticket, serves the next, then returns the parked one (announced again)', async () => {
    const a = await issue('new-card');
    const b = await issue('new-card');
    await ok(counter.emitWithAck('counter:callNext:v1', { counterId: C1 }));
    expect(await ok(counter.emitWithAck('ticket:park:v1', { counterId: C1, ticketId: a.id }))).toMatchObject({ state: 'parked' });
    expect(await ok(counter.emitWithAck('counter:callNext:v1', { counterId: C1 }))).toMatchObject({ id: b.id });
    expect(await ok(counter.emitWithAck('ticket:return:v1', { counterId: C1, ticketId: a.id }))).toMatchObject({ state: 'called' });
    expect((await displaySaw(3)).map((c) => c.number)).toEqual([a.number, b.number, a.number]);
    expect(branch.server.store.tickets.get(b.id)?.state).toBe('done');
  });

  it('calls a specific ticket out of order', async () => {
    await issue('new-card');
    const later = await issue('new-card');
    expect(await ok(counter.emitWithAck('counter:callTicket:v1', { counterId: C2, ticketId: later.id }))).toMatchObject({
      id: later.id,
      counterNumber: 2,
    });
  });
});

describe('refusals', () => {
  it('rejects illegal transitions and other counters, changing nothing', async () => {
    const t = await issue('new-card');
    await ok(counter.emitWithAck('counter:callNext:v1', { counterId: C1 }));
    const before = events(t.id);
    expect(await counter.emitWithAck('ticket:finish:v1', { counterId: C1, ticketId: t.id, outcome: 'x' })).toMatchObject({
      ok: false,
      code: 'ILLEGAL_TRANSITION',
    });
    expect(await counter.emitWithAck('ticket:start:v1', { counterId: C2, ticketId: t.id })).toMatchObject({
      ok: false,
      code: 'NOT_AT_THIS_COUNTER',
    });
    expect(await counter.emitWithAck('ticket:recall:v1', { counterId: C1, ticketId: 'nope' })).toMatchObject({
      ok: false,
      code: 'UNKNOWN_TICKET',
    });
    expect(events(t.id)).toEqual(before);
  });

  it('keeps manager commands from counter devices, and counter commands from kiosks', async () => {
    const t = await issue('new-card');
    expect(await counter.emitWithAck('ticket:cancel:v1', { ticketId: t.id })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await counter.emitWithAck('counter:setProfile:v1', { counterId: C1, profile: [] })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await kiosk.emitWithAck('ticket:recall:v1', { counterId: C1, ticketId: t.id })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await display.emitWithAck('queue:list:v1', {})).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });
});

describe('snapshots', () => {
  it('a reconnecting display gets the committed state and version, including recent calls', async () => {
    const t = await issue('new-card');
    await ok(counter.emitWithAck('counter:callNext:v1', { counterId: C1 }));
    const again = await connect(branch.url, 'demo-display-token');
    const snap = await again.firstSnapshot;
    again.close();
    expect(snap.version).toBe(branch.server.store.outbox.latestSeq());
    expect(snap.recentCalls[0]).toMatchObject({ number: t.number, counterNumber: 1 });
    expect(snap.services.find((s) => s.code === 'new-card')?.waiting).toBe(0);
  });
});
