/** CSV exports: a BOM, CRLF rows, quoting, formula neutralising, branch-local dates and times, both languages. */
import { describe, expect, it } from 'vitest';
import { BOM, csvField, localDateTime, summaryCsv, toCsv, transactionsCsv } from '../src/reports/csv';
import { DayClock } from '../src/reports/days';
import { computeReport } from '../src/reports/report';
import { readTransactions } from '../src/reports/transactions';
import { A, DAY, dayInput, TZ } from './reports-fixture';

const names = { [A]: 'بطاقة جديدة, New card' } as Record<string, string>;
const serviceName = (id: string) => names[id] ?? 'Renewal "express"';

describe('CSV text', () => {
  it('starts with a BOM and ends every row with CRLF', () => {
    expect(toCsv([['a', 1], ['b', null]])).toBe(`${BOM}a,1\r\nb,\r\n`);
  });

  it('quotes commas, quotes and line breaks; neutralises formulas', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField(-3)).toBe('-3');
  });

  it('writes instants in the branch time zone', () => {
    expect(localDateTime(Date.parse('2026-03-01T05:07:09Z'), TZ)).toBe('2026-03-01 08:07:09');
    expect(localDateTime(Date.parse('2026-03-01T21:30:00Z'), TZ)).toBe('2026-03-02 00:30:00');
  });
});

describe('report CSVs', () => {
  const report = computeReport(dayInput, { timeZone: TZ, from: DAY, to: '2026-03-02' });

  it('summary: a row per service of each day, then the day total; an empty day has its total only', () => {
    const text = summaryCsv(report, 'en', serviceName);
    const rows = text.slice(1).split('\r\n');
    expect(rows.pop()).toBe('');
    expect(rows[0]).toBe(
      'Date,Service,Tickets issued,Transferred in,Served,No-shows,Cancelled,Closed at day end,Transferred out,Mean wait (min),90th percentile wait (min),Mean service time (min),Within target (%),Target',
    );
    expect(rows.slice(1)).toEqual([
      '2026-03-01,"بطاقة جديدة, New card",4,1,3,0,1,1,0,13,25,9.7,50,80% / 20 min',
      '2026-03-01,"Renewal ""express""",4,0,2,1,0,1,1,20,50,10,75,80% / 20 min',
      '2026-03-01,All services,8,1,5,1,1,2,1,17,50,9.8,62.5,80% / 20 min',
      '2026-03-02,All services,0,0,0,0,0,0,0,,,,,80% / 20 min',
    ]);
  });

  it('summary in Arabic: Arabic headers and names', () => {
    const text = summaryCsv(report, 'ar', serviceName);
    expect(text.startsWith(`${BOM}التاريخ,الخدمة,التذاكر الصادرة`)).toBe(true);
    expect(text).toContain('2026-03-01,جميع الخدمات,8,');
  });

  it('transactions: one row per transaction with local times', () => {
    const txs = readTransactions(dayInput, new DayClock(TZ));
    const text = transactionsCsv(txs, 'en', TZ, {
      service: serviceName,
      counter: (id) => (id ? `Counter ${id.slice(1)}` : ''),
      clerk: (id) => id ?? '',
      ticketNumber: (id) => id,
    });
    const rows = text.slice(1).split('\r\n').slice(0, -1);
    expect(rows).toHaveLength(1 + 9);
    expect(rows[1]).toBe('2026-03-01,T1,1,"بطاقة جديدة, New card",Counter 1,k1,2026-03-01 08:00:00,2026-03-01 08:10:00,2026-03-01 08:11:00,2026-03-01 08:21:00,10,10,Served');
    const t3 = rows.filter((r) => r.includes(',T3,'));
    expect(t3.map((r) => r.split(',').at(-1))).toEqual(['Transferred', 'Served']);
  });
});

describe('the cache codec of a day', () => {
  it('decodes what it encodes, and the report from decoded transactions is the same', async () => {
    const { decodeDay, encodeDay } = await import('../src/reports/codec');
    const { reportFromTransactions } = await import('../src/reports/report');
    const txs = readTransactions(dayInput, new DayClock(TZ));
    const text = encodeDay(txs);
    expect(decodeDay(text, DAY)).toEqual(txs);
    const opts = { timeZone: TZ, from: DAY, to: DAY };
    const extra = { appointments: dayInput.appointments, counterEvents: dayInput.counterEvents };
    expect(reportFromTransactions(decodeDay(text, DAY), extra, opts)).toEqual(computeReport(dayInput, opts));
    expect(decodeDay(encodeDay([]), DAY)).toEqual([]);
  });
});
