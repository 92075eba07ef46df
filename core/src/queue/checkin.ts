/** Appointment check-in window. Pure: every function takes `now` (epoch ms). */

const MIN = 60_000;

/** How early and how late (minutes around the slot) a booked visitor may check in as an appointment. */
export interface CheckInWindowRules {
  earlyMin: number;
  lateMin: number;
}

export const DEFAULT_CHECK_IN_WINDOW: Readonly<CheckInWindowRules> = { earlyMin: 30, lateMin: 15 };

/**
 * Where `now` falls relative to an appointment's check-in window [slotAt − earlyMin, slotAt + lateMin]
 * (both ends inclusive):
 * - `'too_early'`: before the window; the kiosk asks the visitor to come back (see {@link checkInOpensAt}).
 * - `'on_time'`: inside; the ticket keeps its appointment and is ordered by `slotAt`.
 * - `'late'`: after the window; the visitor is not refused but joins the walk-in queue and is told so
 *   (see {@link checkInDecision}, `joinsAs: 'walk_in'`).
 */
export function checkInWindow(
  slotAt: number,
  now: number,
  { earlyMin = DEFAULT_CHECK_IN_WINDOW.earlyMin, lateMin = DEFAULT_CHECK_IN_WINDOW.lateMin }: Partial<CheckInWindowRules> = {},
): 'too_early' | 'on_time' | 'late' {
  if (now < slotAt - earlyMin * MIN) return 'too_early';
  if (now > slotAt + lateMin * MIN) return 'late';
  return 'on_time';
}

export type CheckInWindow = ReturnType<typeof checkInWindow>;

/** What the kiosk does with a check-in: join as appointment, as walk-in (late), or not yet (too early). */
export interface CheckInDecision {
  window: CheckInWindow;
  /** `null` when too early: no ticket is issued yet. */
  joinsAs: 'appointment' | 'walk_in' | null;
  /** When too early, the first moment check-in is accepted (epoch ms); otherwise null. */
  retryAt: number | null;
}

/**
 * The check-in outcome to show the visitor. A late visitor is issued a walk-in ticket
 * (`joinsAs: 'walk_in'`) and must be told they lost their appointment's place.
 */
export function checkInDecision(slotAt: number, now: number, rules: Partial<CheckInWindowRules> = {}): CheckInDecision {
  const window = checkInWindow(slotAt, now, rules);
  switch (window) {
    case 'too_early':
      return { window, joinsAs: null, retryAt: checkInOpensAt(slotAt, rules) };
    case 'on_time':
      return { window, joinsAs: 'appointment', retryAt: null };
    case 'late':
      return { window, joinsAs: 'walk_in', retryAt: null };
  }
}

/** The first moment (epoch ms) an appointment at `slotAt` may check in. */
export function checkInOpensAt(slotAt: number, { earlyMin = DEFAULT_CHECK_IN_WINDOW.earlyMin }: Partial<CheckInWindowRules> = {}): number {
  return slotAt - earlyMin * MIN;
}
