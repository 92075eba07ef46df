/**
 * Staff sign-in over the branch server's REST API (same origin). The session itself is an HttpOnly
 * cookie the page never sees; what the page keeps is who signed in and the CSRF token for sign-out.
 */
import type { ErrorCode, Failure, Lang, StaffRole } from '@dawr/core';

/** The signed-in member of staff, as the app needs them. */
export interface StaffSession {
  id: string;
  name: string;
  role: StaffRole;
  csrfToken: string;
}

/** A failed sign-in: the server's answer, or `null` code when the server could not be reached. */
export type LoginFailure = { code: ErrorCode; msgs: Failure['msgs'] } | { code: null };

const API = '/api/v1';

async function readJson(res: Response): Promise<Record<string, unknown> | null> {
  try {
    return (await res.json()) as Record<string, unknown>;
  } catch {
    return null;
  }
}

function isStaffRole(role: unknown): role is StaffRole {
  return role === 'clerk' || role === 'manager' || role === 'admin';
}

/**
 * The staff session this browser already has (a reload, a second tab), or null when signed out or
 * when the server cannot be reached (the sign-in form then says so on submit).
 */
export async function currentSession(lang: Lang): Promise<StaffSession | null> {
  try {
    const res = await fetch(`${API}/me?lang=${lang}`, { credentials: 'same-origin' });
    const body = await readJson(res);
    const p = body?.principal as { kind?: unknown; id?: unknown; name?: unknown; role?: unknown } | undefined;
    if (!res.ok || !body?.ok || p?.kind !== 'staff' || !isStaffRole(p.role) || typeof body.csrfToken !== 'string') return null;
    return { id: String(p.id), name: String(p.name), role: p.role, csrfToken: body.csrfToken };
  } catch {
    return null;
  }
}

/** Signs in; the server sets the session cookie. Answers with the session or why it failed. */
export async function login(username: string, password: string, lang: Lang): Promise<StaffSession | LoginFailure> {
  try {
    const res = await fetch(`${API}/login?lang=${lang}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    const body = await readJson(res);
    if (body?.ok === true) {
      const s = body.staff as { id: string; name: string; role: unknown };
      if (isStaffRole(s.role) && typeof body.csrfToken === 'string') {
        return { id: s.id, name: s.name, role: s.role, csrfToken: body.csrfToken };
      }
    }
    if (body && typeof body.code === 'string' && body.msgs) return { code: body.code as ErrorCode, msgs: body.msgs as Failure['msgs'] };
    return { code: null };
  } catch {
    return { code: null };
  }
}

/** Ends the session server-side (the CSRF header proves the request comes from this page). */
export async function logout(session: StaffSession): Promise<void> {
  try {
    await fetch(`${API}/logout`, { method: 'POST', credentials: 'same-origin', headers: { 'x-csrf-token': session.csrfToken } });
  } catch {
    // Offline: the cookie expires on its own; the page forgets the session either way.
  }
}

/** Narrows a login answer to a session. */
export function isSession(r: StaffSession | LoginFailure): r is StaffSession {
  return 'csrfToken' in r;
}
