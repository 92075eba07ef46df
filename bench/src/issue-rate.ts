/**
 * issue-rate: durable tickets per second through the service layer vs raw better-sqlite3.
 *
 * Service: a real branch (createBranchServer, demo Seef Mall, not listening — no sockets connected), tickets
 * issued with `server.queue.issue({serviceId}, {deviceId:'bench'})`, in-process. This is the composition
 * that runs in production, so the socket layer's queue-changed listener (which encodes its push even with
 * nobody connected) is part of the cost.
 * Raw: a second fresh file opened with `openDatabase` (same schema, WAL, synchronous=FULL), the same branch
 * and services copied in, then per ticket one IMMEDIATE transaction with four prepared statements:
 * ticket_sequences bump, tickets insert, ticket_events insert, outbox insert (same payload JSON). That is the
 * least any implementation must do to store the same rows durably.
 *
 * Same count on each side, services rotated (5 services: the 999-a-day cap per service is never reached),
 * in blocks (whose rates show the trend with the queue's depth) within which the sides take turns every 10
 * tickets, the first side flipped each turn; warm-up excluded. ratio = service rate / raw rate; target ≥ 0.8.
 * Afterwards, where the service's time goes at the final queue depth: a sampled CPU profile (node:inspector)
 * of further issues (about 1.5 s of them; BENCH_CPUPROF_DIR=dir keeps it whole), and a few pieces timed alone.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { isOpen, localDay, rooms, uuidv7, type Branch, type Ticket } from '@dawr/core';
import { ConfigRepo, openDatabase } from '@dawr/db';
import { createBranchServer, loadConfig, type BranchServer } from '@dawr/server';
import { profile } from './lib/profile';
import { cleanupOnExit, log, round, tempDir } from './lib/util';

const COUNT = Number(process.env.BENCH_TICKETS ?? 2000); // measured, per side (BENCH_TICKETS for a quick try)
const WARMUP = 50; // per side, excluded
const BLOCKS = 10;
/** Tickets per side before the other side takes its turn, within a block. */
const ROUND = 10;
/** The measured blocks stop early (after a whole pair, so the counts stay equal) past this budget. */
const MEASURE_BUDGET_MS = 30_000;
/** The profile runs further service issues for about this long (at most PROFILED_MAX of them). */
const PROFILE_MS = 1_500;
const PROFILED_MAX = 1_000;
const TARGET_RATIO = 0.8;
const BRANCH = 'seef-mall';
const START = '2026-11-24T09:00:00+03:00';

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function run(): Promise<Record<string, unknown>> {
  const started = performance.now();
  const svcDir = tempDir('dawr-bench-issue-svc-');
  const rawDir = tempDir('dawr-bench-issue-raw-');
  const cleanupDirs = cleanupOnExit(() => {
    svcDir.cleanup();
    rawDir.cleanup();
  });
  const server = createBranchServer(
    loadConfig({ DAWR_DATA_DIR: svcDir.dir, DAWR_PORT: '0', DAWR_HOST: '127.0.0.1', DAWR_START_TIME: START, DAWR_LOG_LEVEL: 'silent' }),
  );
  const raw = openDatabase(path.join(rawDir.dir, 'raw.sqlite'));
  try {
    const branch = server.store.config.getBranch(BRANCH)!;
    // Thousands waiting at once would be refused as past closing time by the seed's typical durations
    // (the estimate's basis before any service is measured); the bench measures storing, not that rule.
    server.store.tx(() => {
      for (const svc of server.store.config.listServices(BRANCH)) server.store.config.upsertService({ ...svc, typicalServiceMin: null });
    });
    server.queue.reloadConfig();
    const services = server.store.config.listServices(BRANCH);
    if (services.length * 999 < COUNT + WARMUP + PROFILED_MAX) {
      throw new Error(`${COUNT + WARMUP + PROFILED_MAX} tickets exceed the daily cap (999) of ${services.length} services`);
    }
    log(`issue-rate: ${COUNT} tickets per side over ${services.length} services, ${BLOCKS} blocks taking turns every ${ROUND} tickets (+${WARMUP} warm-up)`);
    log(`data: ${svcDir.dir} (service), ${rawDir.dir} (raw); both WAL + synchronous=FULL`);

    // --- raw side: same branch and services, then prepared statements only ---
    const rawConfig = new ConfigRepo(raw);
    rawConfig.upsertBranch(branch);
    for (const s of services) rawConfig.upsertService(s);
    const epoch = (raw.prepare("SELECT value FROM meta WHERE key = 'epoch'").get() as { value: string }).value;
    const st = {
      bump: raw.prepare(
        `INSERT INTO ticket_sequences (branch_id, service_id, day, last_seq) VALUES (?, ?, ?, 1)
         ON CONFLICT (branch_id, service_id, day) DO UPDATE SET last_seq = last_seq + 1 RETURNING last_seq`,
      ),
      ticket: raw.prepare(
        `INSERT INTO tickets (id, branch_id, service_id, issue_service_id, day, seq, number, state, priority, counter_id,
           appointment_id, slot_at, arrived_at, called_at, started_at, ended_at, outcome)
         VALUES (@id, @branchId, @serviceId, @serviceId, @day, @seq, @number, @state, @priority, @counterId,
           @appointmentId, @slotAt, @arrivedAt, @calledAt, @startedAt, @endedAt, @outcome)`,
      ),
      event: raw.prepare(
        `INSERT INTO ticket_events (id, ticket_id, branch_id, type, at, counter_id, clerk_id, service_id)
         VALUES (?, ?, ?, 'issued', ?, NULL, NULL, ?)`,
      ),
      outbox: raw.prepare(
        `INSERT INTO outbox (epoch, type, type_version, entity_id, payload, created_at) VALUES (?, 'ticket.issued', 1, ?, ?, ?)`,
      ),
    };
    const offset = Date.parse(START) - Date.now(); // the same shifted branch clock as the server's
    const day = localDay(Date.now() + offset, branch.timezone);
    const rawIssue = raw.transaction((serviceId: string, prefix: string) => {
      const now = Date.now() + offset;
      const seq = (st.bump.get(BRANCH, serviceId, day) as { last_seq: number }).last_seq;
      const t: Ticket = {
        id: randomUUID(),
        branchId: BRANCH,
        serviceId,
        day,
        seq,
        number: `${prefix}-${String(seq).padStart(3, '0')}`,
        state: 'waiting',
        priority: null,
        counterId: null,
        appointmentId: null,
        slotAt: null,
        arrivedAt: now,
        calledAt: null,
        startedAt: null,
        endedAt: null,
        outcome: null,
      };
      st.ticket.run(t);
      st.event.run(randomUUID(), t.id, BRANCH, now, serviceId);
      st.outbox.run(epoch, t.id, JSON.stringify({ ticket: t, deviceId: 'bench' }), now);
    });

    let svcN = 0;
    let rawN = 0;
    const svcBlock = (n: number) => {
      const t0 = performance.now();
      for (let i = 0; i < n; i++, svcN++) server.queue.issue({ serviceId: services[svcN % services.length]!.id }, { deviceId: 'bench' });
      return performance.now() - t0;
    };
    const rawBlock = (n: number) => {
      const t0 = performance.now();
      for (let i = 0; i < n; i++, rawN++) {
        const s = services[rawN % services.length]!;
        rawIssue.immediate(s.id, s.prefix);
      }
      return performance.now() - t0;
    };

    svcBlock(WARMUP);
    rawBlock(WARMUP);
    let svcMs = 0;
    let rawMs = 0;
    const perBlock = Math.ceil(COUNT / BLOCKS);
    const blockRates: { service: number; raw: number }[] = [];
    let measured = 0;
    const measureStart = performance.now();
    for (let b = 0; b < BLOCKS; b++) {
      await yieldToLoop(); // the blocks are synchronous: let Ctrl-C and the watchdog in between them
      if (b > 0 && performance.now() - measureStart > MEASURE_BUDGET_MS) {
        log(`time budget (${MEASURE_BUDGET_MS / 1000} s) spent: stopping after ${b} of ${BLOCKS} blocks`);
        break;
      }
      const n = Math.min(perBlock, COUNT - b * perBlock);
      // Within a block the sides take turns every ROUND tickets (the first flipped each turn): a spell of
      // disk or CPU contention from outside then lands on both alike, where a whole block of one side
      // could catch it alone (blocks of 200 swung from 0.36 to 1.8 on a busy machine).
      let s = 0;
      let r = 0;
      for (let done = 0, turn = 0; done < n; done += ROUND, turn++) {
        const k = Math.min(ROUND, n - done);
        if ((b + turn) % 2 === 0) {
          s += svcBlock(k);
          r += rawBlock(k);
        } else {
          r += rawBlock(k);
          s += svcBlock(k);
        }
      }
      svcMs += s;
      rawMs += r;
      measured += n;
      const rate = { service: round((n / s) * 1000, 0), raw: round((n / r) * 1000, 0) };
      blockRates.push(rate);
      log(`block ${b + 1}/${BLOCKS} (queue ${svcN - n}→${svcN}): service ${rate.service}/s, raw ${rate.raw}/s, ratio ${round(rate.service / rate.raw)}`);
    }

    // Sanity: both databases hold the same number of rows.
    const counts = (db: typeof raw) =>
      ['tickets', 'ticket_events', 'outbox'].map((t) => (db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n);
    const census = server.store.census.rowCounts();
    const [sc, rc] = [[census.tickets, census.ticket_events, census.outbox], counts(raw)];
    if (sc.join() !== rc.join()) throw new Error(`row counts differ: service ${sc.join('/')} vs raw ${rc.join('/')}`);

    const serviceRate = (measured / svcMs) * 1000;
    const rawRate = (measured / rawMs) * 1000;
    const ratio = round(serviceRate / rawRate);
    log(`service ${round(serviceRate, 0)} tickets/s, raw ${round(rawRate, 0)} tickets/s, ratio ${ratio} (target ≥ ${TARGET_RATIO})`);

    // Where the service's time goes: a sampled CPU profile of more issues at the queue depth reached,
    // then a few pieces timed alone (public API only, so this keeps working as the service changes).
    const depth = svcN;
    let profiled = 0;
    const prof = await profile(() => {
      const t0 = performance.now();
      while (profiled < PROFILED_MAX && performance.now() - t0 < PROFILE_MS) {
        svcBlock(10);
        profiled += 10;
      }
    }, 12, undefined, process.env.BENCH_CPUPROF_DIR && path.join(process.env.BENCH_CPUPROF_DIR, 'issue-rate.cpuprofile'));
    log(`profile of ${profiled} more service issues (~${prof.samples} busy samples of 100 µs), % of busy time with the function on the stack:`);
    for (const e of prof.inclusive) log(`  ${String(e.pct).padStart(5)}%  ${e.fn}`);
    log('self time:');
    for (const e of prof.self) log(`  ${String(e.pct).padStart(5)}%  ${e.fn}`);
    const breakdown = breakdownUs(server, branch, svcN, 1e6 / serviceRate, 1e6 / rawRate);

    return {
      bench: 'issue-rate',
      tickets: measured,
      tickets_planned: COUNT,
      stopped_early: measured < COUNT,
      queue_depth_end: depth,
      warmup: WARMUP,
      blocks: BLOCKS,
      services: services.length,
      service_rate_per_s: round(serviceRate, 1),
      raw_rate_per_s: round(rawRate, 1),
      ratio,
      target_ratio: TARGET_RATIO,
      meets_target: ratio >= TARGET_RATIO,
      first_block_ratio: round(blockRates[0]!.service / blockRates[0]!.raw),
      last_block_ratio: round(blockRates.at(-1)!.service / blockRates.at(-1)!.raw),
      service_breakdown_us: breakdown,
      service_profile_inclusive_pct: Object.fromEntries(prof.inclusive.slice(0, 10).map((e) => [e.fn, e.pct])),
      service_profile_self_pct: Object.fromEntries(prof.self.slice(0, 8).map((e) => [e.fn, e.pct])),
      wall_s: round((performance.now() - started) / 1000, 1),
    };
  } finally {
    raw.close();
    await server.close();
    cleanupDirs();
  }
}

/**
 * Times, outside any transaction, the pieces one `issue()` runs besides the four writes, at the queue
 * depth the run ended with (every issued ticket is still waiting). Microseconds per issue.
 */
function breakdownUs(
  server: BranchServer,
  branch: Branch,
  waitingCount: number,
  serviceUsPerTicket: number,
  rawUsPerTicket: number,
): Record<string, number> {
  const REPS = 200;
  const time = (fn: () => void, reps = REPS) => {
    fn();
    const t0 = performance.now();
    for (let i = 0; i < reps; i++) fn();
    return round(((performance.now() - t0) / reps) * 1000, 1);
  };
  const now = Date.now();
  const change = server.queue.queueChange();
  const b = {
    // whole issue, averaged over the measured blocks (so at about half the final queue depth)
    per_issue_service: round(serviceUsPerTicket, 1),
    per_issue_raw: round(rawUsPerTicket, 1),
    // one read of the whole waiting list (rows → Ticket objects); the service may do this several times per issue
    waiting_list_read: time(() => server.store.tickets.listByState(BRANCH, 'waiting'), 50),
    // the socket layer's queue:changed listener: socket.io encodes the push (each service's count and
    // estimate) even with no socket connected
    queue_changed_emit: time(() => server.io.to(rooms.branch(BRANCH)).emit('queue:changed:v2', change)),
    queue_changed_bytes: Buffer.byteLength(JSON.stringify(change)),
    // clock: isOpen() + localDay(), each an Intl formatToParts
    clock_isopen_localday: time(() => {
      isOpen(now, branch);
      localDay(now, branch.timezone);
    }),
    // two UUIDv7 (ticket, event) vs two crypto.randomUUID()
    uuidv7_x2: time(() => {
      uuidv7(now);
      uuidv7(now);
    }, 2000),
    randomuuid_x2: time(() => {
      randomUUID();
      randomUUID();
    }, 2000),
  };
  log(`breakdown at ${waitingCount} waiting (µs per issue): ${JSON.stringify(b)}`);
  return b;
}
