/**
 * The booking portal's public JSON API, /api/portal/v1/… (no login; the citizen proves a booking is theirs with
 * reference + CPR). Handlers call the store; refusals are `{ok:false, code, msg, msgs:{ar,en}}` with the fields
 * to correct; rate limits per address and per CPR. Writes must be JSON (a plain cross-site form cannot post here).
 * A booking that is still to be used comes with its signed QR token (verified offline by the branch).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import {
  BOOKING_ERRORS,
  HOTLINE,
  fillBookingText,
  parseCpr,
  type BookingErrorCode,
  type Lang,
  type Localized,
} from '@dawr/core';
import { BodyError, langOf, qrPath, RateLimiter, readJsonBody, sendJson, signBookingToken } from '@dawr/web';
import { BookingRefused, type Booking, type HubStore } from '../store/index';

export interface PortalLimits {
  /** Reads (catalogue, days, slots) per address per minute. */
  readsPerAddress: number;
  /** Writes and look-ups per address per 10 minutes. */
  writesPerAddress: number;
  /** Writes and look-ups per CPR per hour. */
  writesPerCpr: number;
}

export const DEFAULT_PORTAL_LIMITS: PortalLimits = { readsPerAddress: 600, writesPerAddress: 60, writesPerCpr: 20 };

export interface PortalRouteOptions {
  limits?: Partial<PortalLimits>;
  clock?: () => number;
}

const STATUS: Record<BookingErrorCode, number> = {
  BAD_REQUEST: 400, TOO_LARGE: 413, NOT_JSON: 415, RATE_LIMITED: 429, INVALID_FIELDS: 422, UNKNOWN_BRANCH: 404, UNKNOWN_SERVICE: 404,
  NO_APPOINTMENTS: 400, WEEKEND: 400, HOLIDAY: 400, NOT_A_SLOT: 400, SLOT_PAST: 400, BEYOND_HORIZON: 400, SLOT_FULL: 409,
  ALREADY_BOOKED: 409, UNDER_FOUR: 422, CARD_STILL_VALID: 422, NOT_FOUND: 404, NOT_BOOKED: 409, NOT_FOUND_ROUTE: 404,
};

const Id = z.string().min(1).max(128);
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const Slot = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const Text = z.string().max(1000);
const NewBooking = z.object({
  branchId: Id,
  serviceId: Id,
  slotAt: Slot,
  lang: z.enum(['ar', 'en']).optional(),
  applicant: z.object({
    cpr: Text.optional(), name: Text.optional(), mobile: Text.optional(), email: Text.optional(), nationality: Text.optional(),
    birthDate: Text.optional(), cardExpiry: Text.optional(), conditionsAccepted: z.boolean().optional(),
  }),
});
const Holder = z.object({ reference: z.string().min(1).max(40), cpr: z.string().min(1).max(40) });
const Move = Holder.extend({ slotAt: Slot });

class Refusal {
  constructor(
    readonly code: BookingErrorCode,
    readonly extra: Record<string, unknown> = {},
    readonly params: Record<string, string> = {},
  ) {}
}

