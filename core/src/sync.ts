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

/** Event types the centre projects (others are stored and flagged, never crashed on), with their type version. */
export const KNOWN_UP_EVENTS: ReadonlyMap<string, number> = new Map([
  ...EVENT_TYPES.map((t) => [`ticket.${t}`, 1] as const),
  ['counter.changed', 1] as const,
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
