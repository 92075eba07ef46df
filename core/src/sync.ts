/**
 * The branch ↔ centre sync contract (shared/docs/sync.md), versioned: every batch carries its schema version and
 * every event its type and type version; the centre accepts schema N and N−1. Pure: types, limits and schemas.
 */
import { z } from 'zod';
import { EVENT_TYPES } from './domain';

/** The schema version this code speaks; the centre also accepts the one before. */
export const SYNC_SCHEMA_VERSION = 1;
/** Schema versions the centre accepts (N and N−1). */
export const SYNC_ACCEPTED_SCHEMAS: readonly number[] = [SYNC_SCHEMA_VERSION, SYNC_SCHEMA_VERSION - 1].filter((v) => v > 0);

/** A batch's bounds: the branch sends at most this many events and bytes at once; the centre refuses more. */
export const SYNC_MAX_EVENTS = 1000;
export const SYNC_MAX_BYTES = 2 * 1024 * 1024;

/**
 * A service-level target set at the branch (its reports tab), v1: {serviceId, withinMin, share}; cleared (back to
 * the default): withinMin and share null. The entity id is the service id.
 */
export const REPORT_TARGET_UP = 'report.target.set';

/** The payload of `report.target.set` v1; the centre ignores one that does not match. */
export const ReportTargetUpSchema = z.union([
  z.object({ serviceId: z.string().min(1).max(64), withinMin: z.number().positive().max(480), share: z.number().positive().max(1) }),
  z.object({ serviceId: z.string().min(1).max(64), withinMin: z.null(), share: z.null() }),
]);
export type ReportTargetUp = z.infer<typeof ReportTargetUpSchema>;

/** Event types the centre projects (others are stored and flagged, never crashed on), with their type version. */
export const KNOWN_UP_EVENTS: ReadonlyMap<string, number> = new Map([
  ...EVENT_TYPES.map((t) => [`ticket.${t}`, 1] as const),
  ['counter.changed', 1] as const,
  // A card handed over at the branch (core/src/renewal.ts).
  ['card.collected', 1] as const,
  // A service-level target the branch manager set or cleared (the centre's reports judge the branch by it).
  [REPORT_TARGET_UP, 1] as const,
]);

/** True when the centre knows how to read this event (its type, at this version or older). */
export function isKnownUpEvent(type: string, typeVersion: number): boolean {
  const v = KNOWN_UP_EVENTS.get(type);
  return v !== undefined && typeVersion <= v;
}

/** One outbox row as it travels up. */
export const UpEventSchema = z.object({
  seq: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  type: z.string().min(1).max(64),
  typeVersion: z.number().int().positive().max(1000),
  entityId: z.string().min(1).max(64),
  payload: z.unknown(),
  createdAt: z.number().int().nonnegative(),
});
export type UpEvent = z.infer<typeof UpEventSchema>;

/**
 * A batch of one branch's outbox, for one database incarnation (epoch). `epochStartSeq` is the seq just before the
 * epoch's first row, so the centre knows where a new epoch's contiguous run begins.
 */
export const UpBatchSchema = z.object({
  schema: z.number().int(),
  branchId: z.string().min(1).max(64),
  epoch: z.string().min(1).max(64),
  epochStartSeq: z.number().int().nonnegative(),
  sentAt: z.number().int().nonnegative(),
  events: z.array(UpEventSchema).max(SYNC_MAX_EVENTS),
});
export type UpBatch = z.infer<typeof UpBatchSchema>;

/** The centre's answer to a batch: the highest contiguous seq it holds for that epoch. */
export interface UpAck {
  epoch: string;
  ackedSeq: number;
  /** The first missing seq when later ones arrived before it (the centre waits for it), else null. */
  waitingFor: number | null;
  /** The centre's clock when it answered, for the branch's clock-skew figure. */
  hubTime: number;
}

/** One change the centre sends down to a branch (appointments, catalogue), numbered per branch. */
export interface DownChange {
  seq: number;
  type: string;
  typeVersion: number;
  payload: unknown;
  createdAt: number;
}

/**
 * A change of the centre that crossed one of the branch's (the centre cancelled an appointment whose visitor had
 * already checked in here), kept for the branch manager: both changes stand, nothing is merged.
 */
export interface SyncConflict {
  /** The centre's down change that met the branch's. */
  seq: number;
  kind: 'cancelled_after_check_in' | (string & {});
  /** The appointment both sides changed. */
  entityId: string;
  /** The visitor's ticket at the branch, its number and service. */
  ticketId: string | null;
  ticketNumber: string | null;
  serviceId: string | null;
  /** The appointment's slot, and when the visitor checked in (branch clock). */
  slotAt: number | null;
  checkedInAt: number | null;
}

/** The branch's sync with the centre, for its manager's screen. Times are on the branch clock. */
export interface BranchSync {
  /** The branch syncs with a centre (DAWR_HUB_URL is set); false: it works alone. */
  enabled: boolean;
  /** The centre answered the last attempt. */
  connected: boolean;
  lastContact: number | null;
  /** Centre clock minus branch clock, from the last answer. */
  clockSkewMs: number | null;
  /** Changes the centre has not acknowledged yet. */
  outboxDepth: number;
  /** When the oldest of them was made, or null when there is none. */
  oldestUnackedAt: number | null;
  /** Commit-to-acknowledgement time of the newest change the centre acknowledged. */
  lastAckLagMs: number | null;
  /** Changes from the centre this branch could not read (a newer centre): stored and flagged. */
  unreadable: number;
  /** Conflicts the manager has not marked handled, oldest first. */
  conflicts: SyncConflict[];
}

/**
 * How far the centre's copy is behind the branch, ms: the age of the oldest change it has not acknowledged, or, when
 * none waits, how long the last change took to be acknowledged (0 when nothing was ever there to send).
 */
export function syncLagMs(s: Pick<BranchSync, 'oldestUnackedAt' | 'lastAckLagMs'>, now: number): number {
  if (s.oldestUnackedAt !== null) return Math.max(0, now - s.oldestUnackedAt);
  return s.lastAckLagMs ?? 0;
}
