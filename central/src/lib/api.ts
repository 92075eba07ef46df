/** The hub's staff API from the page (same origin: the session is an HttpOnly cookie). */
import type { Lang, Localized } from '@dawr/core';

export interface Me {
  name: string;
  role: string;
  csrf: string;
}

export type Failure = { code: string | null; msgs: Localized | null };

/** One request to the hub's staff API (writes carry the session's CSRF token); the hub answers `{ok,…}`. */
export async function call(method: string, path: string, lang: Lang, body?: unknown, csrf?: string): Promise<Record<string, unknown> & { ok: boolean }> {
  const res = await fetch(`/api/v1/${path}${path.includes('?') ? '&' : '?'}lang=${lang}`, {
    method,
    credentials: 'same-origin',
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(csrf ? { 'x-csrf-token': csrf } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return (await res.json()) as Record<string, unknown> & { ok: boolean };
}

/** Who is signed in, or null. */
export async function me(lang: Lang): Promise<Me | null> {
  try {
    const r = await call('GET', 'me', lang);
    return r.ok ? { ...(r.staff as { name: string; role: string }), csrf: String(r.csrf) } : null;
  } catch {
    return null;
  }
}

/** Signs in; the session cookie is set by the hub. */
export async function login(username: string, password: string, lang: Lang): Promise<Me | Failure> {
  try {
    const r = await call('POST', 'login', lang, { username, password });
    if (r.ok) return { ...(r.staff as { name: string; role: string }), csrf: String(r.csrf) };
    return { code: String(r.code), msgs: (r.msgs as Localized | undefined) ?? null };
  } catch {
    return { code: null, msgs: null };
  }
}

export async function logout(csrf: string, lang: Lang): Promise<void> {
  await call('POST', 'logout', lang, {}, csrf).catch(() => undefined);
}
