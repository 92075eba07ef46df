/**
 * CSV exports of reports, as spreadsheets open them with Arabic text: UTF-8 with a byte-order mark, CRLF line
 * ends, every field quoted when it needs to be, dates and times branch-local. Pure.
 */
import { utcOffsetMs } from '../clock';
import type { Lang } from '../domain';
import { tr, type ReportKey } from '../i18n/reports';
import { waitMs } from './figures';
import type { BranchReport } from './report';
import type { Figures, Transaction } from './types';

/** The byte-order mark that tells a spreadsheet the file is UTF-8. */
export const BOM = '\uFEFF';

type Cell = string | number | null;

/** One field: quoted when it holds a comma, quote or line break; a leading = + - @ is neutralised (formula injection). */
export function csvField(v: Cell): string {
  if (v === null) return '';
  let s = String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The CSV text of `rows`, BOM first, CRLF after every row. */
export function toCsv(rows: readonly (readonly Cell[])[]): string {
  return BOM + rows.map((r) => r.map(csvField).join(',') + '\r\n').join('');
}

/** `YYYY-MM-DD HH:MM:SS` of an instant in `timeZone`. */
export function localDateTime(at: number, timeZone: string): string {
  return new Date(at + utcOffsetMs(at, timeZone)).toISOString().slice(0, 19).replace('T', ' ');
}

/** Minutes with one decimal (a dot: the file is for machines as much as people), or empty. */
const min1 = (ms: number | null) => (ms === null ? null : Math.round(ms / 6_000) / 10);
const pct = (share: number | null) => (share === null ? null : Math.round(share * 1000) / 10);

const SUMMARY_COLUMNS: ReportKey[] = [
  'reports.csv.day',
  'reports.csv.service',
  'reports.csv.issued',
  'reports.csv.transfersIn',
  'reports.csv.served',
  'reports.csv.noShows',
  'reports.csv.cancelled',
  'reports.csv.closedAtDayEnd',
  'reports.csv.transferredOut',
  'reports.csv.waitMean',
  'reports.csv.waitP90',
  'reports.csv.serviceMean',
  'reports.csv.withinTarget',
  'reports.csv.target',
];

function summaryRow(day: string, name: string, f: Figures): Cell[] {
  const sl = f.serviceLevel;
  return [
    day,
    name,
    f.issued,
    f.transfersIn,
    f.served,
    f.noShows,
    f.cancelled,
    f.closedAtDayEnd,
    f.transferredOut,
    min1(f.wait.meanMs),
    min1(f.wait.p90Ms),
    min1(f.service.meanMs),
    pct(sl.share),
    `${Math.round(sl.targetShare * 100)}% / ${sl.withinMs / 60_000} min`,
  ];
}

/**
 * The report by day and service: one row per service that had tickets that day, then the day's total
 * ("All services"); a day without tickets has its total row only.
 */
export function summaryCsv(report: BranchReport, lang: Lang, serviceName: (id: string) => string): string {
  const rows: Cell[][] = [SUMMARY_COLUMNS.map((k) => tr(lang, k))];
  for (const d of report.daily) {
    for (const s of d.services) rows.push(summaryRow(d.day, serviceName(s.serviceId), s));
    rows.push(summaryRow(d.day, tr(lang, 'reports.csv.allServices'), d));
  }
  return toCsv(rows);
}

const VISIT_COLUMNS: ReportKey[] = [
  'reports.csv.day',
  'reports.csv.ticket',
  'reports.csv.transaction',
  'reports.csv.service',
  'reports.csv.counter',
  'reports.csv.clerk',
  'reports.csv.arrived',
  'reports.csv.called',
  'reports.csv.started',
  'reports.csv.ended',
  'reports.csv.waitMin',
  'reports.csv.serviceMin',
  'reports.csv.result',
];

/** Names the transactions CSV shows instead of ids. */
export interface CsvNames {
  service(id: string): string;
  counter(id: string | null): string;
  clerk(id: string | null): string;
  ticketNumber(ticketId: string): string;
}

/** One row per transaction, times branch-local; the result in words of `lang`. */
export function transactionsCsv(txs: readonly Transaction[], lang: Lang, timeZone: string, names: CsvNames): string {
  const time = (at: number | null) => (at === null ? null : localDateTime(at, timeZone));
  const rows: Cell[][] = [VISIT_COLUMNS.map((k) => tr(lang, k))];
  for (const tx of txs) {
    const result = tx.end === 'open' ? (tx.openState ?? 'waiting') : tx.end;
    rows.push([
      tx.day,
      names.ticketNumber(tx.ticketId),
      tx.index + 1,
      names.service(tx.serviceId),
      names.counter(tx.counterId),
      names.clerk(tx.clerkId),
      time(tx.enteredAt),
      time(tx.calledAt),
      time(tx.startedAt),
      time(tx.endedAt),
      min1(waitMs(tx)),
      min1(tx.serviceMs),
      tr(lang, `reports.result.${result}` as ReportKey),
    ]);
  }
  return toCsv(rows);
}
