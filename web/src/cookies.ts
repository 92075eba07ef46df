/** Cookies for staff sessions: parsing the request header and writing a hardened Set-Cookie. */

/** The request's cookies by name (first one wins; malformed pairs skipped). */
export function parseCookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    if (out.has(name)) continue;
    try {
      out.set(name, decodeURIComponent(part.slice(eq + 1).trim()));
    } catch {
      // A malformed value is no cookie at all.
    }
  }
  return out;
}

/**
 * A session cookie: HttpOnly, SameSite=Strict, Path=/, Secure when served over TLS; Max-Age 0 clears it. `Lax` is
 * for a cookie that must come along when another site sends the browser back (an identity provider's redirect).
 */
export function sessionCookie(name: string, value: string, maxAgeSec: number, secure: boolean, sameSite: 'Strict' | 'Lax' = 'Strict'): string {
  return [
    `${name}=${encodeURIComponent(value)}`,
    'Path=/',
    'HttpOnly',
    `SameSite=${sameSite}`,
    `Max-Age=${Math.max(0, Math.floor(maxAgeSec))}`,
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}
