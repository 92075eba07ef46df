/** A booking as the hub answers it to its holder: the contract between the hub's store and the booking portal. */
import type { Lang } from '../domain';
import type { BookingStatus } from './status';

/** A booking as its holder sees it (never the full CPR). */
export interface Booking {
  id: string;
  reference: string;
  branchId: string;
  serviceId: string;
  serviceCode: string;
  slotAt: number;
  slotMin: number;
  status: BookingStatus;
  name: string;
  cprLast4: string;
  lang: Lang;
  createdAt: number;
  /** The branch's ticket number once checked in. */
  ticketNumber: string | null;
  /** The end of the slot's branch-local day: the booking QR is not valid after it. */
  validUntil: number;
}
