/**
 * browser-latency: in Chromium, a clerk clicks "Call next" on the counter page → how long until the wall
 * display page's DOM shows the new ticket number. Both ends are real pages of a real branch (server + kiosk
 * as child processes, throwaway data dir, branch clock inside opening hours), each in its own browser
 * context (a counter PC and a wall display are separate machines).
 *
 * Timing: the counter page records its click (capture listener on the document) and the display page
 * records the DOM change (MutationObserver on now-serving-number), both as epoch ms from
 * `performance.timeOrigin + performance.now()`: one machine, one clock, no round trip through the bench.
 * The frame that follows the change (requestAnimationFrame) is reported too.
 *
 * Baseline, in the same run and browser, timed the same way: a bare trigger page whose button sends a
 * WebSocket message to a bare `ws` server (call-latency's, forked as a child like the branch server),
 * which broadcasts a frame of the same shape as `ticket:called:v2` to a bare display page that writes it
 * into the DOM. ratio_p95 = dawr p95 / baseline p95. The issue states absolute targets (p95 ≤ 100 ms,
 * display first-load JS ≤ 60 KB gzipped), so those decide `meets_target`; the ratio says how much of the
 * latency is Dawr's own.
 *
 * Also measured: the display page's first-load JavaScript (every .js response while it loads, gzipped with
 * node:zlib at its default level; fonts and CSS excluded).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Page } from '@playwright/test';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@dawr/core';
import { freePort, launchBranch, ROOT, type Launched } from '../../scripts/launch';
import { cleanupOnExit, forkTs, log, nextMessage, percentile, round, stopChild, tempDir } from './lib/util';

const CALLS = Number(process.env.BENCH_CALLS ?? 100); // measured, per side
const WARMUP = 10; // per side, excluded
const BLOCKS = 10; // the sides alternate in blocks, order flipped each block, so machine noise hits both
const TARGET_P95_MS = 100;
const TARGET_JS_KB = 60;
/** 09:00 in Bahrain: inside opening hours whatever the real time is. */
const OPEN_TIME = '2026-11-24T09:00:00+03:00';
/** The same Chromium and switches as the end-to-end tests (test/playwright.config.ts). */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--autoplay-policy=no-user-gesture-required',
];
const SERVICES = ['new-card', 'renewal', 'replacement', 'collection', 'birth-certificate'];

interface Seen {
  text: string;
  t: number;
  frame: number | null;
}
type BenchWindow = Window & { __benchSeen: Seen[]; __benchClicks: number[] };

/** In a page: records each change of `selector`'s text (epoch ms), and the next frame after it. */
function watchText(selector: string): void {
  const w = window as unknown as BenchWindow;
  w.__benchSeen = [];
  let last = document.querySelector(selector)?.textContent ?? '';
  new MutationObserver(() => {
    const text = document.querySelector(selector)?.textContent ?? '';
    if (text === last) return;
    last = text;
    const rec: Seen = { text, t: performance.timeOrigin + performance.now(), frame: null };
    w.__benchSeen.push(rec);
    requestAnimationFrame(() => (rec.frame = performance.timeOrigin + performance.now()));
  }).observe(document.body, { childList: true, subtree: true, characterData: true });
}

/** In a page: records each click on `selector` (epoch ms), before the page's own handler runs. */
function watchClicks(selector: string): void {
  const w = window as unknown as BenchWindow;
  w.__benchClicks = [];
  document.addEventListener(
    'click',
    (e) => {
      if (e.target instanceof Element && e.target.closest(selector)) w.__benchClicks.push(performance.timeOrigin + performance.now());
    },
    true,
  );
}

/** The baseline's two pages: a bare display (frame → DOM) and a bare trigger (button → WebSocket). */
const bareDisplay = (port: number): string => `<!doctype html><meta charset="utf-8"><p id="n">-</p><script>
  const ws = new WebSocket('ws://127.0.0.1:${port}/display');
  ws.onopen = () => (window.__ready = true);
  ws.onmessage = (e) => { const [, call] = JSON.parse(e.data); document.getElementById('n').textContent = call.number + ' ' + call.version; };
</script>`;
const bareTrigger = (port: number): string => `<!doctype html><meta charset="utf-8"><button id="call" disabled>Call next</button><script>
  const b = document.getElementById('call');
  const ws = new WebSocket('ws://127.0.0.1:${port}/trigger');
  ws.onopen = () => (b.disabled = false);
  ws.onmessage = () => (b.disabled = false);
  b.onclick = () => { b.disabled = true; ws.send('call'); };
</script>`;

