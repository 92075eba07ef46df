/** The hub's admin API from the admin page: the catalogue (admins) and appointments, answers in the page's language. */
import type { Appointment, BranchCatalogue, BranchLive, Lang, Localized, Service } from '@dawr/core';
import { tc } from '@dawr/core';
import { call } from '../api';

export interface VersionedCatalogue {
  version: number;
  catalogue: BranchCatalogue;
}

/** An appointment with its ticket at the branch as the branch last reported it. */
export interface AppointmentOutcome extends Appointment {
  ticket: { number: string; state: string; outcome: string | null } | null;
}

/** What a request gave: the body, or the refusal in both languages (the hub's, or "no answer") with the hub's code. */
export type Answer<T> = { ok: true; value: T } | { ok: false; code: string | null; msgs: Localized };

/** A central text in both languages (the page may switch language while it is shown). */
export const both = (text: (lang: Lang) => string): Localized => ({ ar: text('ar'), en: text('en') });

const NO_ANSWER = both((l) => tc(l, 'central.noAnswer'));

async function ask<T>(lang: Lang, method: string, path: string, pick: (r: Record<string, unknown>) => T, body?: unknown, csrf?: string): Promise<Answer<T>> {
  try {
    const r = await call(method, path, lang, body, csrf);
    if (r.ok) return { ok: true, value: pick(r) };
    const msgs = r.msgs as Localized | undefined;
    return { ok: false, code: typeof r.code === 'string' ? r.code : null, msgs: msgs?.ar && msgs.en ? msgs : NO_ANSWER };
  } catch {
    return { ok: false, code: null, msgs: NO_ANSWER };
  }
}

const versioned = (r: Record<string, unknown>): VersionedCatalogue => ({ version: r.version as number, catalogue: r.catalogue as BranchCatalogue });

/** Admin-page requests for one signed-in session. */
export class AdminApi {
  constructor(
    private readonly lang: () => Lang,
    private readonly csrf: string,
  ) {}

  catalogues(): Promise<Answer<VersionedCatalogue[]>> {
    return ask(this.lang(), 'GET', 'catalogue', (r) => r.catalogues as VersionedCatalogue[]);
  }

  /** Every branch's live figures (for each branch's own "today"). */
  national(): Promise<Answer<BranchLive[]>> {
    return ask(this.lang(), 'GET', 'national', (r) => r.branches as BranchLive[]);
  }

  saveHours(branchId: string, version: number, opensAt: string, closesAt: string): Promise<Answer<VersionedCatalogue>> {
    return ask(this.lang(), 'PUT', `catalogue/${encodeURIComponent(branchId)}/hours`, versioned, { opensAt, closesAt, version }, this.csrf);
  }

  saveHolidays(branchId: string, version: number, holidays: string[]): Promise<Answer<VersionedCatalogue>> {
    return ask(this.lang(), 'PUT', `catalogue/${encodeURIComponent(branchId)}/holidays`, versioned, { holidays, version }, this.csrf);
  }

  saveService(
    branchId: string,
    version: number,
    serviceId: string,
    patch: Partial<Pick<Service, 'active' | 'acceptsAppointments' | 'acceptsWalkIns' | 'dailyCap' | 'typicalServiceMin'>>,
  ): Promise<Answer<VersionedCatalogue>> {
    const path = `catalogue/${encodeURIComponent(branchId)}/services/${encodeURIComponent(serviceId)}`;
    return ask(this.lang(), 'PATCH', path, versioned, { ...patch, version }, this.csrf);
  }

  appointments(branchId: string, day: string): Promise<Answer<AppointmentOutcome[]>> {
    const q = `appointments?branchId=${encodeURIComponent(branchId)}&day=${encodeURIComponent(day)}`;
    return ask(this.lang(), 'GET', q, (r) => r.appointments as AppointmentOutcome[]);
  }

  book(input: { branchId: string; serviceId: string; cpr: string; slotAt: number }): Promise<Answer<Appointment>> {
    return ask(this.lang(), 'POST', 'appointments', (r) => r.appointment as Appointment, input, this.csrf);
  }

  cancel(id: string): Promise<Answer<Appointment>> {
    return ask(this.lang(), 'POST', `appointments/${encodeURIComponent(id)}/cancel`, (r) => r.appointment as Appointment, {}, this.csrf);
  }
}
