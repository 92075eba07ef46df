/**
 * The centre's catalogue over HTTP, changed by admins only: a branch's opening hours, public holidays and each
 * service's settings. Every write may carry the `version` it was based on: a catalogue changed meanwhile by
 * someone else is refused (409 STALE_CATALOGUE), never overwritten. Each change reaches the branch through its
 * down log (the store commits both together).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { BranchCatalogue } from '@dawr/core';
import { sendJson } from '@dawr/web';
import { CatalogueRefused, type HubStore } from '../store/index';
import { readBody, refuse, type HubCode } from './answers';
import type { SignedInRoute } from './staff-routes';

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
const Version = z.number().int().positive().optional();
const Hours = z.object({ opensAt: HHMM, closesAt: HHMM, version: Version });
const Holidays = z.object({ holidays: z.array(z.iso.date()).max(366), version: Version });
const ServicePatch = z.object({
  active: z.boolean().optional(),
  acceptsAppointments: z.boolean().optional(),
  acceptsWalkIns: z.boolean().optional(),
  dailyCap: z.number().int().positive().max(999).nullable().optional(),
  typicalServiceMin: z.number().positive().max(240).nullable().optional(),
  version: Version,
});

const STATUS: Record<CatalogueRefused['code'], number> = { UNKNOWN_BRANCH: 404, UNKNOWN_SERVICE: 404, STALE_CATALOGUE: 409, NO_WAY_IN: 400 };

/** Handles `/api/v1/catalogue/<branch>/…` writes (returns false for anything else). */
export function catalogueRoutes(store: HubStore, clock: () => number = Date.now): SignedInRoute {
  return async (req: IncomingMessage, res: ServerResponse, url: URL, staff) => {
    const parts = url.pathname.slice('/api/v1/'.length).split('/');
    if (parts[0] !== 'catalogue' || parts.length < 3) return false;
    const fail = (status: number, code: HubCode) => refuse(req, res, staff.lang, status, code);
    if (staff.role !== 'admin') return fail(403, 'FORBIDDEN');
    const branchId = parts[1]!;
    const edit = async (version: number | undefined, change: (c: BranchCatalogue) => BranchCatalogue) => {
      try {
        const saved = await store.editCatalogue(branchId, change, clock(), version);
        sendJson(res, 200, { ok: true, ...saved }, {}, req);
        return true;
      } catch (e) {
        if (e instanceof CatalogueRefused) return fail(STATUS[e.code], e.code);
        throw e;
      }
    };
    if (req.method === 'PUT' && parts[2] === 'hours' && parts.length === 3) {
      const input = await readBody(req, Hours);
      if (!input) return fail(400, 'BAD_REQUEST');
      // Closing must come after opening on the same day (the branch's hours rule reads [opensAt, closesAt)).
      if (input.closesAt <= input.opensAt) return fail(400, 'BAD_HOURS');
      return edit(input.version, (c) => ({ ...c, branch: { ...c.branch, opensAt: input.opensAt, closesAt: input.closesAt } }));
    }
    if (req.method === 'PUT' && parts[2] === 'holidays' && parts.length === 3) {
      const input = await readBody(req, Holidays);
      if (!input) return fail(400, 'BAD_REQUEST');
      const holidays = [...new Set(input.holidays)].sort();
      return edit(input.version, (c) => ({ ...c, holidays }));
    }
    if (req.method === 'PATCH' && parts[2] === 'services' && parts.length === 4) {
      const input = await readBody(req, ServicePatch);
      if (!input) return fail(400, 'BAD_REQUEST');
      const { version, ...patch } = input;
      const serviceId = parts[3]!;
      return edit(version, (c) => {
        const current = c.services.find((s) => s.id === serviceId);
        if (!current) throw new CatalogueRefused('UNKNOWN_SERVICE');
        const next = { ...current, ...patch };
        // An offered service nobody can come for (no walk-ins, no appointments) is a mistake: say so.
        if (next.active && !next.acceptsWalkIns && !next.acceptsAppointments) throw new CatalogueRefused('NO_WAY_IN');
        return { ...c, services: c.services.map((s) => (s.id === serviceId ? next : s)) };
      });
    }
    return fail(404, 'NOT_FOUND');
  };
}
