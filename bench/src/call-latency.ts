/**
 * call-latency: a clerk presses "Call next" → how long until the LAST of 200 wall displays has the
 * `ticket:called:v2` push. Baseline, in the same run: a bare `ws` server broadcasting a frame of the
 * same shape and size to 200 `ws` clients on a trigger message, timed the same way (trigger sent → last
 * client received). Reported as ratio_p99 = dawr_p99 / baseline_p99; target ≤ 1.2. Also connected on
 * Dawr's side: 1 000 visitors' phones (socket.io clients with `{track}`, as the phone page), each
 * following one ticket of a day of 5 000; afterwards the server's RSS (rss_mb, ≤ 150) once it has been
 * busy (1 000 calls back to back) and its growth over more such calls (rss_growth_mb, ≤ 5;
 * BENCH_GROWTH_CALLS, default 2 000), each read after a full collection
 * and 10 s without calls (BENCH_SETTLE_MS), when V8 has given back what a busy spell left committed; the
 * readings right after the collection are reported beside them (rss_unsettled_mb, rss_growth_unsettled_mb). BENCH_CPUPROF_DIR=dir keeps the
 * whole CPU profiles of the profiled calls there (dawr-server.cpuprofile, clients.cpuprofile);
 * BENCH_SERVER_FLAGS="…" runs the server with other node flags than production's (SERVER_NODE_FLAGS).
 *
 * Process layout (the same for both sides): each server runs in a forked child process under plain node
 * (bundled first, as the branch server runs in production: no tsx loader in its memory), all clients in
 * this process. With the server in-process, the clients' parsing of 200+ sockets would run on the
 * server's own event loop, be counted as server latency and hold up its next turn; in a child the server's
 * loop does only server work and the OS can run server and clients on the machine's two cores, closer to a
 * branch server and screens on separate machines. Both servers are forked the same way and reached the
 * same way (loopback TCP). What is NOT alike, by design of the brief: the clients (socket.io-client, which
 * runs on `ws` in Node, against bare `ws` + JSON.parse), and all clients share one event loop, so their
 * decoding is serialised here where real screens decode in parallel; the JSON reports CPU per call of
 * servers and clients separately so that share can be told apart. Two switches take those differences
 * out, to see what is left: BENCH_DISPLAY_CLIENT=wire (displays decode as the baseline's clients do, see
 * call-latency/clients.ts) and BENCH_PIN=1 (servers on one core, clients on the other). Each measured call
 * is also split along the machine's clock (dawr_timeline_p50_ms): press → callNext, the transaction,
 * writing the call to the displays' sockets, and the clients' decoding after the last write.
 *
 * Dawr's side is the real server (demo Seef Mall widened to 30 counters, clerks calling in turn); its
 * clients and what completes a call are in call-latency/dawr-side.ts, the baseline's in baseline-side.ts.
 * Calls are sequential on each side. The two sides alternate in blocks (order flipped each block) so
 * machine noise hits both; a warm-up per side is excluded.
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { execFileSync, type ChildProcess } from 'node:child_process';
import type WebSocket from 'ws';
import type { CallPush } from '@dawr/core';
import { connectBaseline } from './call-latency/baseline-side';
import { connectDawr } from './call-latency/dawr-side';
import { measureMemory } from './call-latency/memory';
import { startProfiling, type ProfileSummary } from './lib/profile';
import { SERVER_NODE_FLAGS } from '../../scripts/server-bundle';
import { forkBundled } from './lib/fork-bundled';
import { log, nextMessage, percentile, round, stopChild } from './lib/util';

const DISPLAYS = 200;
const COUNTERS = 30;
/** Visitors' phones following their tickets (socket.io clients with `{track}`, as the phone page). */
const PHONES = Number(process.env.BENCH_PHONES ?? 1000);
/** The day's tickets issued before the measurement (most still waiting: the phones' positions move). */
const DAY_TICKETS = Number(process.env.BENCH_DAY_TICKETS ?? 5000);
/** Calls after the measurement over which the server's memory growth is measured. */
const GROWTH_CALLS = Number(process.env.BENCH_GROWTH_CALLS ?? 2000);
/** Calls back to back before the memory is first read (see below). */
const MEMORY_WARMUP = 1000;
const CALLS = Number(process.env.BENCH_CALLS ?? 300); // measured, per side (BENCH_CALLS for a quick try)
const WARMUP = 20; // per side, excluded
const BLOCKS = 10; // CALLS / BLOCKS per block and side
const PROFILED = 60; // further Dawr calls, after the measurement, with the server's CPU profiled
const TARGET_RATIO_P99 = 1.2;
const TARGET_RSS_MB = 150;
const TARGET_RSS_GROWTH_MB = 5;
/** The server's memory is read after a full collection and this long without calls (BENCH_SETTLE_MS). */
const SETTLE_MS = Number(process.env.BENCH_SETTLE_MS ?? 10_000);
/** The displays' client: socket.io-client (default, as the display app) or `wire` (see clients.ts). */
const DISPLAY_CLIENT = process.env.BENCH_DISPLAY_CLIENT === 'wire' ? 'wire' : 'socket.io';
/** BENCH_PIN=1: both servers on CPU 0 and the clients on CPU 1 (taskset), as on separate machines. */
const PIN = process.env.BENCH_PIN === '1';

