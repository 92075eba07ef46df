/**
 * The payloads of the socket.io contracts between the branch server and its devices (the event maps are in
 * socket-events.ts, where names carry a version).
 */
import type { Branch, Counter, DeviceRole, Lang, Localized, Priority, TicketNote, TicketState } from './domain';
import type { Failure } from './errors';

/** Every command answers through the ack with `{ok:true, …}` or a Failure. */
export type Result<T extends object = object> = ({ ok: true } & T) | Failure;
export type Ack<T extends object = object> = (result: Result<T>) => void;

/** What the handshake carries: the device token and the language errors should come in. */
export interface HandshakeAuth {
  /** A device token; staff sockets carry no token and are known by their session cookie. */
  token?: string;
  /** A visitor's phone: the ticket's track token (from its QR). */
  track?: string;
  lang?: Lang;
}

/** A service as the public sees it, with its live queue. */
export interface ServiceStatus {
  id: string;
  code: string;
  prefix: string;
  name: Localized;
  requirements: Localized;
  acceptsWalkIns: boolean;
  acceptsAppointments: boolean;
  waiting: number;
  /** Minutes, rounded up; null when there is no measurement to base it on. */
  estimatedWaitMin: number | null;
}

/** A ticket as a kiosk, a display or a phone may see it: no name, no CPR. */
export interface PublicTicket {
  id: string;
  number: string;
  serviceId: string;
  state: TicketState;
  priority: Priority | null;
  arrivedAt: number;
  counterNumber: number | null;
  /** 1-based place in the service's queue while waiting. */
  position: number | null;
  estimatedWaitMin: number | null;
}

/** One call as the displays show and announce it. */
export interface CallNotice {
  ticketId: string;
  number: string;
  serviceId: string;
  counterNumber: number;
  at: number;
  recall: boolean;
  /** The branch change version this call was committed at. */
  version: number;
}

/**
 * A call as pushed to the wall displays: the call, and each service's count and estimate once it was
 * made, so that no counts push needs to follow it (each push is a write to every display).
 */
export interface CallPush extends CallNotice {
  services: ServiceCount[];
}

/** What a counter holds now (ticket numbers and counters are public: displays show them). */
export interface CounterTicket {
  counterId: string;
  ticketId: string;
  number: string;
  state: TicketState;
}

/** A ticket as the visitor's phone page shows it: no name, no CPR. */
export interface TrackedTicket {
  number: string;
  service: Localized;
  branch: Localized;
  state: TicketState;
  position: number | null;
  estimatedWaitMin: number | null;
  counterNumber: number | null;
  version: number;
}

