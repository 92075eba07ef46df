/** Where a device's token and language come from: the URL first, then what this browser remembers. */
import type { Lang } from '@dawr/core';
import { deviceToken as rememberedToken } from '@dawr/ui/remember';

const TOKEN_KEY = 'dawr.display.token';

/**
 * The enrolment token: `?token=…` in the URL (remembered in localStorage, so that a reload without the
 * query still works), else the remembered one; null when the device has none.
 */
export function deviceToken(url: URL): string | null {
  return rememberedToken(url, TOKEN_KEY);
}

/** A display speaks Arabic unless its URL says `?lang=en`. */
export function displayLang(url: URL): Lang {
  return url.searchParams.get('lang') === 'en' ? 'en' : 'ar';
}

/** Announcements are on unless the URL says `?sound=0` (or `off`/`false`). */
export function soundEnabled(url: URL): boolean {
  return !['0', 'off', 'false', 'no'].includes(url.searchParams.get('sound') ?? '');
}

/**
 * The display's profile: `?services=new-card,renewal` shows (and announces) only those services, e.g.
 * the ones served on one floor. Codes (or full service ids); null = every service.
 */
export function displayServices(url: URL): ReadonlySet<string> | null {
  const codes = (url.searchParams.get('services') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return codes.length > 0 ? new Set(codes) : null;
}
