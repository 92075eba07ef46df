/** Domain types shared by every part of Dawr. Words follow shared/docs/domain.md. */

export type Lang = 'ar' | 'en';
export const LANGS: readonly Lang[] = ['ar', 'en'];

/** A text in both languages of the product. */
export interface Localized {
  ar: string;
  en: string;
}

/** A service centre with its own opening hours (local time of `timezone`). */
export interface Branch {
  id: string;
  code: string;
  name: Localized;
  timezone: string;
  /** "HH:MM", branch local time. */
  opensAt: string;
  closesAt: string;
}

/** What a visitor comes for; `prefix` is the letter of its ticket numbers. */
export interface Service {
  id: string;
  branchId: string;
  code: string;
  prefix: string;
  name: Localized;
  requirements: Localized;
  acceptsAppointments: boolean;
  acceptsWalkIns: boolean;
  /** Most tickets issued per day, or null for no cap. */
  dailyCap: number | null;
  /**
   * How long one visit usually takes, in minutes, as configured: the wait estimate uses it until the
   * branch has measured the service (absent or null: no estimate before the first measurement).
   */
  typicalServiceMin?: number | null;
  sortOrder: number;
  active: boolean;
}

/** One entry of a counter's work profile: a service it serves, in order, with a weight. */
export interface ProfileEntry {
  serviceId: string;
  position: number;
  weight: number;
}

/** A service point, shown by its number on the displays. */
export interface Counter {
  id: string;
  branchId: string;
  number: number;
  name: Localized;
  open: boolean;
  profile: ProfileEntry[];
}

/** `parked`: held aside by a counter (park/return), not in the queue. */
export const TICKET_STATES = ['waiting', 'called', 'serving', 'parked', 'done', 'no_show', 'cancelled'] as const;
export type TicketState = (typeof TICKET_STATES)[number];

export const PRIORITIES = ['elderly', 'disability', 'pregnancy'] as const;
export type Priority = (typeof PRIORITIES)[number];

/**
 * What the kiosk tells the clerk about a visitor's request. 'clerk-decision': the visitor's card is still
 * valid, they ask for a new one for a reason the kiosk cannot judge, and the clerk decides.
 */
export const TICKET_NOTES = ['clerk-decision'] as const;
export type TicketNote = (typeof TICKET_NOTES)[number];

/** A visit's ticket. `number` is for people; `id` is the key. Times are epoch milliseconds. */
export interface Ticket {
  id: string;
  branchId: string;
  serviceId: string;
  /** Branch-local calendar day, YYYY-MM-DD, the numbering day. */
  day: string;
  seq: number;
  number: string;
  state: TicketState;
  priority: Priority | null;
  counterId: string | null;
  appointmentId: string | null;
  slotAt: number | null;
  arrivedAt: number;
  calledAt: number | null;
  startedAt: number | null;
  endedAt: number | null;
  outcome: string | null;
}

export const EVENT_TYPES = [
  'issued',
  'checked_in',
  'called',
  'recalled',
  'started',
  'transferred',
  'parked',
  'returned',
  'ended',
  'no_show',
  'cancelled',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** Every change to a ticket is an event; reports are computed from these. */
export interface TicketEvent {
  id: string;
  ticketId: string;
  branchId: string;
  type: EventType;
  at: number;
  counterId: string | null;
  clerkId: string | null;
  serviceId: string;
}

export const DEVICE_ROLES = ['kiosk', 'display', 'counter'] as const;
export type DeviceRole = (typeof DEVICE_ROLES)[number];

export const STAFF_ROLES = ['clerk', 'manager', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Who may send a command: an enrolled device, signed-in staff, or a visitor's phone (its own ticket only). */
export type Role = DeviceRole | StaffRole | 'phone';

/** A member of staff as other parts see them (never the password). */
export interface Staff {
  id: string;
  username: string;
  name: string;
  role: StaffRole;
}

export const APPOINTMENT_STATUSES = ['booked', 'checked_in', 'cancelled', 'no_show'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

/** An appointment, booked centrally for a branch, service and slot, in the shape the hub sends it. */
export interface Appointment {
  id: string;
  branchId: string;
  serviceId: string;
  cpr: string;
  slotAt: number;
  status: AppointmentStatus;
  ticketId: string | null;
}
