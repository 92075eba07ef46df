/** The core types the portal uses (type-only: nothing of core's runtime comes in through here). */
export type { ApplicantField, Booking, FieldProblem, Lang, Localized, BookingStatus } from '@dawr/core';
