/**
 * reports: a branch year of history → the month report and the today dashboard, through the branch server's
 * ReportsService (the store's read of the days' tickets and events, then core's arithmetic), as a manager's
 * request or the managers' push would run them.
 *
 * The year: 250 working days (Sunday–Thursday) of 1 000 tickets each — 250 000 tickets, 1.5 M events: every
 * ticket issued, called, recalled, started and ended; one in three also transferred to a second service, called,
 * started and ended there — with ten counters and their clerks, written through the store's repositories (a day
 * per transaction). Today is the last day, at 13:00, its later events not yet happened.
 * month_report_ms: the report of one calendar month (about 21 working days, 21 000 tickets, 126 000 events),
 * median of 7 after the first (month_report_cold_ms), which reads the events and caches the closed days'
 * transactions; today_ms: today's live report (never cached), median of 30. Baseline: reading the month's events
 * alone (ratio = report / that read). Targets: month ≤ 500 ms, today ≤ 50 ms.
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { uuidv7, type EventType, type Ticket } from '@dawr/core';
import { addDays, DayClock, staffingAdvice, weekday } from '@dawr/core/reports';
import { createBranchServer, loadConfig } from '@dawr/server';
import { cleanupOnExit, log, percentile, round, tempDir } from './lib/util';

const BRANCH = 'seef-mall';
const TZ = 'Asia/Bahrain';
const TODAY = '2026-11-24';
const NOW = '2026-11-24T13:00:00+03:00';
const DAYS = Number(process.env.BENCH_REPORT_DAYS ?? 250);
const PER_DAY = 1_000;
const MONTH = { from: '2026-10-01', to: '2026-10-31' };
const TARGET = { month: 500, today: 50 };
const MIN = 60_000;

/** The working days ending today, oldest first. */
function workingDays(n: number): string[] {
  const out: string[] = [];
  for (let d = TODAY; out.length < n; d = addDays(d, -1)) if (weekday(d) !== 5 && weekday(d) !== 6) out.push(d);
  return out.reverse();
}

const median = (xs: number[]) => percentile(xs, 50);

