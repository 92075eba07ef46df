/** Builds a branch server: database, queue service, HTTP and socket.io on one port. */
import { mkdirSync } from 'node:fs';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Store } from '@dawr/db';
import { AuthService } from './auth/auth-service';
import { RateLimiter } from '@dawr/web';
import { makeClock, type Clock } from './clock';
import type { ServerConfig } from './config';
import { seedDemoAppointments } from './demo/appointments';
import { seedDemoHistory } from './demo/history';
import { enrolDevices, seedDemoBranch, seedStaff } from './demo/seed';
import { makeRouter } from './http/router';
import { makeLogger, type Logger } from './log';
import { makeMetrics } from './metrics';
import { AlertBoard } from './alerts';
import type { CommandServices } from './commands/types';
import { DeviceService } from './devices';
import { EventBus } from './events';
import { Presence } from './presence';
import { QueueService } from './queue-service';
import { handleReports } from './reports/reports-http';
import { wireReportsPush } from './reports/reports-push';
import { ReportsService } from './reports/reports-service';
import { ReprintService } from './reprint';
import { applyRetention, retentionCutoff } from './retention';
import { attachSockets } from './socket/index';
import { makeDownApplier } from './sync/apply-down';
import { SyncBoard } from './sync/sync-board';
import { SyncClient } from './sync/sync-client';
import type { DawrServer } from './socket/types';

export interface BranchServer {
  http: HttpServer;
  io: DawrServer;
  store: Store;
  queue: QueueService;
  /** Reports for managers (today, history, staffing advice, CSV). */
  reports: ReportsService;
  clock: Clock;
  log: Logger;
  /** Starts listening; resolves with the bound port, rejects with a clear error if the port is taken. */
  listen(): Promise<number>;
  close(): Promise<void>;
}

export class PortInUse extends Error {
  constructor(readonly port: number) {
    super(`port ${port} is already in use: stop what is using it or set DAWR_PORT to another port`);
  }
}

export function createBranchServer(config: ServerConfig): BranchServer {
  const log = makeLogger(config.logLevel);
  const clock = makeClock(config.startTime);
  mkdirSync(config.dataDir, { recursive: true });
  const store = Store.open(path.join(config.dataDir, 'branch.sqlite'), clock());
  if (config.demo) seedDemoBranch(store, config.branchId);
  enrolDevices(store, config.branchId, config.devices);
  seedStaff(store, config.branchId, config.staff);
  if (config.hubBookingKey && !store.config.bookingKey()) store.config.setBookingKey(config.hubBookingKey);
  if (config.demo) {
    const branch = store.config.getBranch(config.branchId)!;
    seedDemoAppointments(store, config.branchId, branch.timezone, clock());
    const written = seedDemoHistory(store, config.branchId, branch.timezone, clock(), config.demoHistoryDays);
    if (written > 0) log.info({ tickets: written }, 'demo history written');
  }
  const queue = new QueueService(store, config.branchId, clock);
  const reports = new ReportsService(store, config.branchId, clock, queue);
  const timeZone = store.config.getBranch(config.branchId)?.timezone ?? 'Asia/Bahrain';
  // The daily close and the personal-data retention run at start-up, then on a timer.
  const housekeeping = () => {
    queue.closeStaleDays();
    applyRetention(store, config.branchId, timeZone, config.cprRetentionDays, clock());
    reports.warmOne();
  };
  housekeeping();
  const dailyClose = setInterval(housekeeping, 60_000).unref();

  // Services publish on one bus; the socket layer subscribes. Nothing is wired late.
  const events = new EventBus();
  const presence = new Presence();
  const auth = new AuthService(store, config.branchId, events, config.sessionMinutes * 60_000);
  const devices = new DeviceService(store, config.branchId, clock, events);
  const alerts = new AlertBoard(events);
  // Sync with the hub runs beside the branch and never in its way (the branch works the same with the WAN down).
  const sync = config.hub
    ? new SyncClient({
        hubUrl: config.hub.url,
        token: config.hub.token,
        branchId: config.branchId,
        state: store.sync,
        clock,
        log,
        applyDown: makeDownApplier(store, config.branchId, { catalogueChanged: () => queue.reloadConfig() }, log, {
          cprKeptFrom: () => retentionCutoff(clock(), timeZone, config.cprRetentionDays),
        }),
      })
    : null;
  if (sync) queue.listen({ called: () => undefined, queueChanged: () => sync.nudge() });
  const syncBoard = new SyncBoard(store, sync, clock, events);
  const services: CommandServices = {
    queue,
    devices,
    alerts,
    auth,
    reprints: new ReprintService(queue, presence, events),
    issueLimit: new RateLimiter(config.issueRateLimitPerMin, 60_000),
    sync: syncBoard,
    reports,
  };
  const metrics = makeMetrics(queue, clock, syncBoard);
  const started = clock();
  const health = () => ({
    branch: config.branchId,
    version: store.outbox.latestSeq(),
    upSince: started,
    alerts: alerts.list().length,
    sync: sync ? sync.snapshot() : { ...store.sync.stats(), hub: null },
  });
  const api = { auth, services, clock, log, secureCookies: config.secureCookies };
  const router = makeRouter(config, api, metrics, health);
  const reportsDeps = { auth, reports, clock, log, branchId: config.branchId };
  const http = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://branch');
    if (url.pathname.startsWith('/api/v1/reports/')) return void handleReports(req, res, url, reportsDeps);
    router(req, res);
  });
  const attached = attachSockets(http, { auth, services, events, presence, clock, branchId: config.branchId, log });
  const io = attached.io;
  const reportsPush = wireReportsPush(io, { reports, queue, branchId: config.branchId });

  return {
    http,
    io,
    store,
    queue,
    reports,
    clock,
    log,
    listen: () =>
      new Promise((resolve, reject) => {
        const onError = (e: NodeJS.ErrnoException) => reject(e.code === 'EADDRINUSE' ? new PortInUse(config.port) : e);
        http.once('error', onError);
        http.listen(config.port, config.host, () => {
          http.off('error', onError);
          sync?.start();
          resolve((http.address() as AddressInfo).port);
        });
      }),
    close: async () => {
      clearInterval(dailyClose);
      await sync?.stop();
      attached.stop();
      reportsPush.stop();
      await reports.close();
      await new Promise<void>((resolve) => io.close(() => resolve()));
      store.close();
    },
  };
}
