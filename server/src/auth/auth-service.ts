/** Device tokens, staff logins and sessions for one branch. */
import { createHash, randomBytes } from 'node:crypto';
import type { Staff } from '@dawr/core';
import type { Store } from '@dawr/db';
import { verifyPassword } from '@dawr/web';
import type { Principal } from './principal';
import { RateLimiter } from './rate-limit';

export const SESSION_COOKIE = 'dawr_session';
const SESSION_MS = 12 * 60 * 60 * 1000;

/** sha256 hex: device and session tokens are stored only this way. */
export function sha256(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Reads one cookie from a Cookie header. */
export function readCookie(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return decodeURIComponent(part.slice(i + 1).trim());
  }
  return null;
}

export type LoginResult =
  | { ok: true; staff: Staff; token: string; csrfToken: string; expiresAt: number }
  | { ok: false; code: 'RATE_LIMITED' | 'BAD_LOGIN' };

export class AuthService {
  /** 5 failed logins per address and username per 15 minutes. */
  private readonly loginLimit = new RateLimiter(5, 15 * 60_000);

  constructor(
    private readonly store: Store,
    private readonly branchId: string,
  ) {}

  /** The enrolled, unrevoked device holding `token`, for this branch. */
  device(token: unknown): Principal | null {
    if (typeof token !== 'string' || token.length === 0 || token.length > 256) return null;
    const d = this.store.config.findDeviceByTokenHash(sha256(token));
    if (!d || d.branchId !== this.branchId) return null;
    return { kind: 'device', id: d.id, role: d.role, branchId: d.branchId, name: d.name };
  }

  /** The staff member whose live session cookie is in `cookieHeader`. */
  session(cookieHeader: string | undefined, now: number): Principal | null {
    const token = readCookie(cookieHeader, SESSION_COOKIE);
    if (!token) return null;
    const s = this.store.staff.findSession(sha256(token), now);
    if (!s) return null;
    return { kind: 'staff', ...s.staff, branchId: this.branchId, csrfToken: s.csrfToken };
  }

  /** Checks a username and password; opens a session on success. Failures are rate limited. */
  async login(username: string, password: string, address: string, now: number): Promise<LoginResult> {
    const key = `${address}|${username.toLowerCase()}`;
    if (!this.loginLimit.take(key, now)) return { ok: false, code: 'RATE_LIMITED' };
    const account = this.store.staff.findForLogin(username);
    // Hash even for an unknown user so that timing does not tell which usernames exist.
    const ok = await verifyPassword(password, account?.passwordHash ?? DUMMY_HASH);
    if (!account || !ok) return { ok: false, code: 'BAD_LOGIN' };
    this.loginLimit.reset(key);
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    const expiresAt = now + SESSION_MS;
    this.store.staff.deleteExpiredSessions(now);
    this.store.staff.createSession(sha256(token), account.id, csrfToken, now, expiresAt);
    const { passwordHash: _, ...staff } = account;
    return { ok: true, staff, token, csrfToken, expiresAt };
  }

  logout(cookieHeader: string | undefined): void {
    const token = readCookie(cookieHeader, SESSION_COOKIE);
    if (token) this.store.staff.deleteSession(sha256(token));
  }
}

/** A valid hash of a random password, so unknown usernames cost as much as known ones. */
const DUMMY_HASH =
  'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
