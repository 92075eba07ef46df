/** Commands a kiosk may send. */
import type { Logger } from '../log';
import type { QueueService } from '../queue-service';
import { command } from './command';
import type { DawrSocket } from './types';

export function registerKioskHandlers(socket: DawrSocket, queue: QueueService, log: Logger): void {
  command(socket, log, 'ticket:issue:v1', ['kiosk'], (input) => ({
    ticket: queue.issue(input, { deviceId: socket.data.device.id }),
  }));
}
