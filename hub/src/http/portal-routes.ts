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
import { BodyError, langOf, qrPath, RateLimiter, readJsonBody, sendJson, sendJsonBytes, signBookingToken } from '@dawr/web';
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
const APPLICANT_TEXT = ['cpr', 'name', 'mobile', 'email', 'nationality', 'birthDate', 'cardExpiry'] as const;

type NewBooking = { branchId: string; serviceId: string; slotAt: number; lang?: Lang; applicant: Partial<Record<(typeof APPLICANT_TEXT)[number], string>> & { conditionsAccepted?: boolean } };

/**
 * A booking request's shape (the fields' contents are the store's to judge), checked by hand: it is the hot path of
 * a rush on the last seats, and a schema library cost more than the rest of reading it.
 */
const NewBooking = {
  safeParse(raw: unknown): { success: true; data: NewBooking } | { success: false } {
    const o = raw as Record<string, unknown> | null;
    const text = (v: unknown, max: number) => v === undefined || (typeof v === 'string' && v.length <= max);
    const a = (o?.applicant ?? null) as Record<string, unknown> | null;
    const ok =
      typeof o === 'object' && o !== null &&
      typeof o.branchId === 'string' && o.branchId.length >= 1 && o.branchId.length <= 128 &&
      typeof o.serviceId === 'string' && o.serviceId.length >= 1 && o.serviceId.length <= 128 &&
      Number.isSafeInteger(o.slotAt) && (o.slotAt as number) > 0 &&
      (o.lang === undefined || o.lang === 'ar' || o.lang === 'en') &&
      typeof a === 'object' && a !== null && !Array.isArray(a) &&
      APPLICANT_TEXT.every((k) => text(a[k], 1000)) &&
      (a.conditionsAccepted === undefined || typeof a.conditionsAccepted === 'boolean');
    if (!ok) return { success: false };
    const applicant: NewBooking['applicant'] = {};
    for (const k of APPLICANT_TEXT) if (a[k] !== undefined) applicant[k] = a[k] as string;
    if (a.conditionsAccepted !== undefined) applicant.conditionsAccepted = a.conditionsAccepted as boolean;
    return { success: true, data: { branchId: o.branchId as string, serviceId: o.serviceId as string, slotAt: o.slotAt as number, lang: o.lang as Lang | undefined, applicant } };
  },
};
const Holder = z.object({ reference: z.string().min(1).max(40), cpr: z.string().min(1).max(40) });
const Move = Holder.extend({ slotAt: Slot });

/** A refusal with nothing of the request in it, serialised once per code and language (the rush's SLOT_FULL). */
const plainRefusals = new Map<string, Buffer>();
function plainRefusal(code: BookingErrorCode, lang: Lang): Buffer {
  let bytes = plainRefusals.get(`${code}|${lang}`);
  if (!bytes) {
    const msgs = BOOKING_ERRORS[code];
    bytes = Buffer.from(JSON.stringify({ ok: false, code, msg: msgs[lang], msgs }));
    plainRefusals.set(`${code}|${lang}`, bytes);
  }
  return bytes;
}

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

  const body = async <T>(req: IncomingMessage, schema: { safeParse(raw: unknown): { success: true; data: T } | { success: false } }): Promise<T> => {
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
      const headers: Record<string, string> = r.code === 'RATE_LIMITED' ? { 'retry-after': '60' } : {};
      const plain = Object.keys(r.extra).length === 0 && Object.keys(r.params).length === 0;
      if (plain) sendJsonBytes(res, STATUS[r.code], plainRefusal(r.code, lang), headers);
      else {
        const msgs: Localized = fillBookingText(BOOKING_ERRORS[r.code], r.params);
        sendJson(res, STATUS[r.code], { ok: false, code: r.code, msg: msgs[lang], msgs, ...r.extra, ...(Object.keys(r.params).length ? { detail: r.params } : {}) }, headers);
      }
    }
    return true;
  };
}
