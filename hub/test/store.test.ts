/**
 * The hub store on both engines — PGlite in memory and a real PostgreSQL (a throwaway cluster) — with the same
 * tests: sync up exactly once (in order, out of order, replays, epochs, unknown events), the down log per branch,
 * and, on PostgreSQL, two connection pools (as two hub processes) applying at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYNC_SCHEMA_VERSION, type UpBatch, type UpEvent } from '@dawr/core';
import { HubStore } from '../src/store/index';
import { startPostgres, type TestPostgres } from '../../test/helpers/postgres';

const DAY = '2026-12-06';
const T0 = Date.parse('2026-12-06T09:00:00+03:00');

/** The outbox of a branch day: each ticket issued, called, started and ended, as the branch writes them. */
function dayOfEvents(tickets: number, firstSeq = 1): UpEvent[] {
  const events: UpEvent[] = [];
  let seq = firstSeq;
  for (let i = 0; i < tickets; i++) {
    const id = `0190-ticket-${String(i).padStart(5, '0')}`;
    const base = { id, branchId: 'seef-mall', serviceId: 'svc-renewal', day: DAY, seq: i + 1, number: `B-${String(i + 1).padStart(3, '0')}`,
      priority: null, appointmentId: null, slotAt: null, arrivedAt: T0 + i * 1000, outcome: null };
    const steps: [string, Record<string, unknown>][] = [
      ['issued', { state: 'waiting', counterId: null, calledAt: null, startedAt: null, endedAt: null }],
      ['called', { state: 'called', counterId: 'c1', calledAt: T0 + i * 1000 + 60_000, startedAt: null, endedAt: null }],
      ['started', { state: 'serving', counterId: 'c1', calledAt: T0 + i * 1000 + 60_000, startedAt: T0 + i * 1000 + 90_000, endedAt: null }],
      ['ended', { state: 'done', counterId: 'c1', calledAt: T0 + i * 1000 + 60_000, startedAt: T0 + i * 1000 + 90_000,
        endedAt: T0 + i * 1000 + 300_000, outcome: 'served' }],
    ];
    for (const [type, state] of steps) {
      events.push({ seq: seq++, type: `ticket.${type}`, typeVersion: 1, entityId: id, payload: { ticket: { ...base, ...state }, deviceId: 'k1' }, createdAt: T0 });
    }
  }
  return events;
}

function batch(events: UpEvent[], o: Partial<UpBatch> = {}): UpBatch {
  return { schema: SYNC_SCHEMA_VERSION, branchId: 'seef-mall', epoch: 'epoch-a', epochStartSeq: 0, sentAt: T0, events, ...o };
}

