/**
 * The socket.io event maps between the branch server and its devices (commands with their acks, pushes) and the
 * rooms sockets join. Names carry a version (`…:v1`); a changed payload gets a new name and the old one is served
 * until no device uses it. The payload types are in contracts.ts.
 */
import type { Counter, DeviceRole } from './domain';
import type { BranchSync } from './sync';
import type { ReportView } from './reports/view';
import type {
  Ack,
  AlertKind,
  AppointmentView,
  BranchSnapshot,
  CallNextInput,
  CallPush,
  CheckInInput,
  CheckInResult,
  DeviceAlert,
  DeviceInfo,
  FinishInput,
  IssueTicketInput,
  KioskInfo,
  PendingCardView,
  ProfileInput,
  PublicTicket,
  QueueChange,
  ReadyCard,
  ReprintJob,
  StaffQueueChange,
  StaffTicket,
  TicketAtCounterInput,
  TrackedTicket,
  TransferInput,
} from './contracts';

type Cmd<I, O extends object> = (input: I, ack: Ack<O>) => void;

/** Commands a device or staff member sends; each ends with its ack. */
export interface ClientToServerEvents {
  'branch:snapshot:v1': Cmd<Record<string, never>, { snapshot: BranchSnapshot }>;
  'ticket:issue:v1': Cmd<IssueTicketInput, { ticket: PublicTicket; trackToken: string }>;
  'ticket:track:v1': Cmd<Record<string, never>, { ticket: TrackedTicket }>;
  'kiosk:alert:v1': Cmd<{ kind: AlertKind; level: DeviceAlert['level']; code: string }, object>;
  'alerts:list:v1': Cmd<Record<string, never>, { alerts: DeviceAlert[] }>;
  /** To the issuing kiosk, or to `kioskId` (a connected kiosk the manager chose). */
  'ticket:reprint:v1': Cmd<{ ticketId: string; kioskId?: string }, { kioskId: string }>;
  /** The connected kiosks, and which one issued `ticketId` (if given). */
  'kiosk:list:v1': Cmd<{ ticketId?: string }, { kiosks: KioskInfo[]; issuedBy: string | null }>;
  'appointment:checkIn:v1': Cmd<CheckInInput, CheckInResult>;
  'appointment:find:v1': Cmd<{ cpr?: string; appointmentId?: string; token?: string }, { appointments: AppointmentView[] }>;
  /** The card ready for collection here for this CPR (the kiosk says so and offers the collection ticket first). */
  'card:ready:v1': Cmd<{ cpr: string }, { card: ReadyCard | null }>;
  /** As v1, and else the card still being made for collection here for this CPR (the kiosk says so instead of "none"). */
  'card:ready:v2': Cmd<{ cpr: string }, { card: ReadyCard | null; pending: PendingCardView | null }>;
  'counter:callNext:v1': Cmd<CallNextInput, { ticket: PublicTicket | null }>;
  'counter:callTicket:v1': Cmd<TicketAtCounterInput, { ticket: PublicTicket }>;
  'ticket:recall:v1': Cmd<TicketAtCounterInput, { ticket: PublicTicket }>;
  'ticket:start:v1': Cmd<TicketAtCounterInput, { ticket: PublicTicket }>;
  'ticket:finish:v1': Cmd<FinishInput, { ticket: PublicTicket }>;
  'ticket:noShow:v1': Cmd<TicketAtCounterInput, { ticket: PublicTicket }>;
  'ticket:park:v1': Cmd<TicketAtCounterInput, { ticket: PublicTicket }>;
  'ticket:return:v1': Cmd<TicketAtCounterInput, { ticket: PublicTicket }>;
  'ticket:transfer:v1': Cmd<TransferInput, { ticket: PublicTicket }>;
  'ticket:cancel:v1': Cmd<{ ticketId: string }, { ticket: PublicTicket }>;
  'queue:list:v1': Cmd<Record<string, never>, { tickets: StaffTicket[] }>;
  'counter:setOpen:v1': Cmd<{ counterId: string; open: boolean }, { counter: Counter }>;
  'counter:setProfile:v1': Cmd<ProfileInput, { counter: Counter }>;
  'device:list:v1': Cmd<Record<string, never>, { devices: DeviceInfo[] }>;
  'device:enrol:v1': Cmd<{ id: string; role: DeviceRole; name: string; counterId?: string | null }, { device: DeviceInfo; token: string }>;
  'device:reinstate:v1': Cmd<{ deviceId: string }, { device: DeviceInfo }>;
  'device:revoke:v1': Cmd<{ deviceId: string }, { device: DeviceInfo }>;
  /** The manager has dealt with a sync conflict: it leaves the list (kept in the database). */
  'sync:resolveConflict:v1': Cmd<{ seq: number }, { sync: BranchSync }>;
}

/** Pushes from the server, sent after the change they describe has committed. */
export interface ServerToClientEvents {
  'branch:snapshot:v1': (snapshot: BranchSnapshot) => void;
  'ticket:called:v2': (call: CallPush) => void;
  'queue:changed:v2': (change: QueueChange) => void;
  'staff:queue:v2': (change: StaffQueueChange) => void;
  /** To a visitor's phone: its ticket after every change. */
  'ticket:status:v1': (ticket: TrackedTicket) => void;
  /** To staff: the kiosks' current hardware alerts. */
  'alerts:v1': (alerts: DeviceAlert[]) => void;
  /** To one kiosk: print this ticket again. */
  'kiosk:reprint:v1': (job: ReprintJob) => void;
  /** To managers: the branch's sync with the centre, on connection and when it changes. */
  'sync:status:v1': (sync: BranchSync) => void;
  /** To managers: today's report, on connection and (at most every 2 s) after changes. */
  'reports:today:v1': (today: ReportView) => void;
}

/** Names of the rooms a socket joins at the handshake, from its device role. */
export const rooms = {
  branch: (branchId: string) => `branch:${branchId}`,
  displays: (branchId: string) => `branch:${branchId}:displays`,
  counter: (counterId: string) => `counter:${counterId}`,
  staff: (branchId: string) => `branch:${branchId}:staff`,
  managers: (branchId: string) => `branch:${branchId}:managers`,
  device: (deviceId: string) => `device:${deviceId}`,
  phones: (branchId: string) => `branch:${branchId}:phones`,
};

