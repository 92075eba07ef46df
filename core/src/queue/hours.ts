/** Opening-hours rules for issuing tickets. Pure: every function takes `now` (epoch ms). */
import type { Branch } from '../domain';
import { isOpen, localParts, parseHhMm } from '../clock';

/** The hours part of a branch: its time zone and "HH:MM" opening and closing times, branch local. */
export type BranchHours = Pick<Branch, 'timezone' | 'opensAt' | 'closesAt'>;

/**
 * - `'ok'`: a ticket may be issued.
 * - `'closed'`: outside opening hours (error BRANCH_CLOSED).
 * - `'too_late'`: open, but the estimated wait runs past closing time; the visitor is asked to book an
 *   appointment instead.
 */
export type IssueDecision = 'ok' | 'closed' | 'too_late';

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
 * Whether a ticket may be issued at `now`: closed outside [opensAt, closesAt); too late when the estimated
 * wait (plus `marginMin`) would end after closing time. An unknown estimate (null) does not refuse: there is
 * no evidence the visitor would not be served.
 */
export function canIssue(now: number, branch: BranchHours, estimatedWaitMin: number | null, { marginMin = 0 }: { marginMin?: number } = {}): IssueDecision {
  const left = minutesUntilClose(now, branch);
  if (left === null) return 'closed';
  if (estimatedWaitMin !== null && Math.max(0, estimatedWaitMin) + Math.max(0, marginMin) > left) return 'too_late';
  return 'ok';
}
