/** What the branch server sends managers: reports with the names they need, and the staffing advice. JSON-safe. */
import type { ServiceTarget } from './figures';
import type { BranchReport } from './report';
import type { StaffingCheck } from './staffing-check';
import type { StaffingHour } from './staffing';

/** A report with the clerks' names (services and counters the screens already have) and the targets it used. */
export interface ReportView {
  report: BranchReport;
  /** Staff names by id. */
  staff: Record<string, string>;
  /** Each service's service-level target. */
  targets: Record<string, ServiceTarget>;
}

/** The staffing advice for the rest of today, and the simulation's check of it. */
export interface StaffingView {
  at: number;
  /** The past days (same weekday) the forecast came from; empty: no history yet. */
  basis: string[];
  hours: StaffingHour[];
  check: StaffingCheck | null;
}
