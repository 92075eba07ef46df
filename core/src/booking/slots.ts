/**
 * Online booking slots (domain.md: "Slot"). Pure: `now` (epoch ms) is passed in and every calendar decision is
 * made on the branch-local day. Working days are Sunday to Thursday (Bahrain's weekend is Friday and Saturday),
 * slots run inside the branch's opening hours (08:00–14:00 Asia/Bahrain), public holidays are closed, and only
 * days within the booking horizon can be booked. The centre owns these rules in each branch's catalogue.
 */
import type { BranchCatalogue } from '../catalogue/catalogue';
import { localParts, parseHhMm, utcOffsetMs } from '../clock';
import { isoDate, isoParts } from '../card/dates';
import type { Service } from '../domain';

/** One service's slots at one branch: how long each is and how many visitors it seats. */
export interface SlotRule {
  slotMin: number;
  seats: number;
}

/** A branch's booking rules (catalogue field `booking`; absent: {@link DEFAULT_BOOKING_RULES}). */
export interface BookingRules {
  /** Branch-local days that can be booked, today included. */
  horizonDays: number;
  /** A slot can be booked until this many minutes before it starts. */
  leadMin: number;
  /** Per service id; a service that takes appointments and has no entry uses its code's default. */
  services: Record<string, SlotRule>;
}

/**
 * Slot length and seats per service code when the catalogue says nothing. Working assumptions (about two
 * counters' worth of visitors per slot), to be replaced by each branch's figures through the catalogue.
 */
export const DEFAULT_SLOT_RULES: Readonly<Record<string, SlotRule>> = {
  'new-card': { slotMin: 15, seats: 2 },
  renewal: { slotMin: 10, seats: 3 },
  replacement: { slotMin: 15, seats: 2 },
};
const FALLBACK_RULE: SlotRule = { slotMin: 15, seats: 2 };

export const DEFAULT_BOOKING_RULES: Readonly<BookingRules> = { horizonDays: 30, leadMin: 0, services: {} };

/** Largest values the centre may configure (a sanity bound for the admin API and the fuzz tests). */
export const BOOKING_LIMITS = { horizonDays: 366, slotMin: 240, seats: 500, leadMin: 24 * 60 } as const;

/** Why a slot cannot be booked. */
export type SlotRefusal =
  | 'UNKNOWN_SERVICE'
  | 'NO_APPOINTMENTS'
  | 'WEEKEND'
  | 'HOLIDAY'
  | 'NOT_A_SLOT'
  | 'SLOT_PAST'
  | 'BEYOND_HORIZON';

export type SlotCheck = { ok: true; service: Service; rule: SlotRule; day: string } | { ok: false; code: SlotRefusal };

/** The branch's booking rules, defaults filled in. */
export function bookingRulesOf(c: BranchCatalogue): BookingRules {
  return { ...DEFAULT_BOOKING_RULES, ...c.booking, services: { ...c.booking?.services } };
}

/** The bookable service (active, takes appointments) and its slot rule, or why not. */
export function slotRuleFor(c: BranchCatalogue, serviceId: string): { ok: true; service: Service; rule: SlotRule } | { ok: false; code: 'UNKNOWN_SERVICE' | 'NO_APPOINTMENTS' } {
  const service = c.services.find((s) => s.id === serviceId && s.active);
  if (!service) return { ok: false, code: 'UNKNOWN_SERVICE' };
  if (!service.acceptsAppointments) return { ok: false, code: 'NO_APPOINTMENTS' };
  const rule = bookingRulesOf(c).services[serviceId] ?? DEFAULT_SLOT_RULES[service.code] ?? FALLBACK_RULE;
  return { ok: true, service, rule };
}

