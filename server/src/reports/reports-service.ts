/**
 * The branch's reports for managers: today live, history over a range of days, the staffing advice and the CSV
 * exports, all computed by core from the event log the store reads; and the counter log the clerks' paused time
 * comes from (a counter opened or closed is recorded in the same transaction as the change).
 */
import { DEFAULT_QUEUE_RULES, isOpen, localDay, REPORT_TARGET_UP, uuidv7, type Counter, type Lang, type ReportTargetUp } from '@dawr/core';
import {
  addDays,
  daysBetween,
  DayClock,
  decodeDay,
  encodeDay,
  DEFAULT_SERVICE_TARGET,
  readTransactions,
  reportFromTransactions,
  summaryCsv,
  transactionsCsv,
  weekday,
  type ReportInput,
  type ReportView,
  type ServiceTarget,
  type StaffingAdviceInput,
  type StaffingView,
  type Transaction,
} from '@dawr/core/reports';
import type { Store } from '@dawr/db';
import type { Clock } from '../clock';
import type { QueueService } from '../queue-service';
import { StaffingThread } from './staffing-thread';

/** How many past same weekdays the arrival forecast averages. */
export const FORECAST_WEEKS = 4;
/** The staffing advice is computed at most this often (it runs the simulation). */
const STAFFING_TTL_MS = 60_000;
/** How many closed days the housekeeping keeps cached ahead of a manager's month report. */
const WARM_DAYS = 31;
/** The longest history one request may read. */
export const MAX_RANGE_DAYS = 366;

/** Runs of consecutive days (the days are in order). */
function runsOf(days: readonly string[]): string[][] {
  const runs: string[][] = [];
  for (const d of days) {
    const last = runs.at(-1);
    if (last && addDays(last.at(-1)!, 1) === d) last.push(d);
    else runs.push([d]);
  }
  return runs;
}

/** Every day of `days` with its transactions (none: an empty list, cached too). */
function groupByDay(txs: readonly Transaction[], days: readonly string[]): Map<string, Transaction[]> {
  const m = new Map<string, Transaction[]>(days.map((d) => [d, []]));
  for (const t of txs) m.get(t.day)?.push(t);
  return m;
}

export class ReportsService {
  private staffingCache: { at: number; gen: number; view: StaffingView } | null = null;
  /** Bumped when a setting the advice uses changes: a run started before it is not cached. */
  private staffingGen = 0;
  private staffingRun: { gen: number; promise: Promise<StaffingView> } | null = null;

  constructor(
    private readonly store: Store,
    private readonly branchId: string,
    private readonly clock: Clock,
    private readonly queue: QueueService,
    private readonly staffingThread: StaffingThread = new StaffingThread(),
  ) {}

  private get timeZone(): string {
    return this.store.config.getBranch(this.branchId)?.timezone ?? 'Asia/Bahrain';
  }

  /** Today's branch-local day. */
  today(): string {
    return localDay(this.clock(), this.timeZone);
  }

  private input(from: string, to: string): ReportInput {
    const clock = new DayClock(this.timeZone);
    return this.store.reports.input(this.branchId, from, to, clock.start(from), clock.end(to));
  }

  /** Each service's target (the manager's, else the default). */
  targets(): Record<string, ServiceTarget> {
    const set = this.store.reports.targets(this.branchId);
    return Object.fromEntries(this.store.config.listServices(this.branchId).map((s) => [s.id, set[s.id] ?? DEFAULT_SERVICE_TARGET]));
  }

