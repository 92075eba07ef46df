/** Staffing advice from a same-weekday history: Erlang C per service and hour, and the simulation's check. */
import { describe, expect, it } from 'vitest';
import type { Counter, EventType } from '../src/domain';
import { serversNeeded } from '../src/reports/erlang';
import { forecastFrom } from '../src/reports/forecast';
import { checkStaffing } from '../src/reports/staffing-check';
import { comingHours, staffingHours, type StaffingInput } from '../src/reports/staffing';
import { exponential, seededRandom } from '../src/reports/stats';
import type { ReportEvent, ReportInput, ReportTicket } from '../src/reports/types';

const TZ = 'Asia/Bahrain';
const MIN = 60_000;
/** Four past Sundays, and the Sunday forecast (2026-03-29), 08:00 local = 05:00 UTC. */
const PAST = ['2026-03-01', '2026-03-08', '2026-03-15', '2026-03-22'];
const at = (day: string, min: number) => Date.parse(`${day}T05:00:00Z`) + min * MIN;

/** Each past day: for each service, one arrival every `gapMin` from 08:00 to 14:00, each keeping a counter ~10 min. */
function history(services: string[], gapMin: number, opts: { priorityEvery?: number } = {}): ReportInput {
  const random = seededRandom(42);
  const tickets: ReportTicket[] = [];
  const events: ReportEvent[] = [];
  const ev = (ticketId: string, type: EventType, t: number, serviceId: string): ReportEvent => ({ ticketId, type, at: t, counterId: 'c1', clerkId: null, serviceId });
  for (const day of PAST) {
    for (const s of services) {
      for (let k = 0, min = 0; min < 360; k++, min += gapMin) {
        const id = `${day}-${s}-${k}`;
        const priority = opts.priorityEvery && k % opts.priorityEvery === 0 ? 'elderly' : null;
        tickets.push({ id, day, number: id, priority, appointmentId: null, slotAt: null, outcome: 'served' });
        const called = at(day, min + 1);
        events.push(ev(id, 'issued', at(day, min), s), ev(id, 'called', called, s), ev(id, 'started', called + MIN, s));
        events.push(ev(id, 'ended', called + Math.max(MIN, Math.round(exponential(random, 10 * MIN))), s));
      }
    }
  }
  return { tickets, events };
}

const counter = (n: number, services: string[], open = true): Counter => ({
  id: `c${n}`,
  branchId: 'b',
  number: n,
  name: { ar: '', en: '' },
  open,
  profile: services.map((serviceId, position) => ({ serviceId, position, weight: 1 })),
});

const base = (h: ReportInput, services: string[], counters: Counter[], nowMin: number): StaffingInput => ({
  now: at('2026-03-29', nowMin),
  timeZone: TZ,
  opensAt: '08:00',
  closesAt: '14:00',
  services: services.map((id) => ({ id })),
  counters,
  forecast: forecastFrom(h, PAST.length, TZ),
});

describe('the coming hours', () => {
  it('from the hour now to closing; the current hour starts now', () => {
    const hours = comingHours(at('2026-03-29', 150), TZ, '08:00', '13:30');
    expect(hours.map((h) => h.hour)).toEqual([10, 11, 12, 13]);
    expect(hours[0]!.from).toBe(at('2026-03-29', 150));
    expect(hours.at(-1)!.to).toBe(at('2026-03-29', 330));
    expect(comingHours(at('2026-03-29', 400), TZ, '08:00', '14:00')).toEqual([]);
    expect(comingHours(at('2026-03-29', -60), TZ, '08:00', '14:00')).toHaveLength(6);
  });
});

