/**
 * Today's report pushed to managers (the managers' room that also carries sync:status): on connection, within
 * REPORT_PUSH_MS of a queue change (many changes, one push), and every REPORT_TICK_MS while a manager is there
 * (waits grow and cross their targets with nothing happening). Nothing is computed while no manager listens.
 */
import { rooms } from '@dawr/core';
import type { QueueService } from '../queue-service';
import type { DawrServer, DawrSocket } from '../socket/types';
import type { ReportsService } from './reports-service';

/** The shortest time between two pushes after queue changes. */
export const REPORT_PUSH_MS = 2_000;
/** How often the figures are pushed when nothing changes. */
export const REPORT_TICK_MS = 30_000;

export function wireReportsPush(io: DawrServer, deps: { reports: ReportsService; queue: QueueService; branchId: string }): { stop: () => void } {
  const room = rooms.managers(deps.branchId);
  const listening = () => (io.sockets.adapter.rooms.get(room)?.size ?? 0) > 0;
  let timer: NodeJS.Timeout | null = null;
  let lastPush = 0;
  const push = () => {
    timer = null;
    if (!listening()) return;
    lastPush = Date.now();
    io.to(room).emit('reports:today:v1', deps.reports.todayView());
  };
  const soon = () => {
    if (timer || !listening()) return;
    timer = setTimeout(push, Math.max(0, lastPush + REPORT_PUSH_MS - Date.now())).unref();
  };
  deps.queue.listen({ called: () => undefined, queueChanged: soon });
  const tick = setInterval(soon, REPORT_TICK_MS).unref();
  const onConnection = (socket: DawrSocket) => {
    if (socket.rooms.has(room)) socket.emit('reports:today:v1', deps.reports.todayView());
  };
  io.on('connection', onConnection);
  return {
    stop: () => {
      clearInterval(tick);
      if (timer) clearTimeout(timer);
      io.off('connection', onConnection);
    },
  };
}
