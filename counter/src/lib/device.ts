/** What this browser remembers for the counter app: device token, language and chosen counter. */
import type { Lang } from '@dawr/core';

const TOKEN_KEY = 'dawr.counter.token';
const LANG_KEY = 'dawr.counter.lang';
const COUNTER_KEY = 'dawr.counter.counterId';

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null; // storage disabled
  }
}

function write(key: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // storage disabled: the choice lasts until the page is reloaded
  }
}

/**
 * The enrolment token: `?token=…` in the URL (remembered, so that a reload without the query still
 * works), else the remembered one; null when the device has none.
 */
export function deviceToken(url: URL): string | null {
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) write(TOKEN_KEY, fromUrl);
  return fromUrl || read(TOKEN_KEY);
}

/** `?lang=ar|en` in the URL (remembered), else the remembered language, else Arabic. */
export function initialLang(url: URL): Lang {
  const fromUrl = url.searchParams.get('lang');
  if (fromUrl === 'ar' || fromUrl === 'en') {
    write(LANG_KEY, fromUrl);
    return fromUrl;
  }
  return read(LANG_KEY) === 'en' ? 'en' : 'ar';
}

export function rememberLang(lang: Lang): void {
  write(LANG_KEY, lang);
}

export function rememberedCounter(): string | null {
  return read(COUNTER_KEY);
}

export function rememberCounter(counterId: string | null): void {
  write(COUNTER_KEY, counterId);
}

/** Forgets the remembered device token (a refused one), so that staff can sign in on this browser. */
export function forgetToken(): void {
  write(TOKEN_KEY, null);
}