export async function run(): Promise<Record<string, unknown>> {
  const dir = tempDir('dawr-bench-reports-');
  // BENCH_REPORT_KEEP=1 keeps the year's database (its folder is printed) for trying queries on it.
  const cleanup = process.env.BENCH_REPORT_KEEP ? () => log(`kept ${dir.dir}`) : cleanupOnExit(() => dir.cleanup());
  const server = createBranchServer(loadConfig({ DAWR_DATA_DIR: dir.dir, DAWR_PORT: '0', DAWR_HOST: '127.0.0.1', DAWR_START_TIME: NOW, DAWR_LOG_LEVEL: 'silent' }));
  try {
    const { store } = server;
    const services = store.config.listServices(BRANCH);
    const counters = store.config.listCounters(BRANCH);
    const clock = new DayClock(TZ);
    const now = server.clock();
    const days = workingDays(DAYS);
    const started = performance.now();
    let tickets = 0;
    let events = 0;
    for (const day of days) {
      const open = clock.start(day) + 8 * 60 * MIN;
      const seqs = new Map<string, number>();
      store.tx(() => {
        for (let i = 0; i < PER_DAY; i++) {
          const svc = services[i % services.length]!;
          const next = services[(i + 1) % services.length]!;
          const c = counters[i % counters.length]!;
          const clerkId = `bench-clerk-${c.number}`;
          const seq = (seqs.get(svc.id) ?? 0) + 1;
          seqs.set(svc.id, seq);
          // Arrivals spread over six hours; each counter takes its visitors in turn.
          const arrived = open + Math.floor((i * 6 * 60 * MIN) / PER_DAY);
          const t: Ticket = {
            id: uuidv7(arrived),
            branchId: BRANCH,
            serviceId: svc.id,
            day,
            seq,
            number: `${svc.prefix}-${String(seq).padStart(3, '0')}`,
            state: 'done',
            priority: i % 17 === 0 ? 'elderly' : null,
            counterId: c.id,
            appointmentId: null,
            slotAt: null,
            arrivedAt: arrived,
            calledAt: arrived + 9 * MIN,
            startedAt: arrived + 10 * MIN,
            endedAt: arrived + 20 * MIN,
            outcome: 'served',
          };
          const steps: [EventType, number, string][] = [
            ['issued', arrived, svc.id],
            ['called', arrived + 9 * MIN, svc.id],
            ['recalled', arrived + 9.5 * MIN, svc.id],
            ['started', arrived + 10 * MIN, svc.id],
          ];
          if (i % 3 === 0) steps.push(['transferred', arrived + 16 * MIN, next.id], ['called', arrived + 18 * MIN, next.id], ['started', arrived + 19 * MIN, next.id]);
          steps.push(['ended', arrived + 25 * MIN, i % 3 === 0 ? next.id : svc.id]);
          // Today's later changes have not happened yet.
          const happened = steps.filter(([, at]) => at <= now);
          if (happened.length === 0) continue;
          store.tickets.insert(t);
          for (const [type, at, serviceId] of happened) {
            store.tickets.addEvent({ id: uuidv7(at), ticketId: t.id, branchId: BRANCH, type, at, counterId: type === 'issued' ? null : c.id, clerkId: type === 'issued' ? null : clerkId, serviceId });
          }
          tickets++;
          events += happened.length;
        }
        for (const c of counters) {
          store.reports.addCounterEvent({ id: uuidv7(open), branchId: BRANCH, counterId: c.id, clerkId: `bench-clerk-${c.number}`, open: true, at: open - 5 * MIN });
        }
      });
    }
    const writeS = (performance.now() - started) / 1000;
    log(`wrote ${tickets} tickets, ${events} events over ${days.length} working days (${days[0]} … ${days.at(-1)}) in ${round(writeS, 1)} s`);

    const reports = server.reports;
    const time = (fn: () => unknown) => {
      const t0 = performance.now();
      fn();
      return performance.now() - t0;
    };
    const monthDays = days.filter((d) => d >= MONTH.from && d <= MONTH.to).length;
    const readStart = clock.start(MONTH.from);
    const readEnd = clock.end(MONTH.to);
    // The first report of the month reads its events (and caches its closed days); later ones read the cache.
    const cold = time(() => reports.report(MONTH.from, MONTH.to));
    const month = Array.from({ length: 7 }, () => time(() => reports.report(MONTH.from, MONTH.to)));
    const monthRead = Array.from({ length: 7 }, () => time(() => store.reports.input(BRANCH, MONTH.from, MONTH.to, readStart, readEnd)));
    const monthView = reports.report(MONTH.from, MONTH.to);
    log(
      `month ${MONTH.from}…${MONTH.to}: ${monthDays} working days, ${monthView.report.visits} tickets; report ${round(median(month), 1)} ms ` +
        `(first, from the events: ${round(cold, 1)} ms; reading the events alone: ${round(median(monthRead), 1)} ms)`,
    );

    time(() => reports.todayView());
    const today = Array.from({ length: 30 }, () => time(() => reports.todayView()));
    const todayView = reports.todayView();
    log(`today ${TODAY} at 13:00: ${todayView.report.visits} tickets; report ${round(median(today), 2)} ms`);
    // The computation itself (what the worker thread spends), then the manager's request as served: on the worker,
    // its start included (the first request of a while starts it).
    const staffing = time(() => staffingAdvice(reports.staffingInput()));
    // Meanwhile the event loop's longest stall: what calls and pushes would wait (the past days' read stays here).
    const loop = monitorEventLoopDelay({ resolution: 5 });
    loop.enable();
    const t0 = performance.now();
    await reports.staffing();
    const staffingServed = performance.now() - t0;
    loop.disable();
    const stall = loop.max / 1e6;
    log(
      `staffing advice (4 past Tuesdays, simulation included): ${round(staffing, 0)} ms, once a minute at most; served on the worker thread ` +
        `in ${round(staffingServed, 0)} ms, the event loop's longest stall meanwhile ${round(stall, 0)} ms`,
    );

    const monthMs = round(median(month), 1);
    const todayMs = round(median(today), 2);
    return {
      bench: 'reports',
      tickets,
      events,
      working_days: days.length,
      write_s: round(writeS, 1),
      month_tickets: monthView.report.visits,
      month_report_ms: monthMs,
      month_report_p90_ms: round(percentile(month, 90), 1),
      month_report_cold_ms: round(cold, 1),
      month_events_read_ms: round(median(monthRead), 1),
      ratio: round(monthMs / median(monthRead), 2),
      today_tickets: todayView.report.visits,
      today_ms: todayMs,
      today_p90_ms: round(percentile(today, 90), 2),
      staffing_ms: round(staffing, 0),
      staffing_worker_ms: round(staffingServed, 0),
      staffing_loop_stall_ms: round(stall, 0),
      target: { month_report_ms: TARGET.month, today_ms: TARGET.today },
      meets_target: monthMs <= TARGET.month && todayMs <= TARGET.today,
    };
  } finally {
    await server.close();
    cleanup();
  }
}
