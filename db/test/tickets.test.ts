import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatTicketNumber, type Ticket } from '@dawr/core';
import { Store } from '../src/index';
import { tempDir } from '../../test/helpers/tmp';

let tmp: ReturnType<typeof tempDir>;
let file: string;
let store: Store;

const branchId = 'b1';
const serviceId = 'b1.new-card';

function seed(s: Store): void {
  s.config.upsertBranch({
    id: branchId,
    code: 'B1',
    name: { ar: 'فرع', en: 'Branch' },
    timezone: 'Asia/Bahrain',
    opensAt: '08:00',
    closesAt: '14:00',
  });
  s.config.upsertService({
    id: serviceId,
    branchId,
    code: 'new-card',
    prefix: 'A',
    name: { ar: 'بطاقة', en: 'Card' },
    requirements: { ar: '', en: '' },
    acceptsAppointments: true,
    acceptsWalkIns: true,
    dailyCap: null,
    sortOrder: 0,
    active: true,
  });
}

function ticket(id: string, seq: number, day = '2026-11-24'): Ticket {
  return {
    id,
    branchId,
    serviceId,
    day,
    seq,
    number: formatTicketNumber('A', seq),
    state: 'waiting',
    priority: null,
    counterId: null,
    appointmentId: null,
    slotAt: null,
    arrivedAt: 1000 + seq,
    calledAt: null,
    startedAt: null,
    endedAt: null,
    outcome: null,
  };
}

beforeEach(() => {
  tmp = tempDir();
  file = path.join(tmp.dir, 'branch.sqlite');
  store = Store.open(file);
  seed(store);
});
afterEach(() => {
  store.close();
  tmp.cleanup();
});

describe('ticket numbering', () => {
  it('counts per service per day and survives reopening the file', () => {
    expect(store.tx(() => store.tickets.nextSeq(branchId, serviceId, '2026-11-24'))).toBe(1);
    expect(store.tx(() => store.tickets.nextSeq(branchId, serviceId, '2026-11-24'))).toBe(2);
    expect(store.tx(() => store.tickets.nextSeq(branchId, serviceId, '2026-11-25'))).toBe(1);
    store.close();
    store = Store.open(file);
    expect(store.tickets.issuedCount(branchId, serviceId, '2026-11-24')).toBe(2);
    expect(store.tx(() => store.tickets.nextSeq(branchId, serviceId, '2026-11-24'))).toBe(3);
  });

  it('refuses a second ticket with the same number on the same day', () => {
    store.tickets.insert(ticket('t1', 1));
    expect(() => store.tickets.insert(ticket('t2', 1))).toThrow(/UNIQUE/);
    store.tickets.insert(ticket('t3', 1, '2026-11-25'));
  });
});

describe('transactions', () => {
  it('roll back the ticket, its event and its outbox row together', () => {
    const before = store.outbox.latestSeq();
    expect(() =>
      store.tx(() => {
        store.tickets.nextSeq(branchId, serviceId, '2026-11-24');
        store.tickets.insert(ticket('t1', 1));
        store.outbox.append('ticket.issued', 1, 't1', {}, 0);
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(store.tickets.get('t1')).toBeUndefined();
    expect(store.outbox.latestSeq()).toBe(before);
    expect(store.tickets.issuedCount(branchId, serviceId, '2026-11-24')).toBe(0);
  });

  it('outbox rows carry the epoch and increasing seqs', () => {
    const a = store.outbox.append('x', 1, 'e', { n: 1 }, 5);
    const b = store.outbox.append('x', 1, 'e', { n: 2 }, 6);
    expect(b).toBe(a + 1);
    const rows = store.outbox.after(a - 1, 10);
    expect(rows.map((r) => r.payload)).toEqual([{ n: 1 }, { n: 2 }]);
    expect(new Set(rows.map((r) => r.epoch))).toEqual(new Set([store.outbox.epoch]));
  });
});
