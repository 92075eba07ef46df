/**
 * The hub's booking API from the page (same origin). Never throws: an answer, or a failure with the hub's
 * words in both languages (none when the hub could not be reached).
 */
import type { ApplicantField, Booking, FieldProblem, Lang, Localized } from './types';

export type Failure = {
  ok: false;
  /** null: no answer (offline, server down). */
  code: string | null;
  msgs: Localized | null;
  fields?: Partial<Record<ApplicantField, FieldProblem>>;
  detail?: Record<string, string>;
};

export interface PortalService {
  id: string;
  code: string;
  name: Localized;
  requirements: Localized;
  bookable: boolean;
}

export interface PortalBranch {
  id: string;
  name: Localized;
  opensAt: string;
  closesAt: string;
  services: PortalService[];
}

export type { Booking };

/** A booking as answered: with its signed QR token and the QR's drawing while it can still be used. */
export interface BookingAnswer {
  booking: Booking;
  token?: string;
  qr?: { size: number; path: string };
}

async function call<T>(method: 'GET' | 'POST', path: string, lang: Lang, body?: unknown): Promise<({ ok: true } & T) | Failure> {
  try {
    const res = await fetch(`/api/portal/v1/${path}${path.includes('?') ? '&' : '?'}lang=${lang}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const answer = (await res.json()) as ({ ok: true } & T) | (Failure & { msgs?: Localized });
    return answer.ok ? answer : { ...answer, msgs: answer.msgs ?? null };
  } catch {
    return { ok: false, code: null, msgs: null };
  }
}

export const api = {
  catalogue: (lang: Lang) => call<{ hotline: string; branches: PortalBranch[] }>('GET', 'catalogue', lang),
  days: (branch: string, service: string, lang: Lang) =>
    call<{ days: { day: string; free: number }[] }>('GET', `days?branch=${encodeURIComponent(branch)}&service=${encodeURIComponent(service)}`, lang),
  slots: (branch: string, service: string, day: string, lang: Lang) =>
    call<{ day: string; slotMin: number; slots: { at: number; free: number }[] }>(
      'GET',
      `slots?branch=${encodeURIComponent(branch)}&service=${encodeURIComponent(service)}&day=${day}`,
      lang,
    ),
  book: (input: { branchId: string; serviceId: string; slotAt: number; lang: Lang; applicant: Record<string, unknown> }) =>
    call<BookingAnswer>('POST', 'bookings', input.lang, input),
  find: (reference: string, cpr: string, lang: Lang) => call<BookingAnswer>('POST', 'bookings/find', lang, { reference, cpr }),
  reschedule: (reference: string, cpr: string, slotAt: number, lang: Lang) =>
    call<BookingAnswer>('POST', 'bookings/reschedule', lang, { reference, cpr, slotAt }),
  cancel: (reference: string, cpr: string, lang: Lang) => call<BookingAnswer>('POST', 'bookings/cancel', lang, { reference, cpr }),
};