function suite(name: string, open: () => Promise<HubStore>, extra?: (get: () => HubStore) => void) {
  describe(`hub store on ${name}`, () => {
    let store: HubStore;
    beforeAll(async () => {
      store = await open();
    }, 120_000);
    afterAll(async () => {
      await store?.close();
    });

    it('applies a day in order exactly once and projects every ticket in its last state', async () => {
      const events = dayOfEvents(50);
      for (let i = 0; i < events.length; i += 37) {
        const ack = await store.applyUp(batch(events.slice(i, i + 37)), T0);
        expect(ack.ackedSeq).toBe(Math.min(i + 37, events.length));
        expect(ack.waitingFor).toBeNull();
      }
      const replay = await store.applyUp(batch(events.slice(0, 100)), T0);
      expect(replay.ackedSeq).toBe(200);
      expect(await store.eventCounts('seef-mall')).toEqual({ total: 200, unknown: 0 });
      const tickets = await store.tickets('seef-mall', DAY);
      expect(tickets).toHaveLength(50);
      expect(new Set(tickets.map((t) => t.state))).toEqual(new Set(['done']));
      expect(tickets[7]).toMatchObject({ number: 'B-008', counterId: 'c1', outcome: 'served', endedAt: T0 + 7000 + 300_000 });
    });

    it('waits for a gap, then acknowledges past it once it arrives, with the latest state projected', async () => {
      const events = dayOfEvents(10, 1);
      const b = { epoch: 'epoch-gap' };
      const late = await store.applyUp(batch(events.slice(20), b), T0);
      expect(late).toMatchObject({ ackedSeq: 0, waitingFor: 1 });
      const middle = await store.applyUp(batch(events.slice(5, 20), b), T0);
      expect(middle).toMatchObject({ ackedSeq: 0, waitingFor: 1 });
      const first = await store.applyUp(batch(events.slice(0, 5), b), T0);
      expect(first).toMatchObject({ ackedSeq: 40, waitingFor: null });
    });

    it('keeps each epoch apart: a restored database continues from its own start without clashing', async () => {
      const restored = dayOfEvents(3, 101).map((e) => ({ ...e, entityId: `r-${e.entityId}` }));
      const ack = await store.applyUp(batch(restored, { epoch: 'epoch-restored', epochStartSeq: 100 }), T0);
      expect(ack).toMatchObject({ epoch: 'epoch-restored', ackedSeq: 112, waitingFor: null });
      const cursors = await store.cursors('seef-mall');
      expect(cursors.find((c) => c.epoch === 'epoch-a')?.ackedSeq).toBe(200);
      expect(cursors.find((c) => c.epoch === 'epoch-restored')?.ackedSeq).toBe(112);
    });

    it('refuses a replay whose content differs (a restored database reusing its seqs), changing nothing', async () => {
      const events = dayOfEvents(2, 1);
      const o = { branchId: 'muharraq', epoch: 'epoch-reuse' };
      await store.applyUp(batch(events, o), T0);
      const other = events.map((e) => ({ ...e, entityId: `other-${e.entityId}` }));
      await expect(store.applyUp(batch(other, o), T0)).rejects.toThrow(/another change/);
      expect(await store.eventCounts('muharraq')).toEqual({ total: 8, unknown: 0 });
    });

    it('stores and flags events it cannot read, and does not let them block the cursor', async () => {
      const b = { branchId: 'isa-town', epoch: 'epoch-u' };
      const events: UpEvent[] = [
        { seq: 1, type: 'ticket.teleported', typeVersion: 1, entityId: 'x', payload: { a: 1 }, createdAt: T0 },
        { seq: 2, type: 'ticket.issued', typeVersion: 9, entityId: 'y', payload: {}, createdAt: T0 },
        ...dayOfEvents(1, 3).map((e) => ({ ...e, payload: { ticket: { ...(e.payload as { ticket: object }).ticket, id: 'isa-1', branchId: 'isa-town' } } })),
      ];
      expect(await store.applyUp(batch(events, b), T0)).toMatchObject({ ackedSeq: 6 });
      expect(await store.eventCounts('isa-town')).toEqual({ total: 6, unknown: 2 });
      expect(await store.tickets('isa-town', DAY)).toHaveLength(1);
    });

    it('starts from the seed catalogue: which branch offers which service, each sent down once', async () => {
      const all = await store.catalogues();
      const services = Object.fromEntries(all.map((c) => [c.catalogue.branch.id, c.catalogue.services.map((s) => s.code)]));
      expect(Object.keys(services).sort()).toEqual(['isa-town', 'muharraq', 'salman-port', 'seef-mall']);
      for (const b of ['salman-port', 'seef-mall', 'isa-town']) expect(services[b]).toContain('renewal');
      expect(services['muharraq']).toEqual(['birth-certificate']);
      expect(services['seef-mall']).toContain('birth-certificate');
      expect(services['salman-port']).not.toContain('birth-certificate');
      const first = await store.pullDown('isa-town', 0);
      expect(first.map((c) => [c.seq, c.type])).toEqual([[1, 'catalogue.changed']]);
    });

    it('sends a catalogue edit down with its new version, in the same transaction', async () => {
      const edited = await store.editCatalogue('isa-town', (c) => ({ ...c, holidays: [...c.holidays, '2026-12-16'] }), T0);
      expect(edited.version).toBe(2);
      const changes = await store.pullDown('isa-town', 1);
      expect(changes).toEqual([expect.objectContaining({ seq: 2, type: 'catalogue.changed', payload: { version: 2, catalogue: edited.catalogue } })]);
      await expect(store.editCatalogue('isa-town', () => { throw new Error('refused'); }, T0)).rejects.toThrow('refused');
      expect(await store.pullDown('isa-town', 2)).toEqual([]);
    });

    it('numbers each branch its own down log, and serves each branch only its own changes', async () => {
      const base = (await store.pullDown('muharraq', 0)).length;
      for (let i = 0; i < 3; i++) await store.queueDown('muharraq', 'appointment.created', 1, { i }, T0);
      await store.queueDown('salman-port', 'appointment.created', 1, { i: 'other' }, T0);
      const all = await store.pullDown('muharraq', base);
      expect(all.map((c) => c.seq)).toEqual([base + 1, base + 2, base + 3]);
      expect(all.map((c) => c.payload)).toEqual([{ i: 0 }, { i: 1 }, { i: 2 }]);
      expect((await store.pullDown('muharraq', base + 2)).map((c) => c.seq)).toEqual([base + 3]);
      const other = await store.pullDown('salman-port', 0);
      expect(other.at(-1)).toEqual(expect.objectContaining({ payload: { i: 'other' } }));
      expect(other.every((c) => c.type !== 'appointment.created' || (c.payload as { i: unknown }).i === 'other')).toBe(true);
    });

    extra?.(() => store);
  });
}

