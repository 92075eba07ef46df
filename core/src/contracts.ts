/**
 * Typed socket.io contracts between the branch server and its devices. Names carry a version
 * (`…:v1`); a changed payload gets a new name and the old one is served until no device uses it.
 */
import type { Branch, Counter, Lang, Localized, Priority, TicketState } from './domain';
import type { Failure } from './errors';

/** Every command answers through the ack with `{ok:true, …}` or a Failure. */
export type Result<T extends object = object> = ({ ok: true } & T) | Failure;
export type Ack<T extends object = object> = (result: Result<T>) => void;

/** What the handshake carries: the device token and the language errors should come in. */
export interface HandshakeAuth {
  token: string;
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

/** Everything a display or counter needs to draw itself from scratch after (re)connecting. */
export interface BranchSnapshot {
  version: number;
  serverTime: number;
  branch: Branch;
  open: boolean;
  services: ServiceStatus[];
  counters: Counter[];
  /** Most recent first. */
  recentCalls: CallNotice[];
}

export interface QueueChange {
  version: number;
  services: ServiceStatus[];
}

export interface IssueTicketInput {
  serviceId: string;
  priority?: Priority | null;
}

export interface CallNextInput {
  counterId: string;
}

/** Commands a device sends; each ends with its ack. */
export interface ClientToServerEvents {
  'branch:snapshot:v1': (input: Record<string, never>, ack: Ack<{ snapshot: BranchSnapshot }>) => void;
  'ticket:issue:v1': (input: IssueTicketInput, ack: Ack<{ ticket: PublicTicket }>) => void;
  'counter:callNext:v1': (input: CallNextInput, ack: Ack<{ ticket: PublicTicket | null }>) => void;
}

/** Pushes from the server, sent after the change they describe has committed. */
export interface ServerToClientEvents {
  'branch:snapshot:v1': (snapshot: BranchSnapshot) => void;
  'ticket:called:v1': (call: CallNotice) => void;
  'queue:changed:v1': (change: QueueChange) => void;
}

/** Names of the rooms a socket joins at the handshake, from its device role. */
export const rooms = {
  branch: (branchId: string) => `branch:${branchId}`,
  displays: (branchId: string) => `branch:${branchId}:displays`,
  counter: (counterId: string) => `counter:${counterId}`,
};