  /**
   * The transactions of days `from`…`to`: closed days from the cache when it has them (dropped when their tickets get
   * a later event), the others read from the events, closed ones then cached.
   */
  private transactions(from: string, to: string, now: number): Transaction[] {
    const tz = this.timeZone;
    const today = localDay(now, tz);
    const clock = new DayClock(tz);
    const cached = this.store.reports.cachedDays(this.branchId, from, to, today);
    const txs: Transaction[] = [];
    const fresh: [string, string][] = [];
    for (const [day, text] of cached) txs.push(...decodeDay(text, day));
    // The days not cached, read from the events in runs of consecutive days (one query per run).
    for (const run of runsOf(daysBetween(from, to).filter((d) => !cached.has(d)))) {
      const first = run[0]!;
      const last = run.at(-1)!;
      const input = { tickets: this.store.reports.tickets(this.branchId, first, last), events: this.store.reports.events(this.branchId, first, last) };
      const read = readTransactions(input, clock, { checkIn: DEFAULT_QUEUE_RULES.checkIn, now });
      txs.push(...read);
      for (const [day, list] of groupByDay(read, run)) if (day < today) fresh.push([day, encodeDay(list)]);
    }
    if (fresh.length) this.store.tx(() => fresh.forEach(([day, text]) => this.store.reports.putCachedDay(this.branchId, day, text)));
    return txs;
  }

  /** The report of days `from`…`to` (live when it reaches today). */
  report(from: string, to: string): ReportView {
    const now = this.clock();
    const tz = this.timeZone;
    const clock = new DayClock(tz);
    const targets = this.targets();
    const extra = {
      appointments: this.store.reports.appointments(this.branchId, clock.start(from), clock.end(to)),
      counterEvents: this.store.reports.counterEvents(this.branchId, clock.start(from), clock.end(to)),
    };
    const live = to >= localDay(now, tz);
    const report = reportFromTransactions(this.transactions(from, to, now), extra, { timeZone: tz, from, to, targets, ...(live ? { now } : {}) });
    return { report, staff: Object.fromEntries(this.store.reports.staffNames(this.branchId)), targets };
  }

  /**
   * While the branch is closed, caches one of the last 31 closed days that is not cached yet (the newest first), so a
   * manager's month report need not read a month of events; returns whether it did. Called by the housekeeping timer.
   */
  warmOne(): boolean {
    const now = this.clock();
    const branch = this.store.config.getBranch(this.branchId);
    if (!branch || isOpen(now, branch)) return false;
    const today = localDay(now, branch.timezone);
    const from = addDays(today, -WARM_DAYS);
    const to = addDays(today, -1);
    const cached = this.store.reports.cachedDays(this.branchId, from, to, today);
    const day = daysBetween(from, to).reverse().find((d) => !cached.has(d));
    if (day === undefined) return false;
    this.report(day, day);
    return true;
  }

  /** Today's figures, live. */
  todayView(): ReportView {
    const day = this.today();
    return this.report(day, day);
  }

  /**
   * Staffing advice for the rest of today, from the same weekday of the last weeks (cached for a minute). The past
   * days are read here (from the cache of closed days); the forecast and simulation run on the worker thread, so
   * this event loop stays free. One computation at a time: a request while one runs shares it. Rejects with
   * StaffingUnavailable when the worker fails or is too slow.
   */
  staffing(): Promise<StaffingView> {
    const now = this.clock();
    const c = this.staffingCache;
    if (c && c.gen === this.staffingGen && now - c.at < STAFFING_TTL_MS && now >= c.at) return Promise.resolve(c.view);
    if (this.staffingRun?.gen === this.staffingGen) return this.staffingRun.promise;
    // A run for settings since changed finishes first (its answer is not cached); then this one starts.
    const before = this.staffingRun?.promise.catch(() => undefined);
    const gen = this.staffingGen;
    const promise = (async () => {
      await before;
      const view = await this.staffingThread.compute(this.staffingInput());
      if (gen === this.staffingGen) this.staffingCache = { at: view.at, gen, view };
      return view;
    })().finally(() => {
      if (this.staffingRun?.promise === promise) this.staffingRun = null;
    });
    this.staffingRun = { gen, promise };
    return promise;
  }

