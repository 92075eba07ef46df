/** The core types the portal uses (type-only: nothing of core's runtime comes in through here). */
export type { ApplicantField, FieldProblem, Lang, Localized, BookingStatus } from '@dawr/core';
import type { BookingStatus } from '@dawr/core';

/** A booking as the hub answers it (hub/src/store/bookings.ts). */
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
  ticketNumber: string | null;
  validUntil: number;
}
