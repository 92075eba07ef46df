/**
 * A hand-made branch day for the report tests (Asia/Bahrain, Sunday 2026-03-01, minutes after 08:00 local).
 * Each ticket's story and its hand-computed figures are written beside it; reports-kpi.test.ts checks them.
 */
import type { EventType } from '../src/domain';
import type { CounterEvent, ReportAppointment, ReportEvent, ReportInput, ReportTicket } from '../src/reports/types';

export const TZ = 'Asia/Bahrain';
export const DAY = '2026-03-01';
/** 08:00 in Bahrain (UTC+3). */
export const BASE = Date.parse('2026-03-01T05:00:00Z');
/** The instant `min` minutes after 08:00 local. */
export const m = (min: number) => BASE + min * 60_000;
/** Minutes of a duration in ms. */
export const mins = (ms: number | null) => (ms === null ? null : ms / 60_000);

export const A = 'svc-a';
export const B = 'svc-b';

const ticket = (id: string, extra: Partial<ReportTicket> = {}): ReportTicket => ({
  id,
  day: DAY,
  number: id,
  priority: null,
  appointmentId: null,
  slotAt: null,
  outcome: 'served',
  ...extra,
});

const ev = (ticketId: string, type: EventType, min: number, serviceId: string, counterId: string | null = null, clerkId: string | null = null): ReportEvent => ({
  ticketId,
  type,
  at: m(min),
  counterId,
  clerkId,
  serviceId,
});

/** The day after, 00:01 local: when the daily close ran. */
const CLOSE = 16 * 60 + 1;

export const tickets: ReportTicket[] = [
  ticket('T1'),
  ticket('T2'),
  ticket('T3', { appointmentId: 'ap3', slotAt: m(60) }),
  ticket('T4', { outcome: null }),
  ticket('T5', { outcome: null }),
  ticket('T6', { appointmentId: 'ap6', slotAt: m(30) }),
  ticket('T7', { outcome: null }),
  ticket('T8', { outcome: 'day_closed' }),
];

export const events: ReportEvent[] = [
  // T1 (A): wait 10, walk 1, service 10 at counter 1 (clerk k1).
  ev('T1', 'issued', 0, A),
  ev('T2', 'issued', 5, A),
  ev('T1', 'called', 10, A, 'c1', 'k1'),
  ev('T1', 'started', 11, A, 'c1', 'k1'),
  ev('T4', 'issued', 20, B),
  ev('T1', 'ended', 21, A, 'c1', 'k1'),
  // T5 (A): cancelled after 10 minutes, never called: not counted against the 20-minute target.
  ev('T5', 'issued', 25, A),
  // T2 (A): wait 25, recalled, walk 3, parked 38 → 45 (7), served 33→38 and 46→50: service 9.
  ev('T2', 'called', 30, A, 'c1', 'k1'),
  ev('T2', 'recalled', 32, A, 'c1', 'k1'),
  ev('T2', 'started', 33, A, 'c1', 'k1'),
  ev('T5', 'cancelled', 35, A),
  ev('T2', 'parked', 38, A, 'c1', 'k1'),
  // T4 (B): wait 20 (exactly the target: within), no-show.
  ev('T4', 'called', 40, B, 'c2', 'k2'),
  ev('T4', 'no_show', 45, B, 'c2', 'k2'),
  ev('T2', 'returned', 45, A, 'c1', 'k1'),
  ev('T2', 'started', 46, A, 'c1', 'k1'),
  ev('T2', 'ended', 50, A, 'c1', 'k1'),
  // T3 (B): appointment at 60, checked in at 50 (on time, early): waits from 60; called 65 → wait 5.
  ev('T3', 'checked_in', 50, B),
  // T6 (B): appointment at 30, checked in at 50 (20 late, past the 15-minute window): a walk-in, waits from 50.
  ev('T6', 'checked_in', 50, B),
  ev('T3', 'called', 65, B, 'c2', 'k2'),
  ev('T3', 'started', 66, B, 'c2', 'k2'),
  // Served 10 in B, then transferred to A: a second transaction waiting from 76, called 80 (wait 4), service 10.
  ev('T3', 'transferred', 76, A, null, 'k2'),
  ev('T3', 'called', 80, A, 'c1', 'k1'),
  ev('T3', 'started', 80, A, 'c1', 'k1'),
  ev('T3', 'ended', 90, A, 'c1', 'k1'),
  // T6: called 100 → wait 50 (missed), service 10.
  ev('T6', 'called', 100, B, 'c2', 'k2'),
  ev('T7', 'issued', 100, A),
  ev('T6', 'started', 101, B, 'c2', 'k2'),
  // T8 (B): wait 5, walk 1, still being served when the day closed.
  ev('T8', 'issued', 110, B),
  ev('T6', 'ended', 111, B, 'c2', 'k2'),
  ev('T8', 'called', 115, B, 'c2', 'k2'),
  ev('T8', 'started', 116, B, 'c2', 'k2'),
  // The daily close, after midnight: T7 was still waiting (cancelled), T8 still serving (finished day_closed).
  ev('T7', 'cancelled', CLOSE, A),
  ev('T8', 'ended', CLOSE, B, 'c2'),
];

export const appointments: ReportAppointment[] = [
  { id: 'ap3', serviceId: B, slotAt: m(60), status: 'checked_in', ticketId: 'T3' },
  { id: 'ap6', serviceId: B, slotAt: m(30), status: 'checked_in', ticketId: 'T6' },
  { id: 'ap9', serviceId: A, slotAt: m(120), status: 'booked', ticketId: null },
  { id: 'ap10', serviceId: A, slotAt: m(150), status: 'cancelled', ticketId: null },
];

/** Counter 1: opened by k1 at 07:55, paused 08:55 → 09:10. Counter 2 has no events (open all day). */
export const counterEvents: CounterEvent[] = [
  { counterId: 'c1', clerkId: 'k1', open: true, at: m(-5) },
  { counterId: 'c1', clerkId: 'k1', open: false, at: m(55) },
  { counterId: 'c1', clerkId: 'k1', open: true, at: m(70) },
];

export const dayInput: ReportInput = { tickets, events, appointments, counterEvents };