export async function run(): Promise<Record<string, unknown>> {
  const started = performance.now();
  const children: ChildProcess[] = [];
  const dawrSockets: { close(): void }[] = [];
  const wss: WebSocket[] = [];
  try {
    log(
      `call-latency: ${DISPLAYS} displays, ${PHONES} phones, ${COUNTERS} counters, a day of ${DAY_TICKETS} tickets, ` +
        `${CALLS} calls per side in ${BLOCKS} alternating blocks (+${WARMUP} warm-up), then ${GROWTH_CALLS} calls for memory growth`,
    );
    // Every call takes a waiting ticket: the day's tickets plus refills during the growth calls, each
    // service numbering at most 999 a day.
    const needed = DAY_TICKETS + WARMUP + PROFILED + MEMORY_WARMUP + GROWTH_CALLS + 1000;
    // Both servers run as bundles under plain node, as the branch server does in production.
    const dawrChild = await forkBundled(
      fileURLToPath(new URL('./call-latency/dawr-server.ts', import.meta.url)),
      { BENCH_COUNTERS: String(COUNTERS), BENCH_SERVICES: String(Math.ceil(needed / 999) + 1) },
      process.env.BENCH_SERVER_FLAGS?.split(' ').filter(Boolean) ?? SERVER_NODE_FLAGS,
    );
    const baseChild = await forkBundled(fileURLToPath(new URL('./call-latency/ws-server.ts', import.meta.url)));
    children.push(dawrChild, baseChild);
    const [dawr, base] = await Promise.all([
      nextMessage<{ type: 'ready'; port: number; counterIds: string[]; serviceIds: string[] }>(dawrChild, 'ready', 30_000),
      nextMessage<{ type: 'ready'; port: number }>(baseChild, 'ready'),
    ]);
    if (dawr.counterIds.length < COUNTERS) throw new Error(`branch has ${dawr.counterIds.length} counters, wanted ${COUNTERS}`);
    const url = `http://127.0.0.1:${dawr.port}`;
    // Without pinning, the scheduler may run a server on the clients' core after a wake-up, for a
    // while: the side whose server works longer per call (Dawr) is hit harder.
    if (PIN) execFileSync('sh', ['-c', `taskset -a -pc 0 ${dawrChild.pid} && taskset -a -pc 0 ${baseChild.pid} && taskset -a -pc 1 ${process.pid}`], { stdio: 'ignore' });
    log(`dawr branch server (pid ${dawrChild.pid}) on ${url}; ws baseline (pid ${baseChild.pid}) on port ${base.port}`);

    // --- Dawr clients ---
    const dawrSide = await connectDawr(dawrChild, {
      port: dawr.port,
      counterIds: dawr.counterIds.slice(0, COUNTERS),
      displays: DISPLAYS,
      phones: PHONES,
      dayTickets: DAY_TICKETS,
      displayClient: DISPLAY_CLIENT,
    });
    dawrSockets.push(...dawrSide.sockets);
    if (PIN) log('servers on CPU 0, clients on CPU 1');
    let template: CallPush | null = null;

    // --- baseline clients ---
    const baseline = await connectBaseline(base.port, DISPLAYS);
    wss.push(...baseline.sockets);
    log(`connected ${DISPLAYS + 1} ws clients to the baseline`);

    // --- warm-up: Dawr first, to take a real call push as the baseline's payload template ---
    const grab = (call: CallPush) => (template ??= call);
    dawrSide.displays[0]!.once('ticket:called:v2', grab);
    for (let i = 0; i < WARMUP; i++) await dawrSide.call();
    if (!template) throw new Error('no ticket:called:v2 seen during warm-up');
    baseChild.send({ type: 'template', template });
    await nextMessage(baseChild, 'template-set');
    for (let i = 0; i < WARMUP; i++) await baseline.call();
    const t = template as CallPush;
    const dawrFrameBytes = Buffer.byteLength(`42${JSON.stringify(['ticket:called:v2', t])}`);
    const baseFrameBytes = Buffer.byteLength(JSON.stringify(['ticket:called:v2', { ...t, at: Date.now(), version: 1 }]));
    log(`warm-up done (${WARMUP} calls per side); frame bytes: dawr ${dawrFrameBytes}, baseline ${baseFrameBytes}`);

    // --- measurement: alternate blocks, flipping which side goes first ---
    dawrChild.send({ type: 'reset-timings' });
    baseChild.send({ type: 'reset-timings' });
    await Promise.all([nextMessage(dawrChild, 'timings-reset'), nextMessage(baseChild, 'timings-reset')]);
    // CPU per call, to tell server work from client work: the servers' over the whole measurement (each is
    // idle while the other side runs), this process's (the clients') per side around each block.
    const cpuOf = async (child: ChildProcess) => {
      child.send({ type: 'cpu' });
      const { usage } = await nextMessage<{ type: 'cpu'; usage: NodeJS.CpuUsage }>(child, 'cpu');
      return (usage.user + usage.system) / 1000;
    };
    const serverCpu0 = { dawr: await cpuOf(dawrChild), base: await cpuOf(baseChild) };
    const phonePushes0 = dawrSide.phonePushes();
    const clientCpu = { dawr: 0, base: 0 };
    const dawrMs: number[] = [];
    const baseMs: number[] = [];
    const dawrFirst: number[] = [];
    const dawrT0: number[] = []; // the clerk's press, on the machine's clock (to place the server's marks)
    const baseFirst: number[] = [];
    const perBlock = Math.ceil(CALLS / BLOCKS);
    for (let b = 0; b < BLOCKS; b++) {
      const n = Math.min(perBlock, CALLS - b * perBlock);
      const sides = b % 2 === 0 ? (['dawr', 'base'] as const) : (['base', 'dawr'] as const);
      for (const side of sides) {
        const c0 = process.cpuUsage();
        for (let i = 0; i < n; i++) {
          const r = await (side === 'dawr' ? dawrSide.call() : baseline.call());
          (side === 'dawr' ? dawrMs : baseMs).push(r.last);
          (side === 'dawr' ? dawrFirst : baseFirst).push(r.first);
          if (side === 'dawr') dawrT0.push(r.t0);
        }
        const c = process.cpuUsage(c0);
        clientCpu[side] += (c.user + c.system) / 1000;
      }
      const last = (a: number[]) => a.slice(-n);
      log(
        `block ${b + 1}/${BLOCKS}: dawr p50 ${round(percentile(last(dawrMs), 50))} ms, ` +
          `baseline p50 ${round(percentile(last(baseMs), 50))} ms`,
      );
    }

    const r = {
      dawr_p50_ms: round(percentile(dawrMs, 50)),
      dawr_p99_ms: round(percentile(dawrMs, 99)),
      dawr_max_ms: round(Math.max(...dawrMs)),
      baseline_p50_ms: round(percentile(baseMs, 50)),
      baseline_p99_ms: round(percentile(baseMs, 99)),
      baseline_max_ms: round(Math.max(...baseMs)),
    };
    const serverCpu = { dawr: (await cpuOf(dawrChild)) - serverCpu0.dawr, base: (await cpuOf(baseChild)) - serverCpu0.base };
    const phonePushesPerCall = (dawrSide.phonePushes() - phonePushes0) / dawrMs.length;
    dawrChild.send({ type: 'timings' });
    baseChild.send({ type: 'timings' });
    const [server, baseServer] = await Promise.all([
      nextMessage<{ type: 'timings'; callNext: number[]; tx: number[]; marks: [number, number, number][] }>(dawrChild, 'timings'),
      nextMessage<{ type: 'timings'; broadcast: number[] }>(baseChild, 'timings'),
    ]);
    // Where Dawr's time goes, call by call on the machine's clock: the clerk's press reaching callNext, the
    // transaction (SQL + durable commit), the server handing the call to the displays' 200 sockets, and
    // the clients still decoding after the last write.
    if (server.marks.length !== dawrMs.length) throw new Error(`server marked ${server.marks.length} calls, the clients made ${dawrMs.length}`);
    const stage = (f: (m: [number, number, number], i: number) => number) => round(percentile(server.marks.map(f), 50));
    const timeline = {
      to_server: stage(([start], i) => start - dawrT0[i]!),
      commit: stage(([start, committed]) => committed - start),
      displays_written: stage(([, committed, pushed]) => pushed - committed),
      after_last_write: stage(([, , pushed], i) => dawrT0[i]! + dawrMs[i]! - pushed),
    };
    // Where Dawr's time goes: its server-side share (callNext, of which the transaction with its fsync)
    // and the first-display latency; the baseline's (its broadcast, its first display) for comparison.
    const parts = {
      dawr_first_display_p50_ms: round(percentile(dawrFirst, 50)),
      dawr_first_display_p99_ms: round(percentile(dawrFirst, 99)),
      baseline_first_display_p50_ms: round(percentile(baseFirst, 50)),
      baseline_first_display_p99_ms: round(percentile(baseFirst, 99)),
      dawr_server_callnext_p50_ms: round(percentile(server.callNext, 50)),
      dawr_server_callnext_p99_ms: round(percentile(server.callNext, 99)),
      dawr_server_tx_p50_ms: round(percentile(server.tx, 50)),
      dawr_server_tx_p99_ms: round(percentile(server.tx, 99)),
      baseline_server_broadcast_p50_ms: round(percentile(baseServer.broadcast, 50)),
      baseline_server_broadcast_p99_ms: round(percentile(baseServer.broadcast, 99)),
      dawr_server_cpu_ms_per_call: round(serverCpu.dawr / dawrMs.length),
      baseline_server_cpu_ms_per_call: round(serverCpu.base / baseMs.length),
      dawr_clients_cpu_ms_per_call: round(clientCpu.dawr / dawrMs.length),
      baseline_clients_cpu_ms_per_call: round(clientCpu.base / baseMs.length),
    };
    // Memory (before the profiler, which keeps its own), over calls back to back (the counts pushed
    // coalesced, as on a busy day); the queue is refilled as they drain it.
    let quickCalls = 0;
    const quickCall = async () => {
      if (quickCalls++ % 1000 === 999) await dawrSide.issue(1000);
      await dawrSide.call(true);
    };
    const memory = await measureMemory(dawrChild, quickCall, {
      warmup: MEMORY_WARMUP,
      growthCalls: GROWTH_CALLS,
      settleMs: SETTLE_MS,
      targetMb: TARGET_RSS_MB,
      targetGrowthMb: TARGET_RSS_GROWTH_MB,
    });
    const [mem0, mem1] = [memory.before, memory.after];
    const rssMb = mem0.mb;
    const rssGrowthMb = mem1.mb - rssMb;
    // Where the server's CPU goes during calls (after the measurement, so the profiler cannot skew it).
    // BENCH_CPUPROF_DIR: the whole profiles are kept there, the server's and this process's (the clients').
    const profDir = process.env.BENCH_CPUPROF_DIR;
    const stopClientProfile = profDir ? await startProfiling(1, undefined, path.join(profDir, 'clients.cpuprofile')) : null;
    dawrChild.send({ type: 'profile-start' });
    await nextMessage(dawrChild, 'profile-started');
    for (let i = 0; i < PROFILED; i++) await dawrSide.call();
    dawrChild.send({ type: 'profile-stop' });
    const { summary: prof } = await nextMessage<{ type: 'profile'; summary: ProfileSummary }>(dawrChild, 'profile');
    await stopClientProfile?.();
    log(`dawr server CPU profile over ${PROFILED} more calls (~${prof.samples} busy samples of 100 µs), % of busy time with the function on the stack:`);
    for (const e of prof.inclusive) log(`  ${String(e.pct).padStart(5)}%  ${e.fn}`);
    log('self time:');
    for (const e of prof.self) log(`  ${String(e.pct).padStart(5)}%  ${e.fn}`);

    const ratioP50 = round(r.dawr_p50_ms / r.baseline_p50_ms);
    const ratioP99 = round(r.dawr_p99_ms / r.baseline_p99_ms);
    log(`dawr:     p50 ${r.dawr_p50_ms} ms  p99 ${r.dawr_p99_ms} ms  max ${r.dawr_max_ms} ms`);
    log(`baseline: p50 ${r.baseline_p50_ms} ms  p99 ${r.baseline_p99_ms} ms  max ${r.baseline_max_ms} ms`);
    log(
      `first display p50/p99: dawr ${parts.dawr_first_display_p50_ms}/${parts.dawr_first_display_p99_ms} ms, ` +
        `baseline ${parts.baseline_first_display_p50_ms}/${parts.baseline_first_display_p99_ms} ms`,
    );
    log(
      `dawr server side p50/p99: callNext ${parts.dawr_server_callnext_p50_ms}/${parts.dawr_server_callnext_p99_ms} ms, ` +
        `of which the transaction (SQL + fsync) ${parts.dawr_server_tx_p50_ms}/${parts.dawr_server_tx_p99_ms} ms; ` +
        `baseline server broadcast ${parts.baseline_server_broadcast_p50_ms}/${parts.baseline_server_broadcast_p99_ms} ms`,
    );
    log(
      `CPU per call (ms): dawr server ${parts.dawr_server_cpu_ms_per_call}, clients ${parts.dawr_clients_cpu_ms_per_call}; ` +
        `baseline server ${parts.baseline_server_cpu_ms_per_call}, clients ${parts.baseline_clients_cpu_ms_per_call}`,
    );
    log(
      `dawr p50 timeline (ms): press → callNext ${timeline.to_server}, transaction ${timeline.commit}, ` +
        `call written to the displays' sockets ${timeline.displays_written}, clients decoding after the last write ${timeline.after_last_write}`,
    );
    log(`phone pushes per call: ${round(phonePushesPerCall, 1)} (to ${PHONES} phones)`);
    log(`ratio p50 ${ratioP50}, ratio p99 ${ratioP99} (target ≤ ${TARGET_RATIO_P99})`);

    const stray = dawrSide.stray() + baseline.stray();
    if (stray) log(`warning: ${stray} pushes arrived with no measurement in flight`);
    return {
      bench: 'call-latency',
      displays: DISPLAYS,
      display_client: DISPLAY_CLIENT,
      pinned: PIN,
      phones: PHONES,
      day_tickets: DAY_TICKETS,
      counters: COUNTERS,
      // Dawr pushes ticket:called (with the counts) to the displays, queue:changed to the rest of its
      // branch room (counters + kiosk) and staff:queue to the counters.
      dawr_room_sockets: DISPLAYS + COUNTERS + 1,
      calls: CALLS,
      warmup: WARMUP,
      blocks: BLOCKS,
      dawr_frame_bytes: dawrFrameBytes,
      baseline_frame_bytes: baseFrameBytes,
      ...r,
      ...parts,
      dawr_timeline_p50_ms: timeline,
      dawr_server_profile_inclusive_pct: Object.fromEntries(prof.inclusive.slice(0, 10).map((e) => [e.fn, e.pct])),
      dawr_server_profile_self_pct: Object.fromEntries(prof.self.slice(0, 8).map((e) => [e.fn, e.pct])),
      phone_pushes_per_call: round(phonePushesPerCall, 1),
      ratio_p50: ratioP50,
      ratio_p99: ratioP99,
      target_ratio_p99: TARGET_RATIO_P99,
      rss_mb: round(rssMb, 1),
      heap_mb: round(mem0.heapMb, 1),
      target_rss_mb: TARGET_RSS_MB,
      memory_warmup_calls: MEMORY_WARMUP,
      growth_calls: GROWTH_CALLS,
      rss_growth_mb: round(rssGrowthMb, 1),
      rss_unsettled_mb: round(mem0.unsettledMb, 1),
      rss_growth_unsettled_mb: round(mem1.unsettledMb - mem0.unsettledMb, 1),
      target_rss_growth_mb: TARGET_RSS_GROWTH_MB,
      meets_target: ratioP99 <= TARGET_RATIO_P99 && rssMb <= TARGET_RSS_MB && rssGrowthMb <= TARGET_RSS_GROWTH_MB,
      stray_pushes: stray,
      wall_s: round((performance.now() - started) / 1000, 1),
    };
  } finally {
    for (const s of dawrSockets) s.close();
    for (const w of wss) w.terminate();
    await Promise.all(children.map((c) => stopChild(c)));
  }
}
