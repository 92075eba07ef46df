/**
 * A realistic past branch day for the demo, planned before anything is written: arrivals per service with a
 * morning peak, some priorities and appointments (early, on time, late), who each counter calls (core's
 * simulation of the day through the real call rule), and what then happened to each visitor — served, recalled,
 * parked and returned, transferred, no-show, left before the call. Seeded: the same day plans the same way.
 */
import { PRIORITIES, type Counter, type Priority, type Service } from '@dawr/core';
import { exponential, seededRandom, simulate, type SimArrival } from '@dawr/core/reports';

const MIN = 60_000;

/** Arrivals an hour at a 5-counter branch, by service code (scaled by the branch's counters). */
const RATE: Record<string, number> = { 'new-card': 6, renewal: 9, replacement: 3.5, collection: 6, 'birth-certificate': 3 };
/** The shape of a day: quieter at opening, a peak mid-morning, thinning out before closing. */
const HOUR_SHAPE: Record<number, number> = { 8: 0.8, 9: 1.25, 10: 1.35, 11: 1.1, 12: 0.8, 13: 0.55 };

/** One step of a visitor's story after the call. */
export type Step =
  | { kind: 'called' | 'recalled' | 'started' | 'no_show' | 'cancelled' | 'parked' | 'returned'; at: number }
  | { kind: 'ended'; at: number; outcome: string }
  | { kind: 'transferred'; at: number; serviceId: string };

export interface PlannedVisit {
  serviceId: string;
  arrivedAt: number;
  priority: Priority | null;
  slotAt: number | null;
  counterId: string | null;
  steps: Step[];
}

export interface PlannedDay {
  visits: PlannedVisit[];
  /** Appointments booked for the day that nobody came to. */
  noShowSlots: { serviceId: string; slotAt: number }[];
  /** Counters paused: [counterId, from, to]. */
  pauses: [string, number, number][];
  opensAt: number;
  closesAt: number;
}

/**
 * Plans the day that opens at `opensAt` and closes at `closesAt` (epoch ms, branch clock); `hourOf` gives the
 * branch-local hour of an instant.
 */
export function planDay(
  seed: number,
  day: { opensAt: number; closesAt: number; hourOf: (at: number) => number },
  services: readonly Service[],
  counters: readonly Counter[],
): PlannedDay {
  const { opensAt, closesAt } = day;
  const random = seededRandom(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const scale = (counters.length / 5) * (0.85 + random() * 0.3);
  const arrivals: SimArrival[] = [];
  const noShowSlots: PlannedDay['noShowSlots'] = [];
  for (const s of services) {
    const base = (RATE[s.code] ?? 3) * scale;
    for (let at = opensAt; at < closesAt - 20 * MIN; ) {
      at += exponential(random, 3_600_000 / (base * (HOUR_SHAPE[day.hourOf(at)] ?? 0.5)));
      if (at >= closesAt - 20 * MIN) break;
      const priority = random() < 0.06 ? pick(PRIORITIES) : null;
      let slotAt: number | null = null;
      if (s.acceptsAppointments && random() < 0.15) {
        // Booked slots are on the 10 minutes; most come a little early, some on the dot, some late.
        const r = random();
        const lead = r < 0.6 ? 5 + random() * 20 : r < 0.85 ? random() * 4 : -(5 + random() * 25);
        slotAt = Math.round((at + lead * MIN) / (10 * MIN)) * 10 * MIN;
      }
      if (!s.acceptsWalkIns && slotAt === null) continue;
      arrivals.push({ serviceId: s.id, at: Math.round(at), priority, slotAt });
    }
    if (s.acceptsAppointments) for (let i = 0; i < 2; i++) noShowSlots.push({ serviceId: s.id, slotAt: opensAt + Math.floor(random() * 30) * 10 * MIN });
  }
  arrivals.sort((a, b) => a.at - b.at);
  // Two counters take a short break each.
  const pauses: [string, number, number][] = counters.slice(0, 2).map((c, i) => [c.id, opensAt + (180 + i * 75) * MIN, opensAt + (195 + i * 75) * MIN]);
  const typical = new Map(services.map((s) => [s.id, (s.typicalServiceMin ?? 8) * MIN]));
  const handle = (serviceId: string) => {
    // Log-normal around the typical visit (spread 0.45): most close to it, a few much longer.
    const mean = typical.get(serviceId) ?? 8 * MIN;
    const z = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    return Math.max(MIN, mean * Math.exp(0.45 * z - 0.1));
  };
  const simCounters = counters.map((c) => {
    const p = pauses.find(([id]) => id === c.id);
    const open: [number, number][] = p ? [[opensAt, p[1]], [p[2], closesAt]] : [[opensAt, closesAt]];
    return { id: c.id, profile: c.profile, open };
  });
  const sim = simulate({ start: opensAt, end: closesAt, arrivals, counters: simCounters, handleMs: handle });
  const collection = services.find((s) => s.code === 'collection');
  const visits = sim.map((v, i): PlannedVisit => {
    const a = arrivals[i]!;
    const steps: Step[] = [];
    const visit = { serviceId: a.serviceId, arrivedAt: a.at, priority: a.priority, slotAt: a.slotAt, counterId: v.counterId, steps };
    const r = random();
    if (v.calledAt === null || r < 0.02) {
      steps.push({ kind: 'cancelled', at: Math.min(v.calledAt ?? closesAt, a.at + (10 + random() * 30) * MIN) });
      return visit;
    }
    let t = v.calledAt;
    steps.push({ kind: 'called', at: t });
    if (random() < 0.05) steps.push({ kind: 'recalled', at: (t += MIN) });
    if (r < 0.06) {
      steps.push({ kind: 'no_show', at: t + 3 * MIN });
      return visit;
    }
    const done = v.calledAt + handle(a.serviceId);
    steps.push({ kind: 'started', at: (t += (30 + random() * 60) * 1000) });
    if (random() < 0.03) {
      steps.push({ kind: 'parked', at: (t += 2 * MIN) }, { kind: 'returned', at: (t += 4 * MIN) }, { kind: 'started', at: (t += 30_000) });
    }
    const end = Math.max(done, t + MIN);
    if (collection && collection.id !== a.serviceId && random() < 0.04) {
      // Served, then sent on to collect a card: a second transaction, called a few minutes later at the same counter.
      let u = end + (2 + random() * 4) * MIN;
      steps.push({ kind: 'transferred', at: end, serviceId: collection.id }, { kind: 'called', at: u }, { kind: 'started', at: (u += 40_000) });
      steps.push({ kind: 'ended', at: u + (2 + random() * 3) * MIN, outcome: 'served' });
      return visit;
    }
    const o = random();
    steps.push({ kind: 'ended', at: end, outcome: o < 0.92 ? 'served' : o < 0.97 ? 'incomplete_documents' : 'referred' });
    return visit;
  });
  // Times on the branch clock are whole milliseconds (the sync contract checks it).
  for (const v of visits) for (const step of v.steps) step.at = Math.round(step.at);
  return { visits, noShowSlots, pauses, opensAt, closesAt };
}
