/**
 * Reprints a manager asks for: the public ticket only (never who the visitor is), to the kiosk that issued
 * it or to a connected kiosk the manager chose, never to whichever kiosk happens to be there.
 */
import { DawrError, type PublicTicket } from '@dawr/core';
import type { EventBus } from './events';
import type { ConnectedDevice, Presence } from './presence';
import type { QueueService } from './queue-service';

/** The fields a printed ticket carries, copied one by one so nothing personal can ride along. */
export function publicOf(t: PublicTicket): PublicTicket {
  return {
    id: t.id,
    number: t.number,
    serviceId: t.serviceId,
    state: t.state,
    priority: t.priority,
    arrivedAt: t.arrivedAt,
    counterNumber: t.counterNumber,
    position: t.position,
    estimatedWaitMin: t.estimatedWaitMin,
  };
}

export class ReprintService {
  constructor(
    private readonly queue: QueueService,
    private readonly presence: Presence,
    private readonly events: EventBus,
  ) {}

  /** The kiosks connected now, and which one issued the ticket (for the manager's choice). */
  kiosks(ticketId?: string): { kiosks: ConnectedDevice[]; issuedBy: string | null } {
    return { kiosks: this.presence.connected('kiosk'), issuedBy: ticketId ? this.queue.issuedBy(ticketId) : null };
  }

  /**
   * Sends the ticket to `kioskId` when given (it must be a connected kiosk), else to the kiosk that issued
   * it; refuses when that kiosk is offline, so the manager picks one. Returns the kiosk's id.
   */
  reprint(ticketId: string, kioskId?: string): string {
    const ticket = publicOf(this.queue.staffTicket(ticketId));
    const target = kioskId ?? this.queue.issuedBy(ticketId);
    if (!target) throw new DawrError('CHOOSE_KIOSK');
    if (!this.presence.connected('kiosk').some((k) => k.id === target)) throw new DawrError(kioskId ? 'NO_KIOSK' : 'CHOOSE_KIOSK');
    this.events.emit('reprint', { kioskId: target, job: { ticket, trackToken: this.queue.trackToken(ticketId) } });
    return target;
  }
}
