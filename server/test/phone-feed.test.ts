/**
 * The phones' feed looks again only at the tickets that can have moved (written, held back, or in a
 * service whose order or rate changed). Property: whatever happens in the branch, once the quiet time has
 * passed every followed ticket's phones have been told exactly its current view, and no push repeats what
 * its phones were last told.
 */
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { TrackedTicket } from '@dawr/core';
import { Store } from '@dawr/db';
import { QueueService, seedDemoBranch } from '@dawr/server';
import { PLACE_QUIET_MS } from '../src/queue-phones';
import { tempDir } from '../../test/helpers/tmp';

const BRANCH = 'seef-mall';
const SERVICES = ['new-card', 'renewal', 'collection'].map((s) => `${BRANCH}.${s}`);
const COUNTERS = [1, 2, 3].map((n) => `${BRANCH}.counter-${n}`);
const tmp = tempDir();
afterAll(() => tmp.cleanup());

const arbOp = fc.oneof(
  fc.record({ kind: fc.constant('issue' as const), service: fc.nat(2), priority: fc.boolean() }),
  fc.record({ kind: fc.constant('callNext' as const), counter: fc.nat(2) }),
  fc.record({ kind: fc.constant('serve' as const), counter: fc.nat(2), minutes: fc.integer({ min: 1, max: 20 }) }),
  fc.record({ kind: fc.constant('transfer' as const), counter: fc.nat(2), service: fc.nat(2) }),
  fc.record({ kind: fc.constant('follow' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('wait' as const), ms: fc.integer({ min: 10, max: 3 * PLACE_QUIET_MS }) }),
);

/** What a phone shows (the version aside, which moves with every change). */
const shown = (s: TrackedTicket) => ({ ...s, version: 0 });

describe('phone feed', () => {
  it('property: after the quiet time every followed ticket has been told its current view, never the same twice', () => {
    let run = 0;
    fc.assert(
      fc.property(fc.array(arbOp, { minLength: 5, maxLength: 40 }), (ops) => {
        let now = Date.parse('2026-11-24T09:00:00+03:00');
        const store = Store.open(path.join(tmp.dir, `feed-${run++}.sqlite`), now);
        seedDemoBranch(store, BRANCH);
        const q = new QueueService(store, BRANCH, () => now);
        const told = new Map<string, TrackedTicket>();
        const issued: string[] = [];
        const atCounter = new Map<string, string>();
        const flush = () => {
          for (const [id, s] of q.phoneUpdates().updates) {
            expect(shown(s), `${id} pushed what it was told`).not.toEqual(shown(told.get(id)!));
            told.set(id, s);
          }
        };
        try {
          for (const op of ops) {
            // A quarter of the quiet time: most moved places are held back, some twice, before they are told.
            now += PLACE_QUIET_MS / 4;
            try {
              if (op.kind === 'issue') {
                const r = q.issue({ serviceId: SERVICES[op.service]!, priority: op.priority ? 'elderly' : undefined }, { deviceId: 'k' });
                issued.push(r.ticket.id);
              } else if (op.kind === 'callNext') {
                // Call next closes what the counter held, whether or not someone is waiting.
                const t = q.callNext(COUNTERS[op.counter]!, { deviceId: 'c' });
                atCounter.delete(COUNTERS[op.counter]!);
                if (t) atCounter.set(COUNTERS[op.counter]!, t.id);
              } else if (op.kind === 'serve') {
                const id = atCounter.get(COUNTERS[op.counter]!);
                if (!id) continue;
                q.act(COUNTERS[op.counter]!, id, { kind: 'start' }, { deviceId: 'c' });
                now += op.minutes * 60_000;
                q.act(COUNTERS[op.counter]!, id, { kind: 'finish', outcome: 'done' }, { deviceId: 'c' });
                atCounter.delete(COUNTERS[op.counter]!);
              } else if (op.kind === 'transfer') {
                const id = atCounter.get(COUNTERS[op.counter]!);
                if (!id) continue;
                q.act(COUNTERS[op.counter]!, id, { kind: 'transfer', toServiceId: SERVICES[op.service]!, keepArrival: true }, { deviceId: 'c' });
                atCounter.delete(COUNTERS[op.counter]!);
              } else if (op.kind === 'follow' && issued.length) {
                const id = issued[op.pick % issued.length]!;
                if (!told.has(id)) told.set(id, q.phoneConnected(id));
              } else if (op.kind === 'wait') now += op.ms;
            } catch (e) {
              if (!(e instanceof Error && 'code' in e)) throw e; // a refused command (domain error) changes nothing
            }
            flush();
          }
          now += PLACE_QUIET_MS;
          flush();
          for (const [id, s] of told) expect(shown(s), id).toEqual(shown(q.tracked(id)));
        } finally {
          store.close();
        }
      }),
      { numRuns: 30 },
    );
  });

  it('a place that moved within the quiet time is told once it is over, with nothing else changing meanwhile', () => {
    let now = Date.parse('2026-11-24T09:00:00+03:00');
    const store = Store.open(path.join(tmp.dir, 'feed-quiet.sqlite'), now);
    try {
      seedDemoBranch(store, BRANCH);
      const q = new QueueService(store, BRANCH, () => now);
      const ids = [0, 1, 2].map(() => {
        now += 1000;
        return q.issue({ serviceId: SERVICES[0]! }, { deviceId: 'k' }).ticket.id;
      });
      expect(q.phoneConnected(ids[2]!).position).toBe(3);
      q.phoneUpdates();
      now += PLACE_QUIET_MS / 4;
      q.callNext(COUNTERS[0]!, { deviceId: 'c' });
      const held = q.phoneUpdates();
      expect(held.updates).toEqual([]);
      expect(held.retryInMs).toBe((PLACE_QUIET_MS * 3) / 4);
      now += held.retryInMs!;
      const told = q.phoneUpdates();
      expect(told.updates.map(([id, s]) => [id, s.position])).toEqual([[ids[2], 2]]);
      expect(told.retryInMs).toBeNull();
      expect(q.phoneUpdates().updates).toEqual([]);
    } finally {
      store.close();
    }
  });
});