  /** Everything the staffing advice is computed from, read now (plain data for the worker). */
  staffingInput(): StaffingAdviceInput {
    const now = this.clock();
    const tz = this.timeZone;
    const today = localDay(now, tz);
    const basis = Array.from({ length: FORECAST_WEEKS }, (_, k) => addDays(today, -7 * (k + 1))).filter((d) => weekday(d) === weekday(today));
    const branch = this.store.config.getBranch(this.branchId)!;
    return {
      now,
      timeZone: tz,
      opensAt: branch.opensAt,
      closesAt: branch.closesAt,
      services: this.store.config.listServices(this.branchId).filter((s) => s.active).map((s) => ({ id: s.id, typicalServiceMin: s.typicalServiceMin ?? null })),
      counters: this.store.config.listCounters(this.branchId),
      targets: this.targets(),
      // Past days: from the cache of closed days (read and cached on first use).
      days: basis.map((day) => ({ day, transactions: this.transactions(day, day, now) })),
      waiting: this.store.tickets.listByState(this.branchId, 'waiting'),
      // Seeded by the day: the same question in the same minute gets the same answer.
      seed: Number(today.replaceAll('-', '')) % 100_000,
    };
  }

  /** Stops the staffing worker (the server is closing). */
  close(): Promise<void> {
    return this.staffingThread.close();
  }

  /** Drops the cached advice: the settings it came from changed. */
  private staffingChanged(): void {
    this.staffingCache = null;
    this.staffingGen++;
  }

  /** A CSV of days `from`…`to`: by day and service (`summary`), or one row per transaction. */
  csv(kind: 'summary' | 'transactions', from: string, to: string, lang: Lang): string {
    const tz = this.timeZone;
    const services = new Map(this.store.config.listServices(this.branchId).map((s) => [s.id, s.name[lang]]));
    const serviceName = (id: string) => services.get(id) ?? id;
    if (kind === 'summary') return summaryCsv(this.report(from, to).report, lang, serviceName);
    const input = this.input(from, to);
    const counters = new Map(this.store.config.listCounters(this.branchId).map((c) => [c.id, c.name[lang]]));
    const staff = this.store.reports.staffNames(this.branchId);
    const numbers = new Map(input.tickets.map((t) => [t.id, t.number]));
    const now = this.clock();
    const txs = readTransactions(input, new DayClock(tz), { checkIn: DEFAULT_QUEUE_RULES.checkIn, now });
    return transactionsCsv(txs, lang, tz, {
      service: serviceName,
      counter: (id) => (id === null ? '' : (counters.get(id) ?? id)),
      clerk: (id) => (id === null ? '' : (staff.get(id) ?? id)),
      ticketNumber: (id) => numbers.get(id) ?? id,
    });
  }

  /** Sets a service's target (null: back to the default). */
  setTarget(serviceId: string, target: ServiceTarget | null): Record<string, ServiceTarget> {
    // The centre's reports judge the branch by the same targets: the change goes up with the outbox (sync.md §2).
    const payload: ReportTargetUp = target ? { serviceId, withinMin: target.withinMin, share: target.share } : { serviceId, withinMin: null, share: null };
    this.store.tx(() => {
      this.store.reports.setTarget(this.branchId, serviceId, target);
      this.store.outbox.append(REPORT_TARGET_UP, 1, serviceId, payload, this.clock());
    });
    this.staffingChanged();
    return this.targets();
  }

  /** Opens or closes a counter and records who did it when (the clerks' paused time), in one transaction. */
  setCounterOpen(counterId: string, open: boolean, clerkId: string | null): Counter {
    return this.store.tx(() => {
      const was = this.store.config.listCounters(this.branchId).find((c) => c.id === counterId)?.open;
      const counter = this.queue.setCounterOpen(counterId, open);
      if (was !== open) {
        const at = this.clock();
        this.store.reports.addCounterEvent({ id: uuidv7(at), branchId: this.branchId, counterId, clerkId, open, at });
      }
      this.staffingChanged();
      return counter;
    });
  }
}
