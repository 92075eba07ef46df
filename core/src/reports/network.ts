/** The centre's side-by-side of branches over a date range, and its CSV. Pure; from each branch's report. */
import type { Lang } from '../domain';
import { tr } from '../i18n/reports';
import { toCsv } from './csv';
import type { BranchReport, HourFigures } from './report';
import type { Figures, ServiceLevel, Stat } from './types';

/** One branch over the range: volumes, waits, service level, no-shows, busiest hours. */
export interface NetworkRow {
  branchId: string;
  days: number;
  visits: number;
  served: number;
  noShows: number;
  cancelled: number;
  transfersIn: number;
  wait: Stat;
  service: Stat;
  serviceLevel: ServiceLevel;
  /** The three hours with the most arrivals, busiest first (hours with none left out). */
  busiestHours: HourFigures[];
  hours: HourFigures[];
}

/** A branch's row from its report. */
export function networkRow(branchId: string, r: BranchReport): NetworkRow {
  const t = r.totals;
  return {
    branchId,
    days: r.days,
    visits: r.visits,
    served: t.served,
    noShows: t.noShows,
    cancelled: t.cancelled,
    transfersIn: t.transfersIn,
    wait: t.wait,
    service: t.service,
    serviceLevel: t.serviceLevel,
    busiestHours: busiest(r.hours),
    hours: r.hours,
  };
}

/** The hours with the most arrivals, busiest first (earlier hour on a tie). */
export function busiest(hours: readonly HourFigures[], n = 3): HourFigures[] {
  return hours
    .filter((h) => h.arrivals > 0)
    .sort((a, b) => b.arrivals - a.arrivals || a.hour - b.hour)
    .slice(0, n);
}

const min1 = (ms: number | null) => (ms === null ? null : Math.round(ms / 6_000) / 10);
const pct = (share: number | null) => (share === null ? null : Math.round(share * 1000) / 10);
const hh = (h: HourFigures | undefined) => (h ? `${String(h.hour).padStart(2, '0')}:00` : null);

function row(name: string, day: string, f: Figures, hours: readonly HourFigures[]): (string | number | null)[] {
  return [name, day, f.issued, f.served, f.noShows, f.cancelled, min1(f.wait.meanMs), min1(f.wait.p90Ms), pct(f.serviceLevel.share), hh(busiest(hours, 1)[0])];
}

/**
 * The side-by-side as CSV: per branch one row per day, then the branch's whole range (day column "from – to");
 * branches in the order given. The busiest hour is the range's (a day row leaves it empty).
 */
export function networkCsv(branches: readonly { name: string; report: BranchReport }[], lang: Lang): string {
  const header = [
    tr(lang, 'reports.csv.branch'),
    tr(lang, 'reports.csv.day'),
    tr(lang, 'reports.csv.issued'),
    tr(lang, 'reports.csv.served'),
    tr(lang, 'reports.csv.noShows'),
    tr(lang, 'reports.csv.cancelled'),
    tr(lang, 'reports.csv.waitMean'),
    tr(lang, 'reports.csv.waitP90'),
    tr(lang, 'reports.csv.withinTarget'),
    tr(lang, 'reports.csv.busiestHour'),
  ];
  const rows: (string | number | null)[][] = [header];
  for (const { name, report } of branches) {
    for (const d of report.daily) rows.push(row(name, d.day, d, []));
    rows.push(row(name, `${report.from} – ${report.to}`, report.totals, report.hours));
  }
  return toCsv(rows);
}
