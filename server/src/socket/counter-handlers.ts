/** Commands a counter may send. */
import type { Logger } from '../log';
import type { QueueService } from '../queue-service';
import { command } from './command';
import type { DawrSocket } from './types';

export function registerCounterHandlers(socket: DawrSocket, queue: QueueService, log: Logger): void {
  command(socket, log, 'counter:callNext:v1', ['counter'], (input) => ({
    ticket: queue.callNext(input.counterId, { deviceId: socket.data.device.id }),
  }));
}
