/**
 * Prometheus metrics (/metrics): tickets issued, waiting per service, oldest wait, call-to-push latency, and the
 * branch's sync with the centre (sync/sync-metrics.ts).
 */
import client from 'prom-client';
import type { QueueService } from './queue-service';
import type { SyncBoard } from './sync/sync-board';
import { registerSyncMetrics } from './sync/sync-metrics';

export interface Metrics {
  registry: client.Registry;
  /** Seconds from a call's commit until its push left the server. */
  callPush: client.Histogram;
}

export function makeMetrics(queue: QueueService, now: () => number, sync: SyncBoard): Metrics {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  registerSyncMetrics(registry, sync, now);
  const issued = new client.Counter({ name: 'dawr_tickets_issued_total', help: 'Tickets issued', labelNames: ['service'], registers: [registry] });
  new client.Gauge({
    name: 'dawr_waiting_tickets',
    help: 'Tickets waiting, per service',
    labelNames: ['service'],
    registers: [registry],
    collect() {
      this.reset();
      for (const s of queue.snapshot().services) this.set({ service: s.code }, s.waiting);
    },
  });
  new client.Gauge({
    name: 'dawr_oldest_wait_seconds',
    help: 'How long the longest-waiting ticket has waited',
    registers: [registry],
    collect() {
      const waiting = queue.queueList().filter((t) => t.state === 'waiting');
      this.set(waiting.length ? Math.max(0, (now() - Math.min(...waiting.map((t) => t.arrivedAt))) / 1000) : 0);
    },
  });
  const callPush = new client.Histogram({
    name: 'dawr_call_push_seconds',
    help: 'From the commit of a call to its push to the displays',
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [registry],
  });
  queue.listen({
    called: (c) => callPush.observe(Math.max(0, now() - c.at) / 1000),
    queueChanged: () => {},
    issued: (serviceId) => issued.inc({ service: serviceId }),
  });
  return { registry, callPush };
}