/** Builds the handler of /api/portal/v1/…; it returns false for any other path. */
export function portalRoutes(store: HubStore, o: PortalRouteOptions = {}) {
  const limits = { ...DEFAULT_PORTAL_LIMITS, ...o.limits };
  const clock = o.clock ?? Date.now;
  const reads = new RateLimiter(limits.readsPerAddress, 60_000);
  const writesByAddress = new RateLimiter(limits.writesPerAddress, 10 * 60_000);
  const writesByCpr = new RateLimiter(limits.writesPerCpr, 60 * 60_000);

  /** The booking as the portal gets it, with the signed QR token while it can still be used. */
  const present = (b: Booking) => {
    if (b.status !== 'booked') return { booking: b };
    const token = signBookingToken(
      { i: b.id, b: b.branchId, s: b.serviceId, t: b.slotAt, c: b.cprLast4, e: b.validUntil - 1 },
      store.bookingKey.privateKey,
    );
    return { booking: b, token, qr: qrPath(token) };
  };

  const body = async <T>(req: IncomingMessage, schema: z.ZodType<T>): Promise<T> => {
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
      req.resume();
      throw new Refusal('NOT_JSON');
    }
    let raw: unknown;
    try {
      raw = await readJsonBody(req, 8 * 1024);
    } catch (e) {
      if (e instanceof BodyError) throw new Refusal(e.status === 413 ? 'TOO_LARGE' : 'BAD_REQUEST');
      throw e;
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) throw new Refusal('BAD_REQUEST');
    return parsed.data;
  };

  /** Counts a write against the caller's CPR (normalised, so Arabic-Indic digits are the same person). */
  const perCpr = (cpr: unknown, now: number) => {
    const parsed = typeof cpr === 'string' ? parseCpr(cpr) : null;
    const key = parsed?.ok ? parsed.cpr : String(cpr ?? '').slice(0, 40);
    if (!writesByCpr.take(key, now)) throw new Refusal('RATE_LIMITED');
  };

  const route = async (req: IncomingMessage, url: URL, path: string, now: number, lang: Lang): Promise<object> => {
    const address = req.socket.remoteAddress ?? '?';
    if (req.method === 'GET') {
      if (!reads.take(address, now)) throw new Refusal('RATE_LIMITED');
      const q = (k: string) => url.searchParams.get(k) ?? '';
      if (path === 'catalogue') return { hotline: HOTLINE, now, branches: await catalogue() };
      if (path === 'days') return { now, ...(await store.bookings.days(q('branch'), q('service'), now)) };
      if (path === 'slots') {
        if (!Day.safeParse(q('day')).success) throw new Refusal('BAD_REQUEST');
        return { now, ...(await store.bookings.slots(q('branch'), q('service'), q('day'), now)) };
      }
      throw new Refusal('NOT_FOUND_ROUTE');
    }
    if (req.method !== 'POST') throw new Refusal('NOT_FOUND_ROUTE');
    if (!['bookings', 'bookings/find', 'bookings/reschedule', 'bookings/cancel'].includes(path)) throw new Refusal('NOT_FOUND_ROUTE');
    if (!writesByAddress.take(address, now)) {
      req.resume();
      throw new Refusal('RATE_LIMITED');
    }
    if (path === 'bookings') {
      const input = await body(req, NewBooking);
      perCpr(input.applicant.cpr, now);
      return present(await store.bookings.create({ ...input, lang: input.lang ?? lang }, now));
    }
    if (path === 'bookings/reschedule') {
      const input = await body(req, Move);
      perCpr(input.cpr, now);
      return present(await store.bookings.reschedule(input.reference, input.cpr, input.slotAt, now));
    }
    const input = await body(req, Holder);
    perCpr(input.cpr, now);
    if (path === 'bookings/cancel') return present(await store.bookings.cancel(input.reference, input.cpr, now));
    return present(await store.bookings.lookup(input.reference, input.cpr, now));
  };

  /** Every branch with its hours and services, as the portal shows them. */
  const catalogue = async () =>
    (await store.catalogues()).map(({ catalogue: c }) => ({
      id: c.branch.id,
      name: c.branch.name,
      opensAt: c.branch.opensAt,
      closesAt: c.branch.closesAt,
      services: c.services
        .filter((s) => s.active)
        .map((s) => ({ id: s.id, code: s.code, name: s.name, requirements: s.requirements, bookable: s.acceptsAppointments })),
    }));

  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> => {
    if (!url.pathname.startsWith('/api/portal/v1/')) return false;
    const lang = langOf(req, url);
    const now = clock();
    try {
      const answer = await route(req, url, url.pathname.slice('/api/portal/v1/'.length), now, lang);
      sendJson(res, 200, { ok: true, ...answer }, {}, req);
    } catch (e) {
      const r =
        e instanceof Refusal
          ? e
          : e instanceof BookingRefused
            ? new Refusal(e.code, e.detail.fields ? { fields: e.detail.fields } : {}, e.detail.renewFrom ? { expiry: e.detail.expiry!, renewFrom: e.detail.renewFrom } : {})
            : null;
      if (!r) throw e;
      req.resume();
      const msgs: Localized = fillBookingText(BOOKING_ERRORS[r.code], r.params);
      const headers: Record<string, string> = r.code === 'RATE_LIMITED' ? { 'retry-after': '60' } : {};
      sendJson(res, STATUS[r.code], { ok: false, code: r.code, msg: msgs[lang], msgs, ...r.extra, ...(Object.keys(r.params).length ? { detail: r.params } : {}) }, headers);
    }
    return true;
  };
}