describe('Erlang C advice per service and hour', () => {
  const h = history(['A'], 4);
  const input = base(h, ['A'], [counter(1, ['A']), counter(2, ['A'])], 30);
  const hours = staffingHours(input);

  it('forecasts the same weekday: 15 an hour, and the measured handle time', () => {
    const f = input.forecast.services.get('A')!;
    expect(f.perHour[9]).toBe(15);
    expect(f.meanHandleMs! / MIN).toBeGreaterThan(8);
    expect(f.meanHandleMs! / MIN).toBeLessThan(12);
  });

  it('needs what Erlang C needs for 80 % within 20 min, beside the 2 counters open', () => {
    const cell = hours.find((x) => x.hour === 9)!.services[0]!;
    const mean = input.forecast.services.get('A')!.meanHandleMs!;
    expect(cell.needed).toBe(serversNeeded(15, mean, { withinMs: 20 * MIN, share: 0.8 }));
    expect(cell.needed).toBeGreaterThan(2);
    expect(cell.open).toBe(2);
    // Two counters for a load above 2 Erlangs: the queue grows.
    expect(15 * mean).toBeGreaterThan(2 * 60 * MIN);
    expect(cell).toMatchObject({ stable: false, predictedMeanWaitMs: null, predictedP90WaitMs: null });
    const three = staffingHours({ ...input, counters: [1, 2, 3].map((n) => counter(n, ['A'])) }).find((x) => x.hour === 9)!.services[0]!;
    expect(three.stable).toBe(true);
    expect(three.predictedP90WaitMs).toBeGreaterThan(three.predictedMeanWaitMs!);
    // The hour now (08:30) expects half an hour's arrivals.
    expect(hours[0]!.services[0]!.arrivals).toBeCloseTo(7.5, 10);
  });

  it('a service never measured uses its configured typical visit; without one and with arrivals it has no advice', () => {
    const none = staffingHours({ ...input, forecast: forecastFrom({ tickets: [], events: [] }, 0, TZ), services: [{ id: 'A', typicalServiceMin: 10 }] });
    expect(none[0]!.services[0]).toMatchObject({ needed: 0, meanHandleMs: 10 * MIN });
  });
});

describe("the simulation's check", () => {
  it('where Erlang C holds (one service, counters of their own, no queue), the simulation agrees within a counter', () => {
    const h = history(['A'], 5);
    const check = checkStaffing({ ...base(h, ['A'], [counter(1, ['A']), counter(2, ['A'])], 30), hours: staffingHours(base(h, ['A'], [counter(1, ['A']), counter(2, ['A'])], 30)), waiting: [] })!;
    expect(check.from).toBe(at('2026-03-29', 60));
    expect(check.asIs).toMatchObject({ counters: 2, met: false });
    expect(check.advice.met).toBe(true);
    expect(Math.abs(check.answer.counters - check.advice.counters)).toBeLessThanOrEqual(1);
    expect(check.answer.p90WaitMs).toBeLessThanOrEqual(20 * MIN);
    expect(check.answer.neverCalled).toBe(0);
    expect(check.answer.visitors).toBeGreaterThan(300); // about 12 an hour for 5 hours, 6 replications
  });

  it('counters shared by two services need fewer than Erlang C per service: the simulation says so, and why', () => {
    // Each service: 6 an hour, ~10 min each (1 Erlang): Erlang C wants 2 counters each, 4 in all. Shared counters
    // pool the two queues (2 Erlangs on 3 counters meets the target).
    const h = history(['A', 'B'], 10, { priorityEvery: 4 });
    const counters = [1, 2, 3, 4].map((n) => counter(n, ['A', 'B']));
    const input = base(h, ['A', 'B'], counters, 30);
    const hours = staffingHours(input);
    expect(hours.find((x) => x.hour === 10)!.needed).toBe(4);
    const check = checkStaffing({ ...input, hours, waiting: [] })!;
    expect(check.advice.counters).toBe(4);
    expect(check.answer.counters).toBeLessThan(4);
    expect(check.answer.met).toBe(true);
    expect(check.agrees).toBe(false);
    expect(check.reasons).toEqual(expect.arrayContaining(['shared_counters', 'priorities']));
  });

  it('is deterministic for a seed, and none is made after closing', () => {
    const h = history(['A'], 5);
    const input = { ...base(h, ['A'], [counter(1, ['A'])], 30), waiting: [] };
    const hours = staffingHours(input);
    expect(checkStaffing({ ...input, hours, seed: 3 })).toEqual(checkStaffing({ ...input, hours, seed: 3 }));
    const late = { ...base(h, ['A'], [counter(1, ['A'])], 400), waiting: [] };
    expect(checkStaffing({ ...late, hours: staffingHours(late) })).toBeNull();
  });
});
