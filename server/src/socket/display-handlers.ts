/** What every device may ask for: the branch snapshot (displays draw only from this and pushes). */
import type { Logger } from '../log';
import type { QueueService } from '../queue-service';
import { command } from './command';
import type { DawrSocket } from './types';

export function registerSnapshotHandlers(socket: DawrSocket, queue: QueueService, log: Logger): void {
  command(socket, log, 'branch:snapshot:v1', ['kiosk', 'display', 'counter'], () => ({ snapshot: queue.snapshot() }));
}
