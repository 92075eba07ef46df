/**
 * The centre's signed-in API beyond sign-in: appointments (book, move, cancel, and list with what became of each
 * at the branch: central staff and admins), conflicts, and the catalogue (read by both, changed by admins: see
 * catalogue-routes.ts). Every write carries the session's CSRF token; every change reaches its branch through the
 * down log.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { localDay, localDayRange } from '@dawr/core';
import { sendJson } from '@dawr/web';
import { AppointmentRefused, type HubStore } from '../store/index';
import { catalogueRoutes } from './catalogue-routes';
import { readBody, refuse, type HubCode } from './answers';
import type { SignedInRoute } from './staff-routes';

const Slot = z.union([z.number().int().positive(), z.iso.datetime({ offset: true }).transform((s) => Date.parse(s))]);
const NewAppointment = z.object({ branchId: z.string().min(1).max(64), serviceId: z.string().min(1).max(128), cpr: z.string().max(20), slotAt: Slot });
const Move = z.object({ slotAt: Slot });
const Day = z.iso.date();

/** Builds the route handler for staffRoutes' `next`. */
export function adminRoutes(store: HubStore, clock: () => number = Date.now): SignedInRoute {
  const catalogue = catalogueRoutes(store, clock);
  return async (req: IncomingMessage, res: ServerResponse, url: URL, staff) => {
    const fail = (status: number, code: HubCode) => refuse(req, res, staff.lang, status, code);
    const ok = (body: object) => {
      sendJson(res, 200, { ok: true, ...body }, {}, req);
      return true;
    };
    const now = clock();
    const parts = url.pathname.slice('/api/v1/'.length).split('/');
    const write = req.method !== 'GET';
    if (write && req.headers['x-csrf-token'] !== staff.csrf) return fail(403, 'CSRF');
    try {
      if (req.method === 'GET' && parts[0] === 'conflicts' && parts.length === 1) return ok({ conflicts: await store.conflicts() });
      if (req.method === 'GET' && parts[0] === 'catalogue' && parts.length === 1) return ok({ catalogues: await store.catalogues() });
      if (await catalogue(req, res, url, staff)) return true;
      if (parts[0] === 'appointments') {
        if (req.method === 'GET' && parts.length === 1) return ok({ appointments: await listForDay(url) });
        if (req.method === 'POST' && parts.length === 1) {
          const input = await readBody(req, NewAppointment);
          return input ? ok({ appointment: await store.appointments.create(input, now) }) : fail(400, 'BAD_REQUEST');
        }
        const id = parts[1] ?? '';
        if (req.method === 'GET' && parts.length === 2) {
          const appointment = await store.appointments.outcome(id);
          return appointment ? ok({ appointment }) : fail(404, 'NOT_FOUND');
        }
        if (req.method === 'POST' && parts[2] === 'reschedule' && parts.length === 3) {
          const input = await readBody(req, Move);
          return input ? ok({ appointment: await store.appointments.reschedule(id, input.slotAt, now) }) : fail(400, 'BAD_REQUEST');
        }
        if (req.method === 'POST' && parts[2] === 'cancel' && parts.length === 3) {
          req.resume();
          return ok({ appointment: await store.appointments.cancel(id, now) });
        }
      }
    } catch (e) {
      if (e instanceof AppointmentRefused) {
        const status = e.code === 'NOT_FOUND' || e.code === 'UNKNOWN_BRANCH' ? 404 : e.code === 'NOT_BOOKED' ? 409 : 400;
        return fail(status, e.code);
      }
      if (e instanceof DayRefused) return fail(400, 'BAD_DAY');
      throw e;
    }
    return fail(404, 'NOT_FOUND');
  };

  /** `?branchId=…&day=YYYY-MM-DD`: the branch's appointments on that branch-local day (default: its today). */
  async function listForDay(url: URL) {
    const branchId = url.searchParams.get('branchId') ?? '';
    const c = (await store.catalogues()).find((x) => x.catalogue.branch.id === branchId);
    if (!c) throw new AppointmentRefused('UNKNOWN_BRANCH');
    const tz = c.catalogue.branch.timezone;
    const asked = url.searchParams.get('day');
    const day = asked ?? localDay(clock(), tz);
    if (!Day.safeParse(day).success) throw new DayRefused();
    // Noon UTC falls on the same calendar day in every zone within ±12 h: its local day's range is the one asked.
    const noon = Date.parse(`${day}T12:00:00Z`);
    if (localDay(noon, tz) !== day) throw new DayRefused();
    const { start, end } = localDayRange(noon, tz);
    return store.appointments.list(branchId, start, end);
  }
}

class DayRefused extends Error {}
