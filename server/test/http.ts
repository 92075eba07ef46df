/** REST helpers for the server tests: JSON calls with a device token or a staff session. */
export interface Caller {
  cookie?: string;
  csrf?: string;
  token?: string;
  lang?: string;
}

/** One JSON call; `raw` sends the body as is (for malformed bodies). */
export async function api(
  base: string,
  method: string,
  path: string,
  opts: Caller & { body?: unknown; raw?: string } = {},
): Promise<{ status: number; body: Record<string, any>; headers: Headers }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.cookie) headers.cookie = opts.cookie;
  if (opts.csrf) headers['x-csrf-token'] = opts.csrf;
  if (opts.lang) headers['accept-language'] = opts.lang;
  const body = opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
  const res = await fetch(`${base}${path}`, { method, headers, body });
  return { status: res.status, body: (await res.json()) as Record<string, any>, headers: res.headers };
}

/** Signs a staff member in; returns the session cookie and CSRF token with the answer. */
export async function login(base: string, username: string, password: string) {
  const r = await api(base, 'POST', '/api/v1/login', { body: { username, password } });
  const cookie = r.headers.get('set-cookie')?.split(';')[0] ?? '';
  return { status: r.status, answer: r.body, cookie, csrf: r.body.csrfToken as string };
}
