/**
 * The staffing advice for the rest of today, from everything the branch server reads for it: the forecast of the
 * past same weekdays, Erlang C's counters per hour and the simulation's check. Pure and structured-clone safe in
 * and out, so the branch server can run it on a worker thread (its event loop stays free for calls and pushes).
 */
import type { Ticket } from '../domain';
import { DEFAULT_QUEUE_RULES } from '../queue/rules';
import { forecastFromTransactions } from './forecast';
import { checkStaffing } from './staffing-check';
import { staffingHours, type StaffingInput } from './staffing';
import type { Transaction } from './types';
import type { StaffingView } from './view';

/** What the advice is computed from (all of it plain data). */
export interface StaffingAdviceInput extends Omit<StaffingInput, 'forecast'> {
  /** Each past same weekday asked for, with its transactions (none: no history that day). */
  days: readonly { day: string; transactions: readonly Transaction[] }[];
  /** Tickets waiting now. */
  waiting: readonly Ticket[];
  /** The simulation's seed (the same question in the same minute gets the same answer). */
  seed: number;
}

/** The advice: the forecast's hours, and the simulation's check when there is history to forecast from. */
export function staffingAdvice(input: StaffingAdviceInput): StaffingView {
  const { days, waiting, seed, ...rest } = input;
  const basis = days.filter((d) => d.transactions.length > 0).map((d) => d.day);
  const forecast = forecastFromTransactions(days.flatMap((d) => d.transactions), basis.length, input.timeZone);
  const staffing: StaffingInput = { ...rest, forecast };
  const hours = staffingHours(staffing);
  const check = basis.length > 0 ? checkStaffing({ ...staffing, hours, waiting, rules: DEFAULT_QUEUE_RULES, seed }) : null;
  return { at: input.now, basis, hours, check };
}
