/**
 * The hub's renewal API from the page (same origin; the e-key session is an HttpOnly cookie, writes carry its CSRF
 * token). Never throws: an answer, or a failure with the hub's words in both languages (none when unreachable).
 */
import type { CardApplication, Citizen, Lang, Localized, RenewalField } from '@dawr/core';

export type RenewFailure = { ok: false; status: number; code: string | null; msgs: Localized | null; fields?: Partial<Record<RenewalField, string>> };

export interface RenewSession {
  citizen: Citizen & { email: string | null; mobile: string | null };
  csrf: string;
  applications: CardApplication[];
  branches: { id: string; name: Localized }[];
}

async function call<T>(method: 'GET' | 'POST', path: string, lang: Lang, body?: unknown, csrf?: string): Promise<({ ok: true } & T) | RenewFailure> {
  try {
    const res = await fetch(`/api/portal/v1/renewal/${path}?lang=${lang}`, {
      method,
      credentials: 'same-origin',
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(csrf ? { 'x-csrf-token': csrf } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const answer = (await res.json()) as ({ ok: true } & T) | RenewFailure;
    return answer.ok ? answer : { ...answer, status: res.status, msgs: answer.msgs ?? null };
  } catch {
    return { ok: false, status: 0, code: null, msgs: null };
  }
}

export const renewApi = {
  session: (lang: Lang) => call<RenewSession>('GET', 'session', lang),
  apply: (lang: Lang, csrf: string, form: Record<string, string>) => call<{ application: CardApplication }>('POST', 'applications', lang, { ...form, lang }, csrf),
  /** Another pickup for the citizen's application (until the card is ready or posted). */
  changePickup: (lang: Lang, csrf: string, id: string, form: { pickup: string; branchId: string; address: string }) =>
    call<{ application: CardApplication }>('POST', `applications/${id}/pickup`, lang, form, csrf),
  /** Cancels the citizen's application (until production starts). */
  cancel: (lang: Lang, csrf: string, id: string) => call<{ application: CardApplication }>('POST', `applications/${id}/cancel`, lang, {}, csrf),
  logout: (lang: Lang, csrf: string) => call<object>('POST', 'logout', lang, {}, csrf),
  /** Where the e-key login starts; it comes back to this page in this language. */
  loginHref: (lang: Lang) => `/api/portal/v1/renewal/login?return=${encodeURIComponent(`/portal/renew/${lang === 'en' ? '?lang=en' : ''}`)}`,
};
