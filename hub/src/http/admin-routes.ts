/**
 * The centre's signed-in API beyond sign-in: appointments (book, move, cancel: central staff and admins),
 * conflicts, and the catalogue (read by both, changed by admins: holidays, a service's settings). Every write
 * carries the session's CSRF token; every change reaches its branch through the down log.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { BodyError, readJsonBody, sendJson } from '@dawr/web';
import { AppointmentRefused, type HubStore } from '../store/index';
import { refuse, type HubCode } from './answers';
import type { SignedInRoute } from './staff-routes';

const Slot = z.union([z.number().int().positive(), z.iso.datetime({ offset: true }).transform((s) => Date.parse(s))]);
const NewAppointment = z.object({ branchId: z.string().min(1).max(64), serviceId: z.string().min(1).max(128), cpr: z.string().max(20), slotAt: Slot });
const Move = z.object({ slotAt: Slot });
const Holidays = z.object({ holidays: z.array(z.iso.date()).max(366) });
const ServicePatch = z.object({
  active: z.boolean().optional(),
  acceptsAppointments: z.boolean().optional(),
  acceptsWalkIns: z.boolean().optional(),
  dailyCap: z.number().int().positive().max(999).nullable().optional(),
  typicalServiceMin: z.number().positive().max(240).nullable().optional(),
});

/** Builds the route handler for staffRoutes' `next`. */
export function adminRoutes(store: HubStore, clock: () => number = Date.now): SignedInRoute {
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
    const body = async <T>(schema: z.ZodType<T>): Promise<T | null> => {
      try {
        const parsed = schema.safeParse(await readJsonBody(req, 16 * 1024));
        return parsed.success ? parsed.data : null;
      } catch (e) {
        if (e instanceof BodyError) return null;
        throw e;
      }
    };
    try {
      if (req.method === 'GET' && parts[0] === 'conflicts' && parts.length === 1) return ok({ conflicts: await store.conflicts() });
      if (req.method === 'GET' && parts[0] === 'catalogue' && parts.length === 1) return ok({ catalogues: await store.catalogues() });
      if (parts[0] === 'appointments') {
        if (req.method === 'POST' && parts.length === 1) {
          const input = await body(NewAppointment);
          return input ? ok({ appointment: await store.appointments.create(input, now) }) : fail(400, 'BAD_REQUEST');
        }
        const id = parts[1] ?? '';
        if (req.method === 'POST' && parts[2] === 'reschedule' && parts.length === 3) {
          const input = await body(Move);
          return input ? ok({ appointment: await store.appointments.reschedule(id, input.slotAt, now) }) : fail(400, 'BAD_REQUEST');
        }
        if (req.method === 'POST' && parts[2] === 'cancel' && parts.length === 3) {
          req.resume();
          return ok({ appointment: await store.appointments.cancel(id, now) });
        }
      }
      if (parts[0] === 'catalogue' && parts.length >= 3) {
        if (staff.role !== 'admin') return fail(403, 'FORBIDDEN');
        const branchId = parts[1]!;
        if (req.method === 'PUT' && parts[2] === 'holidays' && parts.length === 3) {
          const input = await body(Holidays);
          if (!input) return fail(400, 'BAD_REQUEST');
          const holidays = [...new Set(input.holidays)].sort();
          return ok(await store.editCatalogue(branchId, (c) => ({ ...c, holidays }), now));
        }
        if (req.method === 'PATCH' && parts[2] === 'services' && parts.length === 4) {
          const input = await body(ServicePatch);
          if (!input) return fail(400, 'BAD_REQUEST');
          const serviceId = parts[3]!;
          return ok(await store.editCatalogue(branchId, (c) => {
            if (!c.services.some((s) => s.id === serviceId)) throw new AppointmentRefused('UNKNOWN_SERVICE');
            return { ...c, services: c.services.map((s) => (s.id === serviceId ? { ...s, ...input } : s)) };
          }, now));
        }
      }
    } catch (e) {
      if (e instanceof AppointmentRefused) return fail(e.code === 'NOT_FOUND' ? 404 : e.code === 'NOT_BOOKED' ? 409 : 400, e.code);
      if (e instanceof Error && /^unknown branch/.test(e.message)) return fail(404, 'UNKNOWN_BRANCH');
      throw e;
    }
    return fail(404, 'NOT_FOUND');
  };
}