/** What a kiosk warns staff about: its printer, its card reader, and the link its tickets' QR codes carry. */
export const ALERT_KINDS = ['printer', 'card_reader', 'ticket_qr'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** A kiosk's hardware problem, shown to staff until the kiosk says it is over. */
export interface DeviceAlert {
  deviceId: string;
  deviceName: string;
  kind: AlertKind;
  level: 'ok' | 'warning' | 'error';
  /** A short code: paper_out, paper_near_end, cover_open, offline, no_answer, pcsc_down, no_reader, loopback… */
  code: string;
  at: number;
}

/** A reprint a manager asked for, sent to the kiosk that printed the ticket. */
export interface ReprintJob {
  ticket: PublicTicket;
  trackToken: string;
}

/** Everything a display or counter needs to draw itself from scratch after (re)connecting. */
export interface BranchSnapshot {
  version: number;
  serverTime: number;
  branch: Branch;
  /** Open at `serverTime`: inside the branch's hours and not on a public holiday. */
  open: boolean;
  /** The branch's public holidays from today on (branch-local days 'YYYY-MM-DD'): closed all day. */
  holidays: string[];
  services: ServiceStatus[];
  counters: Counter[];
  /** The ticket each busy counter holds. */
  counterTickets: CounterTicket[];
  /** Most recent first. */
  recentCalls: CallNotice[];
}

/** What moves in a service's entry with the queue: its count and estimate (see {@link ServiceStatus}). */
export type ServiceCount = Pick<ServiceStatus, 'id' | 'waiting' | 'estimatedWaitMin'>;

/**
 * The queue's counts after changes, for every active service (pushed to every branch screen, coalesced;
 * the displays are left out when a call already brought them these counts). Only what moves: names,
 * requirements and the rest come with the snapshot, which the server pushes again when the catalogue
 * changes. Screens merge it with {@link withCounts}.
 */
export interface QueueChange {
  version: number;
  services: ServiceCount[];
}

/**
 * What changed for staff screens since the last push (pushed to staff with each queue change): the
 * tickets written since (terminal ones included, so they can be dropped), the tickets held at counters,
 * and the counters when they changed since the last push (absent: as before). A screen applies it to
 * the list it read once with `queue:list`.
 */
export interface StaffQueueChange {
  version: number;
  tickets: StaffTicket[];
  counterTickets: CounterTicket[];
  counters?: Counter[];
}

/** Services as last shown, with the counts of a queue push applied (a service the push lacks keeps its own). */
export function withCounts(services: readonly ServiceStatus[], counts: readonly ServiceCount[]): ServiceStatus[] {
  const byId = new Map(counts.map((c) => [c.id, c]));
  return services.map((s) => {
    const c = byId.get(s.id);
    return c ? { ...s, waiting: c.waiting, estimatedWaitMin: c.estimatedWaitMin } : s;
  });
}

/** Who the visitor is, as the kiosk read it (chip, MRZ or keypad); only the clerk sees it. */
export interface VisitorInput {
  cpr?: string;
  nameAr?: string;
  nameEn?: string;
  /** What the clerk should know about the request (see TICKET_NOTES). */
  note?: TicketNote;
}

export interface IssueTicketInput {
  serviceId: string;
  priority?: Priority | null;
  visitor?: VisitorInput;
  /** Idempotency key made by the device per visitor request: a retry never issues a second ticket. */
  requestId?: string;
}

export interface CheckInInput {
  /** The visitor's 9-digit CPR (from the card, the MRZ or the keypad). */
  cpr?: string;
  /** Or the appointment id (an appointment found by CPR or token). */
  appointmentId?: string;
  /** Or the booking QR's token signed by the centre (verified here, honoured before the booking syncs). */
  token?: string;
  priority?: Priority | null;
  requestId?: string;
  visitor?: VisitorInput;
}

/** A check-in's ticket; `late` tells the visitor they lost the appointment's place and queue as a walk-in. */
export interface CheckInResult {
  ticket: PublicTicket;
  /** The phone page's token (for the ticket's QR). */
  trackToken: string;
  appointmentId: string;
  late: boolean;
}

/** Today's appointment as the kiosk shows it before check-in. */
export interface AppointmentView {
  id: string;
  serviceId: string;
  slotAt: number;
  status: 'booked' | 'checked_in' | 'cancelled' | 'no_show';
  /** Where now falls in its check-in window. */
  window: 'too_early' | 'on_time' | 'late';
  /** When check-in opens (epoch ms). */
  checkInOpensAt: number;
}

export interface CallNextInput {
  counterId: string;
}

export interface TicketAtCounterInput {
  ticketId: string;
  counterId: string;
}

export interface TransferInput extends TicketAtCounterInput {
  /** The service the visitor moves to (default: the same service). */
  toServiceId?: string;
  /** Reserve the ticket for this counter (default: any counter serving the service). */
  toCounterId?: string | null;
  /** Keep the original arrival time, so the visitor does not queue again from the back. */
  keepArrival: boolean;
}

export interface FinishInput extends TicketAtCounterInput {
  outcome: string;
}

/**
 * A card the centre made ready for collection at this branch, as the kiosk may show it to its holder: the
 * application's reference and since when (no name, no CPR).
 */
export interface ReadyCard {
  reference: string;
  readyAt: number;
}

/** An application for collection at this branch that is still being made, as the kiosk may show it (reference only). */
export interface PendingCardView {
  reference: string;
}

/** A ticket as staff see it in the live queue. */
export interface StaffTicket extends PublicTicket {
  /** For the clerk only: names, the CPR's last 4 digits and the kiosk's note on the request. */
  visitor: { name: Localized | null; cprLast4: string | null; note?: TicketNote | null } | null;
  slotAt: number | null;
  appointmentId: string | null;
  calledAt: number | null;
  startedAt: number | null;
  /** A collection ticket for a card the centre made ready here (online renewal): the application's reference. */
  card?: { reference: string; readyAt: number; status: 'ready' | 'collected' };
}

export interface ProfileInput {
  counterId: string;
  profile: { serviceId: string; weight: number }[];
}

/** An enrolled device as admins see it (never its token). */
export interface DeviceInfo {
  id: string;
  role: DeviceRole;
  name: string;
  /** The counter a counter PC is enrolled for (it may open and close that one only). */
  counterId: string | null;
  revokedAt: number | null;
}

/** A kiosk connected now, as a manager chooses where to reprint. */
export interface KioskInfo {
  id: string;
  name: string;
}
