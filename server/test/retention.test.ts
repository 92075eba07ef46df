/** Defect 12: full CPRs and visitor names are kept for the day's needs, then reduced (issue 8). */
import { describe, expect, it } from 'vitest';
import { createBranchServer, loadConfig, type BranchServer } from '@dawr/server';
import { connect } from '../../test/helpers/branch';
import { tempDir } from '../../test/helpers/tmp';

/** The first demo appointment of a day (CPR 850101001). */
const demoAppointment = (day: string) => `demo-seef-mall-${day}-1`;

describe('personal data retention', () => {
  it('keeps the full CPR and names through the day after the visit, then keeps only the last 4 digits', async () => {
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
