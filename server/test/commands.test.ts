import { describe, expect, it } from 'vitest';
import type { CallNotice } from '@dawr/core';
import { connect } from '../../test/helpers/branch';
import { branchWith } from '../../test/helpers/branch-devices';

const at = branchWith({ kiosk: 'en', display: 'en', counter: 'ar' });

const NEW_CARD = 'seef-mall.new-card';
const COUNTER_1 = 'seef-mall.counter-1';

/** The ticket the first call took. */
let firstCalled = '';

/** Rows in every table a command could change: a refused command must leave all of them as they were. */
function tableCounts(): Record<string, number> {
  return at.branch.server.store.census.rowCounts();
}

describe('handshake', () => {
  it('refuses an unknown token and a missing one', async () => {
    await expect(connect(at.branch.url, 'not-a-token')).rejects.toThrow('UNAUTHENTICATED');
    await expect(connect(at.branch.url, '')).rejects.toThrow('UNAUTHENTICATED');
  });

  it('sends a snapshot with the branch, its services and counters on connect', async () => {
    const s = await connect(at.branch.url, 'demo-display-token');
    const snapshot = await s.firstSnapshot;
    s.close();
    expect(snapshot).toMatchObject({ branch: { id: 'seef-mall' }, open: true });
    expect(snapshot.services.map((x) => x.code)).toEqual([
      'new-card',
      'renewal',
      'replacement',
      'collection',
      'birth-certificate',
    ]);
    expect(snapshot.counters).toHaveLength(5);
  });
});

describe('issue and call', () => {
  it('issues numbered tickets and pushes the call to displays after commit', async () => {
    const a = await at.kiosk.emitWithAck('ticket:issue:v1', { serviceId: NEW_CARD });
    const b = await at.kiosk.emitWithAck('ticket:issue:v1', { serviceId: NEW_CARD, priority: null });
    expect(a).toMatchObject({ ok: true, ticket: { number: 'A-001', state: 'waiting', position: 1 } });
    expect(b).toMatchObject({ ok: true, ticket: { number: 'A-002', position: 2 } });

    const seen = new Promise<CallNotice>((resolve) => at.display.once('ticket:called:v2', resolve));
    const called = await at.counter.emitWithAck('counter:callNext:v1', { counterId: COUNTER_1 });
    expect(called).toMatchObject({ ok: true, ticket: { number: 'A-001', state: 'called', counterNumber: 1 } });
    const call = await seen;
    expect(call).toMatchObject({ number: 'A-001', counterNumber: 1, recall: false });
    // The pushed version is a committed outbox row holding the called ticket.
    const row = at.branch.server.store.outbox.after(call.version - 1, 1)[0];
    expect(row).toMatchObject({ seq: call.version, type: 'ticket.called' });
    expect(at.branch.server.store.tickets.get(call.ticketId)?.state).toBe('called');
    firstCalled = call.ticketId;
  });

  it('finishes the previous ticket when the counter calls the next', async () => {
    const r = await at.counter.emitWithAck('counter:callNext:v1', { counterId: COUNTER_1 });
    expect(r).toMatchObject({ ok: true, ticket: { number: 'A-002' } });
    const first = at.branch.server.store.tickets.get(firstCalled);
    expect(first).toMatchObject({ number: 'A-001', state: 'done', outcome: 'served' });
  });

  it('answers null when nobody waits', async () => {
    const r = await at.counter.emitWithAck('counter:callNext:v1', { counterId: 'seef-mall.counter-2' });
    expect(r).toEqual({ ok: true, ticket: null });
  });
});

describe('idempotent issuing', () => {
  it('a kiosk retrying with the same request id gets the same ticket, never a second one', async () => {
    const input = { serviceId: 'seef-mall.replacement', requestId: 'kiosk-1-req-0001' };
    const first = await at.kiosk.emitWithAck('ticket:issue:v1', input);
    const retry = await at.kiosk.emitWithAck('ticket:issue:v1', input);
    expect(first).toMatchObject({ ok: true, ticket: { number: 'C-001' } });
    expect(retry).toEqual(first);
    expect(at.branch.server.store.census.ticketNumbers().filter((n) => n.startsWith('C-')).length).toBe(1);
  });
});

describe('refused commands change nothing and keep the server up', () => {
  const cases: [string, () => Promise<unknown>, string][] = [
    ['unknown service', () => at.kiosk.emitWithAck('ticket:issue:v1', { serviceId: 'nope' }), 'UNKNOWN_SERVICE'],
    ['missing field', () => at.kiosk.emitWithAck('ticket:issue:v1', {} as never), 'BAD_REQUEST'],
    ['wrong type', () => at.kiosk.emitWithAck('ticket:issue:v1', { serviceId: 42 } as never), 'BAD_REQUEST'],
    ['extra field', () => at.kiosk.emitWithAck('ticket:issue:v1', { serviceId: NEW_CARD, x: 1 } as never), 'BAD_REQUEST'],
    ['bad priority', () => at.kiosk.emitWithAck('ticket:issue:v1', { serviceId: NEW_CARD, priority: 'vip' } as never), 'BAD_REQUEST'],
    ['display calling', () => at.display.emitWithAck('counter:callNext:v1', { counterId: COUNTER_1 }), 'FORBIDDEN'],
    ['display issuing', () => at.display.emitWithAck('ticket:issue:v1', { serviceId: NEW_CARD }), 'FORBIDDEN'],
    ['kiosk calling', () => at.kiosk.emitWithAck('counter:callNext:v1', { counterId: COUNTER_1 }), 'FORBIDDEN'],
    ['unknown counter', () => at.counter.emitWithAck('counter:callNext:v1', { counterId: 'nope' }), 'UNKNOWN_COUNTER'],
    ['null payload', () => at.counter.emitWithAck('counter:callNext:v1', null as never), 'BAD_REQUEST'],
  ];
  for (const [name, send, code] of cases) {
    it(`${name} → ${code}`, async () => {
      const before = tableCounts();
      const r = (await send()) as { ok: boolean; code: string; msg: string; msgs: { ar: string; en: string } };
      expect(r).toMatchObject({ ok: false, code });
      expect(r.msgs.ar).toMatch(/[\u0600-\u06FF]/);
      expect(r.msgs.en).toMatch(/[a-z]/);
      expect(tableCounts()).toEqual(before);
    });
  }

  it('answers in the language of the handshake', async () => {
    const r = await at.counter.emitWithAck('counter:callNext:v1', { counterId: 'nope' });
    expect(r.ok === false && r.msg).toBe('هذا الكاونتر غير موجود في هذا الفرع.');
  });

  it('still serves after all of that', async () => {
    const r = await at.kiosk.emitWithAck('ticket:issue:v1', { serviceId: 'seef-mall.renewal' });
    expect(r).toMatchObject({ ok: true, ticket: { number: 'B-001' } });
  });
});
