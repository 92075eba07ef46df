/**
 * The hub's sync API over real HTTP (the hub on PGlite in memory): per-branch credentials, a branch confined to
 * its own data, malformed and oversized batches refused with a 4xx that changes nothing (fuzzed), gzip both ways,
 * schema versions, backpressure (429 / 503 with Retry-After), and a reused epoch refused.
 */
import http from 'node:http';
import { gunzipSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYNC_MAX_EVENTS, SYNC_SCHEMA_VERSION, type UpBatch, type UpEvent } from '@dawr/core';
import { createHub, type Hub } from '../src/app';

const T0 = Date.parse('2026-12-06T09:00:00+03:00');
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Record<string, unknown>;
  socket: unknown;
}

function request(port: number, method: string, path: string, o: { token?: string; body?: Buffer | string; headers?: Record<string, string> } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ port, host: '127.0.0.1', method, path, agent, headers: {
      ...(o.token ? { authorization: `Bearer ${o.token}` } : {}),
      ...(o.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...o.headers,
    } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        let raw = Buffer.concat(chunks);
        if (res.headers['content-encoding'] === 'gzip') raw = gunzipSync(raw);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: raw.length ? (JSON.parse(raw.toString()) as Record<string, unknown>) : {}, socket: req.socket });
      });
    });
    req.on('error', reject);
    req.end(o.body);
  });
}

function events(n: number, first = 1, prefix = 't'): UpEvent[] {
  return Array.from({ length: n }, (_, i) => ({
    seq: first + i, type: 'ticket.issued', typeVersion: 1, entityId: `${prefix}-${first + i}`, createdAt: T0,
    payload: { ticket: { id: `${prefix}-${first + i}`, day: '2026-12-06', serviceId: 's', number: `A-${first + i}`, state: 'waiting', arrivedAt: T0 } },
  }));
}

const batch = (branchId: string, evs: UpEvent[], o: Partial<UpBatch> = {}): UpBatch =>
  ({ schema: SYNC_SCHEMA_VERSION, branchId, epoch: 'e1', epochStartSeq: 0, sentAt: T0, events: evs, ...o });