/** One measured call: click in `trigger`, wait for `display` to change; returns [dom ms, next frame ms]. */
async function once(trigger: Page, button: string, display: Page): Promise<[number, number]> {
  const before = await display.evaluate(() => (window as unknown as BenchWindow).__benchSeen.length);
  await trigger.locator(button).click();
  await display.waitForFunction((n) => (window as unknown as BenchWindow).__benchSeen.length > n, before, { polling: 'raf' });
  await display.waitForFunction(() => (window as unknown as BenchWindow).__benchSeen.at(-1)!.frame !== null);
  const seen = await display.evaluate(() => (window as unknown as BenchWindow).__benchSeen.at(-1)!);
  const click = await trigger.evaluate(() => (window as unknown as BenchWindow).__benchClicks.at(-1)!);
  return [seen.t - click, seen.frame! - click];
}

/** Opens the display page and sums the JavaScript it loads: [files, raw bytes, gzipped bytes]. */
async function openDisplay(browser: Browser, serverUrl: string): Promise<{ page: Page; js: [number, number, number] }> {
  const ctx = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const page = await ctx.newPage();
  const bodies: Promise<Buffer>[] = [];
  page.on('response', (r) => {
    if (new URL(r.url()).pathname.endsWith('.js')) bodies.push(r.body());
  });
  await page.goto(`${serverUrl}/display/?token=demo-display-token`, { waitUntil: 'networkidle' });
  await page.getByTestId('recent-calls').waitFor({ state: 'attached' });
  const files = await Promise.all(bodies);
  const raw = files.reduce((s, b) => s + b.length, 0);
  const gz = files.reduce((s, b) => s + gzipSync(b).length, 0);
  await page.evaluate(watchText, '[data-testid="now-serving-number"]');
  return { page, js: [files.length, raw, gz] };
}

function sioConnect(url: string, token: string): Promise<Socket<ServerToClientEvents, ClientToServerEvents>> {
  const s: Socket<ServerToClientEvents, ClientToServerEvents> = io(url, { auth: { token, lang: 'en' }, transports: ['websocket'], forceNew: true });
  return new Promise((resolve, reject) => {
    s.once('connect', () => resolve(s));
    s.once('connect_error', reject);
  });
}