/** Day of the week of a 'YYYY-MM-DD' day: 0 Sunday … 6 Saturday. */
export function weekdayOf(day: string): number {
  const { y, m, d } = isoParts(day);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/** Sunday to Thursday: Bahrain's weekend is Friday and Saturday. */
export function isWorkingDay(day: string): boolean {
  return weekdayOf(day) <= 4;
}

/** The day `n` days after `day` (both 'YYYY-MM-DD'). */
export function addDays(day: string, n: number): string {
  const { y, m, d } = isoParts(day);
  const t = new Date(Date.UTC(y, m - 1, d + n));
  return isoDate(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate())!;
}

/** The epoch ms of `minutes` after local midnight of `day` in `tz` (the zone's offset on that day). */
export function localTime(day: string, minutes: number, tz: string): number {
  const guess = Date.parse(`${day}T00:00:00Z`) + minutes * 60_000;
  const first = guess - utcOffsetMs(guess, tz);
  return guess - utcOffsetMs(first, tz);
}

/** Why a whole day is closed for booking, or null when it is a working day that is not a holiday. */
export function dayClosed(c: BranchCatalogue, day: string): 'WEEKEND' | 'HOLIDAY' | null {
  if (!isWorkingDay(day)) return 'WEEKEND';
  return c.holidays.includes(day) ? 'HOLIDAY' : null;
}

/** Every slot start (epoch ms) of a service on a day, past ones included; none on a closed day. */
export function slotStarts(c: BranchCatalogue, serviceId: string, day: string): number[] {
  const r = slotRuleFor(c, serviceId);
  if (!r.ok || dayClosed(c, day)) return [];
  const open = parseHhMm(c.branch.opensAt);
  const close = parseHhMm(c.branch.closesAt);
  const out: number[] = [];
  for (let m = open; m + r.rule.slotMin <= close; m += r.rule.slotMin) out.push(localTime(day, m, c.branch.timezone));
  return out;
}

/** Whether a slot starting at `slotAt` may still be booked at `now` (the lead time before it). */
function bookableAt(c: BranchCatalogue, slotAt: number, now: number): boolean {
  return slotAt - bookingRulesOf(c).leadMin * 60_000 > now;
}

/** The branch-local days from today through the horizon, in order. */
export function horizonDays(c: BranchCatalogue, now: number): string[] {
  const today = localParts(now, c.branch.timezone).day;
  return Array.from({ length: bookingRulesOf(c).horizonDays }, (_, i) => addDays(today, i));
}

/** Days within the horizon on which the service has at least one slot still bookable at `now`. */
export function bookableDays(c: BranchCatalogue, serviceId: string, now: number): string[] {
  return horizonDays(c, now).filter((day) => slotStarts(c, serviceId, day).some((at) => bookableAt(c, at, now)));
}

/** Whether `day` lies within the horizon seen from `now` (today through today + horizonDays − 1). */
function withinHorizon(c: BranchCatalogue, day: string, now: number): boolean {
  const today = localParts(now, c.branch.timezone).day;
  return day >= today && day <= addDays(today, bookingRulesOf(c).horizonDays - 1);
}

/** The day's slots still bookable at `now` (seat counts are the store's business). */
export function openSlots(c: BranchCatalogue, serviceId: string, day: string, now: number): number[] {
  if (!withinHorizon(c, day, now)) return [];
  return slotStarts(c, serviceId, day).filter((at) => bookableAt(c, at, now));
}

/**
 * Whether `slotAt` is a slot of the service that can be booked at `now`: the service takes appointments, the day
 * is a working day and no holiday, within the horizon, `slotAt` is exactly a slot start inside opening hours, and
 * it has not started (nor is within the lead time).
 */
export function checkSlot(c: BranchCatalogue, serviceId: string, slotAt: number, now: number): SlotCheck {
  const r = slotRuleFor(c, serviceId);
  if (!r.ok) return r;
  if (!Number.isSafeInteger(slotAt) || slotAt <= 0 || slotAt % 60_000 !== 0) return { ok: false, code: 'NOT_A_SLOT' };
  const { day, minutes } = localParts(slotAt, c.branch.timezone);
  const closed = dayClosed(c, day);
  if (closed) return { ok: false, code: closed };
  const open = parseHhMm(c.branch.opensAt);
  const aligned = minutes >= open && (minutes - open) % r.rule.slotMin === 0 && minutes + r.rule.slotMin <= parseHhMm(c.branch.closesAt);
  if (!aligned) return { ok: false, code: 'NOT_A_SLOT' };
  if (!bookableAt(c, slotAt, now)) return { ok: false, code: 'SLOT_PAST' };
  if (!withinHorizon(c, day, now)) return { ok: false, code: 'BEYOND_HORIZON' };
  return { ok: true, service: r.service, rule: r.rule, day };
}