describe('hub sync API', () => {
  let hub: Hub;
  let port: number;
  let seef: string;
  let isa: string;

  beforeAll(async () => {
    hub = await createHub({ database: { dir: null }, port: 0, host: '127.0.0.1', sync: { perBranchPerMinute: 10_000 } });
    port = await hub.listen();
    seef = await hub.store.issueBranchCredential('seef-mall', T0);
    isa = await hub.store.issueBranchCredential('isa-town', T0);
  }, 60_000);
  afterAll(async () => {
    agent.destroy();
    await hub?.close();
  });

  it('refuses a missing or wrong credential', async () => {
    expect((await request(port, 'GET', '/sync/v1/down')).status).toBe(401);
    expect((await request(port, 'GET', '/sync/v1/down', { token: `seef-mall.${'x'.repeat(43)}` })).status).toBe(401);
    expect((await request(port, 'GET', '/sync/v1/down', { token: seef.replace('seef-mall', 'isa-town') })).status).toBe(401);
  });

  it('applies a branch batch and answers the contiguous ack; another branch cannot push for it', async () => {
    const ok = await request(port, 'POST', '/sync/v1/up', { token: seef, body: JSON.stringify(batch('seef-mall', events(5))) });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ ok: true, epoch: 'e1', ackedSeq: 5, waitingFor: null });
    const forged = await request(port, 'POST', '/sync/v1/up', { token: isa, body: JSON.stringify(batch('seef-mall', events(3, 6))) });
    expect(forged).toMatchObject({ status: 403, body: { ok: false, code: 'WRONG_BRANCH' } });
    expect(await hub.store.eventCounts('seef-mall')).toEqual({ total: 5, unknown: 0 });
  });

  it('serves each branch only its own down log', async () => {
    await hub.store.queueDown('isa-town', 'appointment.created', 1, { secret: 'isa only' }, T0);
    const mine = await request(port, 'GET', '/sync/v1/down?after=0', { token: seef });
    expect(mine.status).toBe(200);
    const types = (mine.body.changes as { type: string; payload: unknown }[]).map((c) => c.type);
    expect(types).toEqual(['catalogue.changed']);
    const theirs = await request(port, 'GET', '/sync/v1/down?after=0', { token: isa });
    expect((theirs.body.changes as { payload: unknown }[]).at(-1)?.payload).toEqual({ secret: 'isa only' });
    expect((await request(port, 'GET', '/sync/v1/down?after=-1', { token: seef })).status).toBe(400);
  });

  it('takes gzip bodies and answers gzip to a caller that accepts it', async () => {
    const body = gzipSync(JSON.stringify(batch('seef-mall', events(100, 6))));
    const r = await request(port, 'POST', '/sync/v1/up', { token: seef, body, headers: { 'content-encoding': 'gzip' } });
    expect(r.body).toMatchObject({ ok: true, ackedSeq: 105 });
    const down = await request(port, 'GET', '/sync/v1/down?after=0', { token: seef, headers: { 'accept-encoding': 'gzip' } });
    expect(down.headers['content-encoding']).toBe('gzip');
    expect(down.body.ok).toBe(true);
  });

  it('refuses malformed batches with a 4xx and changes nothing (fuzzed)', async () => {
    const before = await hub.store.eventCounts('isa-town');
    const valid = batch('isa-town', events(2, 1, 'fz'));
    const arbBody = fc.oneof(
      fc.string(),
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.record({ schema: fc.oneof(fc.integer(), fc.string()), branchId: fc.string(), epoch: fc.string(), events: fc.anything() }).map((v) => JSON.stringify(v)),
      fc.constantFrom(
        JSON.stringify({ ...valid, schema: SYNC_SCHEMA_VERSION + 1 }),
        JSON.stringify({ ...valid, events: [{ ...valid.events[0], seq: 0 }] }),
        JSON.stringify({ ...valid, events: [valid.events[0], valid.events[0]] }),
        JSON.stringify({ ...valid, events: [{ ...valid.events[0], seq: 1.5 }] }),
        JSON.stringify({ ...valid, epoch: '' }),
        JSON.stringify({ ...valid, events: Array.from({ length: SYNC_MAX_EVENTS + 1 }, (_, i) => ({ ...valid.events[0], seq: i + 1 })) }),
        '{"schema":1,',
      ),
    );
    await fc.assert(
      fc.asyncProperty(arbBody, async (body) => {
        const r = await request(port, 'POST', '/sync/v1/up', { token: isa, body });
        expect(r.status).toBeGreaterThanOrEqual(400);
        expect(r.status).toBeLessThan(500);
        expect(r.body.ok).toBe(false);
      }),
      { numRuns: 150 },
    );
    expect(await hub.store.eventCounts('isa-town')).toEqual(before);
  });

  it('answers 413 to an oversized batch and keeps the connection usable', async () => {
    const huge = JSON.stringify(batch('isa-town', events(1, 1, 'big').map((e) => ({ ...e, payload: { pad: 'x'.repeat(2_200_000) } }))));
    const r = await request(port, 'POST', '/sync/v1/up', { token: isa, body: huge });
    expect(r).toMatchObject({ status: 413, body: { ok: false, code: 'BATCH_TOO_LARGE' } });
    const next = await request(port, 'GET', '/healthz');
    expect(next.status).toBe(200);
  });

  it('refuses a batch that reuses seqs of its epoch for other changes (409), so the branch starts a new epoch', async () => {
    const r = await request(port, 'POST', '/sync/v1/up', { token: seef, body: JSON.stringify(batch('seef-mall', events(3, 1, 'restored'))) });
    expect(r).toMatchObject({ status: 409, body: { code: 'EPOCH_REUSED', seq: 1 } });
    const fresh = await request(port, 'POST', '/sync/v1/up', {
      token: seef, body: JSON.stringify(batch('seef-mall', events(3, 1, 'restored'), { epoch: 'e2', epochStartSeq: 0 })),
    });
    expect(fresh.body).toMatchObject({ ok: true, epoch: 'e2', ackedSeq: 3 });
  });
});

describe('hub sync API backpressure', () => {
  it('answers 429 with Retry-After when one branch sends too often, and 503 when the hub is full', async () => {
    const hub = await createHub({ database: { dir: null }, port: 0, host: '127.0.0.1', sync: { perBranchPerMinute: 3, maxInFlight: 1 } });
    const port = await hub.listen();
    try {
      const token = await hub.store.issueBranchCredential('muharraq', T0);
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await request(port, 'GET', '/sync/v1/down', { token })).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const limited = await request(port, 'GET', '/sync/v1/down', { token });
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);

      // One upload held open (its body not finished) fills the hub; the next request is told to come back.
      const other = await hub.store.issueBranchCredential('isa-town', T0);
      const arrived = new Promise((r) => hub.http.once('request', r));
      const held = http.request({ port, host: '127.0.0.1', method: 'POST', path: '/sync/v1/up', headers: { authorization: `Bearer ${other}`, 'content-type': 'application/json' } });
      held.on('error', () => undefined);
      held.write('{"schema":1');
      await arrived;
      const busy = await new Promise<http.IncomingMessage>((resolve) =>
        http.get({ port, host: '127.0.0.1', path: '/sync/v1/down', headers: { authorization: `Bearer ${token}` } }, resolve));
      busy.resume();
      expect(busy.statusCode).toBe(503);
      expect(Number(busy.headers['retry-after'])).toBeGreaterThan(0);
      held.destroy();
    } finally {
      await hub.close();
    }
  });
});
