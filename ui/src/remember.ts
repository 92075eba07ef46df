/**
 * What a browser app remembers between visits (localStorage), and the settings it reads from its URL
 * first. Storage may be disabled (private mode on some phones, a locked-down kiosk browser): then
 * nothing is remembered and the URL is all there is.
 */
import type { Lang } from '@dawr/core';

/** The value stored under `key`; null when there is none or storage is disabled. */
export function recall(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

/** Stores `value` under `key` (null forgets it); without storage the value lasts until the page closes. */
export function remember(key: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // storage disabled
  }
}

/**
 * A device's enrolment token: `?token=…` in the URL (remembered under `key`, so that a reload without the
 * query still works), else the remembered one; null when the device has none.
 */
export function deviceToken(url: URL, key: string): string | null {
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) remember(key, fromUrl);
  return fromUrl || recall(key);
}

/** `?lang=ar|en` in the URL (remembered under `key`), else the remembered language, else Arabic. */
export function urlLang(url: URL, key: string): Lang {
  const fromUrl = url.searchParams.get('lang');
  if (fromUrl === 'ar' || fromUrl === 'en') {
    remember(key, fromUrl);
    return fromUrl;
  }
  return recall(key) === 'en' ? 'en' : 'ar';
}
