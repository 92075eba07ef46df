/** Device tokens, staff logins and sessions for one branch. */
import { createHash, randomBytes } from 'node:crypto';
import type { Staff } from '@dawr/core';
import type { Store } from '@dawr/db';
import { verifyPassword } from '@dawr/web';
import type { EventBus } from '../events';
import type { Principal } from './principal';
import { RateLimiter } from '@dawr/web';

export const SESSION_COOKIE = 'dawr_session';

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

/** How long a staff session lasts. */
export const DEFAULT_SESSION_MINUTES = 12 * 60;
/** Failed logins allowed per address and username, and per address whatever the usernames, per window. */
const LOGIN_FAILURES_PER_USER = 5;
const LOGIN_FAILURES_PER_ADDRESS = 20;
const LOGIN_WINDOW_MS = 15 * 60_000;

export class AuthService {
  /** Failed logins per address and username: guessing one account's password. */
  private readonly userLimit = new RateLimiter(LOGIN_FAILURES_PER_USER, LOGIN_WINDOW_MS);
  /** Failed logins per address: trying many usernames, each only a few times. */
  private readonly addressLimit = new RateLimiter(LOGIN_FAILURES_PER_ADDRESS, LOGIN_WINDOW_MS);

  constructor(
    private readonly store: Store,
    private readonly branchId: string,
    private readonly events: EventBus,
    private readonly sessionMs = DEFAULT_SESSION_MINUTES * 60_000,
  ) {}

  /** The enrolled, unrevoked device holding `token`, for this branch. */
  device(token: unknown): Principal | null {
    if (typeof token !== 'string' || token.length === 0 || token.length > 256) return null;
    const d = this.store.config.findDeviceByTokenHash(sha256(token));
    if (!d || d.branchId !== this.branchId) return null;
    return { kind: 'device', id: d.id, role: d.role, branchId: d.branchId, name: d.name, counterId: d.counterId };
  }

  /** The staff member whose live session cookie is in `cookieHeader`. */
  session(cookieHeader: string | undefined, now: number): Principal | null {
    const token = readCookie(cookieHeader, SESSION_COOKIE);
    return token ? this.sessionById(sha256(token), now) : null;
  }

  /** The staff member of a live session by its id (the token's hash), as of `now`; null once it ended. */
  sessionById(sessionId: string, now: number): Principal | null {
    const s = this.store.staff.findSession(sessionId, now);
    if (!s) return null;
    return {
      kind: 'staff',
      ...s.staff,
      branchId: this.branchId,
      csrfToken: s.csrfToken,
      sessionId,
      expiresAt: s.expiresAt,
      counterId: s.counterId,
    };
  }

  /** Records the counter a staff session works at (after it called or served there). */
  workingAt(p: Principal, counterId: string): void {
    if (p.kind === 'staff' && p.counterId !== counterId) this.store.staff.setSessionCounter(p.sessionId, counterId);
  }

  /** Checks a username and password; opens a session on success. Failures are rate limited. */
  async login(username: string, password: string, address: string, now: number): Promise<LoginResult> {
    const key = `${address}|${username.toLowerCase()}`;
    // Both limits count the attempt before the password is checked (concurrent guesses cannot slip
    // through); a success gives its attempts back.
    const userOk = this.userLimit.take(key, now);
    const addressOk = this.addressLimit.take(address, now);
    if (!userOk || !addressOk) return { ok: false, code: 'RATE_LIMITED' };
    const account = this.store.staff.findForLogin(username);
    // Hash even for an unknown user so that timing does not tell which usernames exist.
    const ok = await verifyPassword(password, account?.passwordHash ?? DUMMY_HASH);
    if (!account || !ok) return { ok: false, code: 'BAD_LOGIN' };
    this.userLimit.reset(key);
    this.addressLimit.giveBack(address);
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    const expiresAt = now + this.sessionMs;
    this.store.staff.deleteExpiredSessions(now);
    this.store.staff.createSession(sha256(token), account.id, csrfToken, now, expiresAt);
    const { passwordHash: _, ...staff } = account;
    return { ok: true, staff, token, csrfToken, expiresAt };
  }

  /** Ends the session in the cookie; its live connections drop (sessionEnded). */
  logout(cookieHeader: string | undefined): void {
    const token = readCookie(cookieHeader, SESSION_COOKIE);
    if (!token) return;
    const sessionId = sha256(token);
    this.store.staff.deleteSession(sessionId);
    this.events.emit('sessionEnded', { sessionId });
  }
}

/** A valid hash of a random password, so unknown usernames cost as much as known ones. */
const DUMMY_HASH =
  'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