/** Runs the benchmark (see the header) and returns its result object, the bench's last stdout line. */
export async function run(): Promise<Record<string, unknown>> {
  for (const f of ['display/build/index.html', 'counter/build/index.html', 'kiosk/build/index.js']) {
    if (!existsSync(path.join(ROOT, f))) throw new Error(`${f} is missing: run "npm run build" first`);
  }
  const started = performance.now();
  const tmp = tempDir('dawr-bench-browser-');
  const removeTmp = cleanupOnExit(tmp.cleanup);
  const baseChild = forkTs(path.join(import.meta.dirname, 'call-latency/ws-server.ts'));
  let branch: Launched | null = null;
  let browser: Browser | null = null;
  try {
    branch = await launchBranch({
      dataDir: tmp.dir,
      serverPort: await freePort(),
      kioskPort: await freePort(),
      startTime: OPEN_TIME,
      // The kiosk's issue rate limit (20 a minute) would stop the set-up's tickets.
      env: { DAWR_LOG_LEVEL: 'warn', DAWR_ISSUE_RATE_LIMIT: '1000000' },
      stdio: 'pipe',
    });
    const { port: basePort } = await nextMessage<{ type: 'ready'; port: number }>(baseChild, 'ready');
    const kiosk = await sioConnect(branch.serverUrl, 'demo-kiosk-token');
    // A call push carries the counts of the branch's services too (the demo branch's, as Dawr's does).
    const snap = await kiosk.emitWithAck('branch:snapshot:v1', {});
    if (!snap.ok) throw new Error(`snapshot: ${snap.code}`);
    const services = snap.snapshot.services.map((s) => ({ id: s.id, waiting: 12, estimatedWaitMin: 30 }));
    baseChild.send({ type: 'template', template: { ticketId: 't', number: 'A-042', serviceId: 'seef-mall.new-card', counterNumber: 1, recall: false, services } });
    await nextMessage(baseChild, 'template-set');
    const tickets = CALLS + WARMUP + 10;
    for (let i = 0; i < tickets; i++) {
      const r = await kiosk.emitWithAck('ticket:issue:v1', { serviceId: `seef-mall.${SERVICES[i % SERVICES.length]}` });
      if (!r.ok) throw new Error(`issuing ticket ${i}: ${r.code} ${r.msg}`);
    }
    kiosk.close();
    log(`branch at ${branch.serverUrl}, ${tickets} tickets waiting`);

    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const { page: display, js } = await openDisplay(browser, branch.serverUrl);
    const counter = await (await browser.newContext()).newPage();
    await counter.goto(`${branch.serverUrl}/counter/?token=demo-counter-token&lang=en`);
    await counter.getByTestId('counter-choice-1').click();
    await counter.getByTestId('call-next').waitFor();
    await counter.evaluate(watchClicks, '[data-testid="call-next"]');

    const bareDisplayPage = await (await browser.newContext()).newPage();
    await bareDisplayPage.setContent(bareDisplay(basePort));
    await bareDisplayPage.waitForFunction(() => (window as unknown as { __ready?: boolean }).__ready === true);
    await bareDisplayPage.evaluate(watchText, '#n');
    const bareTriggerPage = await (await browser.newContext()).newPage();
    await bareTriggerPage.setContent(bareTrigger(basePort));
    await bareTriggerPage.evaluate(watchClicks, '#call');

    const dawrOnce = () => once(counter, '[data-testid="call-next"]', display);
    const baseOnce = () => once(bareTriggerPage, '#call', bareDisplayPage);
    for (let i = 0; i < WARMUP; i++) await dawrOnce();
    for (let i = 0; i < WARMUP; i++) await baseOnce();
    const dawr: [number, number][] = [];
    const base: [number, number][] = [];
    const perBlock = Math.ceil(CALLS / BLOCKS);
    for (let b = 0; dawr.length < CALLS; b++) {
      const n = Math.min(perBlock, CALLS - dawr.length);
      const sides = b % 2 === 0 ? [dawrOnce, baseOnce] : [baseOnce, dawrOnce];
      for (const side of sides) for (let i = 0; i < n; i++) (side === dawrOnce ? dawr : base).push(await side());
    }
    const shown = await display.evaluate(() => (window as unknown as BenchWindow).__benchSeen.length);
    if (shown !== WARMUP + CALLS) throw new Error(`the display changed ${shown} times for ${WARMUP + CALLS} calls`);

    const ms = (xs: [number, number][], k: 0 | 1, p: number) => round(percentile(xs.map((x) => x[k]), p), 1);
    const p50 = ms(dawr, 0, 50);
    const p95 = ms(dawr, 0, 95);
    const baseP95 = ms(base, 0, 95);
    const jsKb = round(js[2] / 1024, 1);
    log(`dawr     click → display DOM: p50 ${p50} ms  p95 ${p95} ms  max ${ms(dawr, 0, 100)} ms (next frame p95 ${ms(dawr, 1, 95)} ms)`);
    log(`baseline click → display DOM: p50 ${ms(base, 0, 50)} ms  p95 ${baseP95} ms  max ${ms(base, 0, 100)} ms (next frame p95 ${ms(base, 1, 95)} ms)`);
    log(`display first-load JS: ${js[0]} file(s), ${round(js[1] / 1024, 1)} KB, ${jsKb} KB gzipped (target ≤ ${TARGET_JS_KB})`);
    log(`p95 ${p95} ms (target ≤ ${TARGET_P95_MS}), ratio p95 ${round(p95 / baseP95, 2)} against the bare WebSocket page`);
    return {
      bench: 'browser-latency',
      calls: CALLS,
      warmup: WARMUP,
      chromium: browser.version(),
      p50_ms: p50,
      p95_ms: p95,
      max_ms: ms(dawr, 0, 100),
      next_frame_p50_ms: ms(dawr, 1, 50),
      next_frame_p95_ms: ms(dawr, 1, 95),
      baseline_p50_ms: ms(base, 0, 50),
      baseline_p95_ms: baseP95,
      baseline_next_frame_p95_ms: ms(base, 1, 95),
      ratio_p95: round(p95 / baseP95, 2),
      target_p95_ms: TARGET_P95_MS,
      display_js_files: js[0],
      display_js_raw_kb: round(js[1] / 1024, 1),
      display_js_gzip_kb: jsKb,
      target_js_kb: TARGET_JS_KB,
      meets_latency_target: p95 <= TARGET_P95_MS,
      meets_js_target: jsKb <= TARGET_JS_KB,
      meets_target: p95 <= TARGET_P95_MS && jsKb <= TARGET_JS_KB,
      wall_s: round((performance.now() - started) / 1000, 1),
    };
  } finally {
    await browser?.close();
    await Promise.all([branch?.stop(), stopChild(baseChild)]);
    removeTmp();
  }
}
