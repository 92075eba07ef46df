/**
 * Runtime validation of command payloads (zod). Kept apart from the index so the browser apps,
 * which only need the types, do not bundle zod.
 */
import { z } from 'zod';
import { BOOKING_TOKEN_PATTERN } from './booking/token';
import { ALERT_KINDS } from './contracts';
import { DEVICE_ROLES, PRIORITIES, TICKET_NOTES } from './domain';

const id = z.string().min(1).max(64);
/** The booking QR's signed token (verified by the branch with the centre's key). */
const bookingToken = z.string().regex(BOOKING_TOKEN_PATTERN);
/** An appointment is found by exactly one of: CPR, appointment id, booking token. */
const oneWayIn = (v: { cpr?: string; appointmentId?: string; token?: string }) =>
  [v.cpr, v.appointmentId, v.token].filter((x) => x !== undefined).length === 1;
const priority = z.enum(PRIORITIES).nullable().optional();
const atCounter = { ticketId: id, counterId: id };
const none = z.object({}).strict();
/** A device's idempotency key: a retry with the same key gets the same ticket back. */
const requestId = z.string().min(8).max(64).optional();
const visitor = z
  .object({
    cpr: z.string().regex(/^\d{9}$/).optional(),
    nameAr: z.string().max(200).optional(),
    nameEn: z.string().max(200).optional(),
    note: z.enum(TICKET_NOTES).optional(),
  })
  .strict()
  .optional();

export const schemas = {
  'branch:snapshot:v1': none,
  'ticket:issue:v1': z.object({ serviceId: id, priority, requestId, visitor }).strict(),
  'ticket:track:v1': none,
  'kiosk:alert:v1': z
    .object({ kind: z.enum(ALERT_KINDS), level: z.enum(['ok', 'warning', 'error']), code: z.string().regex(/^[a-z_]{1,32}$/) })
    .strict(),
  'alerts:list:v1': none,
  'ticket:reprint:v1': z.object({ ticketId: id, kioskId: id.optional() }).strict(),
  'kiosk:list:v1': z.object({ ticketId: id.optional() }).strict(),
  'appointment:checkIn:v1': z
    .object({ cpr: z.string().regex(/^\d{9}$/).optional(), appointmentId: id.optional(), token: bookingToken.optional(), priority, requestId, visitor })
    .strict()
    .refine(oneWayIn, 'give a CPR, an appointment id or a booking token'),
  'appointment:find:v1': z
    .object({ cpr: z.string().regex(/^\d{9}$/).optional(), appointmentId: id.optional(), token: bookingToken.optional() })
    .strict()
    .refine(oneWayIn, 'give a CPR, an appointment id or a booking token'),
  'card:ready:v1': z.object({ cpr: z.string().regex(/^\d{9}$/) }).strict(),
  'card:ready:v2': z.object({ cpr: z.string().regex(/^\d{9}$/) }).strict(),
  'counter:callNext:v1': z.object({ counterId: id }).strict(),
  'counter:callTicket:v1': z.object(atCounter).strict(),
  'ticket:recall:v1': z.object(atCounter).strict(),
  'ticket:start:v1': z.object(atCounter).strict(),
  'ticket:finish:v1': z.object({ ...atCounter, outcome: z.string().min(1).max(64) }).strict(),
  'ticket:noShow:v1': z.object(atCounter).strict(),
  'ticket:park:v1': z.object(atCounter).strict(),
  'ticket:return:v1': z.object(atCounter).strict(),
  'ticket:transfer:v1': z
    .object({ ...atCounter, toServiceId: id.optional(), toCounterId: id.nullable().optional(), keepArrival: z.boolean() })
    .strict(),
  'ticket:cancel:v1': z.object({ ticketId: id }).strict(),
  'queue:list:v1': none,
  'counter:setOpen:v1': z.object({ counterId: id, open: z.boolean() }).strict(),
  'counter:setProfile:v1': z
    .object({
      counterId: id,
      profile: z.array(z.object({ serviceId: id, weight: z.number().int().min(1).max(10) }).strict()).max(20),
    })
    .strict(),
  'device:list:v1': none,
  'device:enrol:v1': z
    .object({
      id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/),
      role: z.enum(DEVICE_ROLES),
      name: z.string().min(1).max(80),
      counterId: id.nullable().optional(),
    })
    .strict(),
  'device:revoke:v1': z.object({ deviceId: id }).strict(),
  'device:reinstate:v1': z.object({ deviceId: id }).strict(),
  'sync:resolveConflict:v1': z.object({ seq: z.number().int().positive().max(Number.MAX_SAFE_INTEGER) }).strict(),
} as const;

export type CommandName = keyof typeof schemas;
export type CommandInput<N extends CommandName> = z.infer<(typeof schemas)[N]>;

/** Validates a payload; returns the parsed value or null when it does not fit. */
export function parseCommand<N extends CommandName>(name: N, input: unknown): CommandInput<N> | null {
  const r = schemas[name].safeParse(input ?? {});
  return r.success ? (r.data as CommandInput<N>) : null;
}