suite('PGlite (embedded, in memory)', () => HubStore.open({ dir: null }, T0));

let pg: TestPostgres | undefined;
afterAll(() => pg?.stop());

suite(
  'PostgreSQL (a throwaway cluster)',
  async () => {
    pg = await startPostgres();
    return HubStore.open({ url: pg.createDatabase('hub_store') }, T0);
  },
  () => {
    it('two hub processes (two pools) applying the same batches at once, in different orders: exactly once', async () => {
      const url = pg!.createDatabase('hub_two');
      const [a, b] = await Promise.all([HubStore.open({ url }, T0), HubStore.open({ url }, T0)]);
      try {
        const events = dayOfEvents(100);
        const chunks = Array.from({ length: 20 }, (_, i) => events.slice(i * 20, i * 20 + 20));
        const o = { branchId: 'salman-port', epoch: 'epoch-two' };
        await Promise.all([
          Promise.all(chunks.map((c) => a.applyUp(batch(c, o), T0))),
          Promise.all([...chunks].reverse().map((c) => b.applyUp(batch(c, o), T0))),
        ]);
        const final = await a.applyUp(batch([], o), T0);
        expect(final.ackedSeq).toBe(400);
        expect(await b.eventCounts('salman-port')).toEqual({ total: 400, unknown: 0 });
        expect((await a.tickets('salman-port', DAY)).every((t) => t.state === 'done')).toBe(true);
        const downs = await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 ? a : b).queueDown('salman-port', 'x', 1, { i }, T0)));
        // After the seed catalogue's entry (seq 1): 2…31, each once, none skipped.
        expect([...downs].sort((x, y) => x - y)).toEqual(Array.from({ length: 30 }, (_, i) => i + 2));
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
    });

    it('one person booking at two hub processes at once: one booking, one seat, one down-log entry (each booking one statement)', async () => {
      const url = pg!.createDatabase('hub_book_two');
      const [a, b] = await Promise.all([HubStore.open({ url }, T0), HubStore.open({ url }, T0)]);
      try {
        const slot = Date.parse('2026-12-09T09:00:00+03:00');
        const applicant = { cpr: '880101001', name: 'Fatima Ali', mobile: '36001234', email: 'f@example.bh', nationality: 'BH', birthDate: '1985-01-01', cardExpiry: '2027-01-15' };
        const answers = await Promise.all(
          Array.from({ length: 8 }, (_, i) =>
            (i % 2 ? a : b).bookings
              .create({ branchId: 'seef-mall', serviceId: 'seef-mall.renewal', slotAt: slot + (i % 4) * 600_000, lang: 'en', applicant }, T0)
              .then(() => 'ok', (e: { code?: string }) => e.code ?? String(e)),
          ),
        );
        expect(answers.filter((x) => x === 'ok')).toHaveLength(1);
        expect(answers.filter((x) => x !== 'ok').every((x) => x === 'ALREADY_BOOKED')).toBe(true);
        expect(await a.bookings.census()).toEqual({ bookings: 1, seats: 1, doubleBooked: 0 });
        expect((await b.pullDown('seef-mall', 0)).filter((c) => c.type === 'appointment.created')).toHaveLength(1);
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
    });
  },
);
