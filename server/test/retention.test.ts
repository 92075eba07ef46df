/** Defect 12: full CPRs and visitor names are kept for the day's needs, then reduced (issue 8). */
import { describe, expect, it } from 'vitest';
import { createBranchServer, loadConfig, type BranchServer } from '@dawr/server';
import { connect } from '../../test/helpers/branch';
import { tempDir } from '../../test/helpers/tmp';

/** A card the centre made ready for collection at the branch (online renewal). */
const pickup = { reference: 'K7M2QXD4R', branchId: 'seef-mall', name: 'Fatima Ali Hasan', status: 'ready' as const };
const COLLECTED = '019b2000-0000-7000-8000-0000000r0001';
const WAITING = '019b2000-0000-7000-8000-0000000r0002';

/** The first demo appointment of a day (CPR 850101001). */
const demoAppointment = (day: string) => `demo-seef-mall-${day}-1`;

describe('personal data retention', () => {
  it('keeps the full CPR and names through the day after the visit (a collected card too), then keeps only the last 4 digits', async () => {
    const tmp = tempDir();
    const at = async (startTime: string, run: (server: BranchServer, url: string) => Promise<void>) => {
      const env = { DAWR_DATA_DIR: tmp.dir, DAWR_PORT: '0', DAWR_HOST: '127.0.0.1', DAWR_START_TIME: startTime, DAWR_LOG_LEVEL: 'silent' };
      const server = createBranchServer(loadConfig(env));
      try {
        await run(server, `http://127.0.0.1:${await server.listen()}`);
      } finally {
        await server.close();
      }
    };
    try {
      let ticketId = '';
      await at('2026-11-24T09:00:00+03:00', async (server, url) => {
        const kiosk = await connect(url, 'demo-kiosk-token');
        const r = await kiosk.emitWithAck('ticket:issue:v1', { serviceId: 'seef-mall.renewal', visitor: { cpr: '900202002', nameEn: 'Ali Hasan' } });
        kiosk.close();
        if (!r.ok) throw new Error(r.code);
        ticketId = r.ticket.id;
        expect(server.store.appointments.get(demoAppointment('2026-11-24'))?.cpr).toBe('850101001');
        // Two renewed cards the centre made ready here: one collected today, one not yet.
        const at = Date.parse('2026-11-24T09:30:00+03:00');
        server.store.pickups.upsert({ ...pickup, id: COLLECTED, cpr: '900303003', readyAt: at });
        server.store.pickups.markCollected(COLLECTED, at);
        server.store.pickups.upsert({ ...pickup, id: WAITING, cpr: '790202002', readyAt: at });
      });
      // The next day: still there (a clerk may need it, a visitor may come back about it).
      await at('2026-11-25T09:00:00+03:00', async (server) => {
        expect(server.store.appointments.get(demoAppointment('2026-11-24'))?.cpr).toBe('850101001');
        expect(server.store.tickets.extras(ticketId).visitor).toMatchObject({ nameEn: 'Ali Hasan', cprLast4: '2002' });
      });
      // The day after that: reduced at start-up; the newer day's data is untouched.
      await at('2026-11-26T09:00:00+03:00', async (server) => {
        expect(server.store.appointments.get(demoAppointment('2026-11-24'))?.cpr).toBe('*****1001');
        expect(server.store.appointments.get(demoAppointment('2026-11-25'))?.cpr).toBe('850101001');
        expect(server.store.tickets.extras(ticketId).visitor).toMatchObject({ nameEn: null, nameAr: null, cprLast4: '2002' });
        expect(server.store.pickups.get(COLLECTED)).toMatchObject({ cpr: '*****3003', name: '', status: 'collected' });
        expect(server.store.pickups.get(WAITING)).toMatchObject({ cpr: '790202002', name: pickup.name, status: 'ready' });
        // The centre's "ready" change replayed: a collected card stays as retention left it.
        server.store.pickups.upsert({ ...pickup, id: COLLECTED, cpr: '900303003', readyAt: 0 });
        expect(server.store.pickups.get(COLLECTED)).toMatchObject({ cpr: '*****3003', name: '', status: 'collected' });
      });
    } finally {
      tmp.cleanup();
    }
  });

  it('refuses a retention that is not a whole number of days', () => {
    expect(() => loadConfig({ DAWR_CPR_RETENTION_DAYS: '1.5' })).toThrow(/DAWR_CPR_RETENTION_DAYS/);
    expect(loadConfig({}).cprRetentionDays).toBe(1);
  });
});
