/**
 * The centre's live picture of every branch (hub → central managers): figures only, never a visitor's data.
 * Typed, versioned socket events like the branch's contracts.
 */
import type { Localized } from './domain';

/** One service's queue at a branch today. */
export interface ServiceLive {
  serviceId: string;
  name: Localized;
  waiting: number;
  issued: number;
  served: number;
}

/** One branch, live, as the hub knows it from the branch's synced events. */
export interface BranchLive {
  branchId: string;
  name: Localized;
  /** The branch's local day the figures are for (YYYY-MM-DD). */
  day: string;
  services: ServiceLive[];
  waiting: number;
  ticketsToday: number;
  servedToday: number;
  /** Minutes the longest-waiting visitor has waited (branch clock), or null when nobody waits. */
  longestWaitMin: number | null;
  countersOpen: number;
  countersTotal: number;
  /** When the hub last heard from the branch (hub clock, ms), or null if never. */
  lastContact: number | null;
}

export interface NationalSnapshot {
  at: number;
  branches: BranchLive[];
}

/** Pushes from the hub to central managers' pages. */
export interface HubServerToClientEvents {
  'national:snapshot:v1': (s: NationalSnapshot) => void;
  'national:branch:v1': (b: BranchLive) => void;
}

/** The hub's socket room for central managers. */
export const CENTRAL_ROOM = 'central';
