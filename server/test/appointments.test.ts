import { afterEach, describe, expect, it } from 'vitest';
import { connect, startBranch, type Client } from '../../test/helpers/branch';
import { tempDir } from '../../test/helpers/tmp';

let branch: Awaited<ReturnType<typeof startBranch>> | undefined;
let sockets: Client[] = [];
afterEach(async () => {
  for (const s of sockets) s.close();
  sockets = [];
  await branch?.stop();
  branch = undefined;
});

async function kioskAt(env: Record<string, string> = {}): Promise<Client> {
  branch = await startBranch(env);
  const k = await connect(branch.url, 'demo-kiosk-token', 'en');
  sockets.push(k);
  return k;
}

describe('appointment check-in (demo appointments around 09:00)', () => {
  it('on time: keeps the appointment and goes ahead of walk-ins once its slot comes', async () => {
    const kiosk = await kioskAt();
    const walkIn = await kiosk.emitWithAck('ticket:issue:v1', { serviceId: 'seef-mall.renewal' });
    const r = await kiosk.emitWithAck('appointment:checkIn:v1', { cpr: '850101004' });
    expect(r).toMatchObject({ ok: true, late: false, ticket: { number: 'B-002', position: 1 } });
    expect(walkIn.ok && walkIn.ticket.number).toBe('B-001');
    const again = await kiosk.emitWithAck('appointment:checkIn:v1', { cpr: '850101004' });
    expect(again).toMatchObject({ ok: false, code: 'ALREADY_CHECKED_IN' });
  });

  it('finds today’s appointments with where each stands in its window, without checking in', async () => {
    const kiosk = await kioskAt();
    const found = async (cpr: string) => {
      const r = await kiosk.emitWithAck('appointment:find:v1', { cpr });
      if (!r.ok) throw new Error(r.code);
      return r.appointments.map((a) => [a.serviceId, a.window, a.status]);
    };
    expect(await found('850101001')).toEqual([['seef-mall.new-card', 'on_time', 'booked']]);
    expect(await found('850101002')).toEqual([['seef-mall.renewal', 'too_early', 'booked']]);
    expect(await found('850101003')).toEqual([['seef-mall.replacement', 'late', 'booked']]);
    expect(await found('999999999')).toEqual([]);
    expect(branch!.server.store.census.rowCounts().tickets).toBe(0);
  });

  it('late: issues a walk-in ticket and says so', async () => {
    const kiosk = await kioskAt();
    const r = await kiosk.emitWithAck('appointment:checkIn:v1', { cpr: '850101003' });
    expect(r).toMatchObject({ ok: true, late: true, ticket: { number: 'C-001' } });
  });

  it('too early, unknown CPR and a malformed CPR are refused with clear messages', async () => {
    const kiosk = await kioskAt();
    expect(await kiosk.emitWithAck('appointment:checkIn:v1', { cpr: '850101002' })).toMatchObject({ ok: false, code: 'TOO_EARLY' });
    expect(await kiosk.emitWithAck('appointment:checkIn:v1', { cpr: '999999999' })).toMatchObject({
      ok: false,
      code: 'NO_APPOINTMENT',
      msg: 'No appointment today at this branch was found for this CPR.',
    });
    expect(await kiosk.emitWithAck('appointment:checkIn:v1', { cpr: '12345' })).toMatchObject({ ok: false, code: 'BAD_REQUEST' });
    expect(branch!.server.store.census.rowCounts().tickets).toBe(0);
  });
});

describe('issuing limits', () => {
  it('rate limits one device issuing too fast, without touching the others', async () => {
    const kiosk = await kioskAt({ DAWR_ISSUE_RATE_LIMIT: '3' });
    const codes = [];
    for (let i = 0; i < 4; i++) {
      const r = await kiosk.emitWithAck('ticket:issue:v1', { serviceId: 'seef-mall.new-card' });
      codes.push(r.ok ? 'ok' : r.code);
    }
    expect(codes).toEqual(['ok', 'ok', 'ok', 'RATE_LIMITED']);
    expect(branch!.server.store.census.rowCounts().tickets).toBe(3);
  });

  it('stops issuing when the estimated wait would run past closing time', async () => {
    const data = tempDir();
    const env = { DAWR_DATA_DIR: data.dir, DAWR_START_TIME: '2026-11-24T13:40:00+03:00' };
    try {
      // Earlier today: one open counter, and a measured 10-minute new-card service on record.
      let kiosk = await kioskAt(env);
      const { queue, store, clock } = branch!.server;
      for (const c of [2, 3, 4, 5]) queue.setCounterOpen(`seef-mall.counter-${c}`, false);
      const first = await kiosk.emitWithAck('ticket:issue:v1', { serviceId: 'seef-mall.new-card' });
      if (!first.ok) throw new Error(first.code);
      const now = clock();
      for (const [id, type, at] of [['m1', 'started', now - 30 * 60_000], ['m2', 'ended', now - 20 * 60_000]] as const) {
        store.tickets.addEvent({ id, ticketId: first.ticket.id, branchId: 'seef-mall', type, at, counterId: null, clerkId: null, serviceId: 'seef-mall.new-card' });
      }
      // The server reads measured services at start-up and keeps them in memory from then on.
      for (const s of sockets) s.close();
      sockets = [];
      await branch!.stop();
      kiosk = await kioskAt(env);
      const results: string[] = [];
      for (let i = 0; i < 3; i++) {
        const r = await kiosk.emitWithAck('ticket:issue:v1', { serviceId: 'seef-mall.new-card' });
        results.push(r.ok ? 'ok' : r.code);
      }
      // 20 minutes left, 10 per visitor, one waiting: one more fits (wait 15 min), then the wait passes 14:00.
      expect(results).toEqual(['ok', 'CLOSING_SOON', 'CLOSING_SOON']);
    } finally {
      data.cleanup();
    }
  });
});

describe('daily close', () => {
  it('moves yesterday to history: open tickets end, numbers restart at 001', async () => {
    const data = tempDir();
    try {
      let kiosk = await kioskAt({ DAWR_DATA_DIR: data.dir, DAWR_START_TIME: '2026-11-24T09:00:00+03:00' });
      await kiosk.emitWithAck('ticket:issue:v1', { serviceId: 'seef-mall.new-card' });
      await kiosk.emitWithAck('ticket:issue:v1', { serviceId: 'seef-mall.new-card' });
      kiosk.close();
      sockets = [];
      await branch!.stop();
      kiosk = await kioskAt({ DAWR_DATA_DIR: data.dir, DAWR_START_TIME: '2026-11-25T09:00:00+03:00' });
      const census = branch!.server.store.census;
      expect(census.ticketStates()).toEqual([{ state: 'cancelled', n: 2 }]);
      expect(census.closedDays()).toEqual(['2026-11-24']);
      const r = await kiosk.emitWithAck('ticket:issue:v1', { serviceId: 'seef-mall.new-card' });
      expect(r).toMatchObject({ ok: true, ticket: { number: 'A-001' } });
      const snap = await kiosk.emitWithAck('branch:snapshot:v1', {});
      expect(snap.ok && snap.snapshot.services.find((s) => s.code === 'new-card')?.waiting).toBe(1);
    } finally {
      data.cleanup();
    }
  });
});
