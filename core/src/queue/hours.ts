/** Opening-hours rules for issuing tickets. Pure: every function takes `now` (epoch ms). */
import type { Branch } from '../domain';
import { isOpen, localDay, localParts, parseHhMm } from '../clock';

/** The hours part of a branch: its time zone and "HH:MM" opening and closing times, branch local. */
export type BranchHours = Pick<Branch, 'timezone' | 'opensAt' | 'closesAt'>;

/**
 * - `'ok'`: a ticket may be issued.
 * - `'closed'`: outside opening hours (error BRANCH_CLOSED).
 * - `'holiday'`: today (branch local) is one of the branch's public holidays, closed all day (error BRANCH_HOLIDAY).
 * - `'too_late'`: open, but the estimated wait runs past closing time; the visitor is asked to book an
 *   appointment instead.
 */
export type IssueDecision = 'ok' | 'closed' | 'holiday' | 'too_late';

/** Whether the branch-local day of `now` is one of `holidays` (branch-local days, 'YYYY-MM-DD'). */
export function isHoliday(now: number, timezone: string, holidays: readonly string[]): boolean {
  return holidays.length > 0 && holidays.includes(localDay(now, timezone));
}

/** Why the branch is closed at `now` — a public holiday, or outside its hours — or null when it is open. */
export function closedReason(now: number, branch: BranchHours, holidays: readonly string[]): 'holiday' | 'hours' | null {
  if (isHoliday(now, branch.timezone, holidays)) return 'holiday';
  return isOpen(now, branch) ? null : 'hours';
}

/** Minutes (fractional) from `now` until the branch closes today, or null when it is not open. */
export function minutesUntilClose(now: number, branch: BranchHours): number | null {
  if (!isOpen(now, branch)) return null;
  const { minutes } = localParts(now, branch.timezone);
  // localParts has minute resolution; branch zones (Asia/Bahrain) are whole-minute offsets, so the
  // seconds within the minute are those of UTC.
  const secondsIn = (((now % 60_000) + 60_000) % 60_000) / 60_000;
  return parseHhMm(branch.closesAt) - minutes - secondsIn;
}

/**
 * Whether a ticket may be issued at `now`: closed all day on one of `holidays`, closed outside [opensAt, closesAt);
 * too late when the estimated wait (plus `marginMin`) would end after closing time. An unknown estimate (null)
 * does not refuse: there is no evidence the visitor would not be served.
 */
export function canIssue(
  now: number,
  branch: BranchHours,
  estimatedWaitMin: number | null,
  { marginMin = 0, holidays = [] }: { marginMin?: number; holidays?: readonly string[] } = {},
): IssueDecision {
  if (isHoliday(now, branch.timezone, holidays)) return 'holiday';
  const left = minutesUntilClose(now, branch);
  if (left === null) return 'closed';
  if (estimatedWaitMin !== null && Math.max(0, estimatedWaitMin) + Math.max(0, marginMin) > left) return 'too_late';
  return 'ok';
}
