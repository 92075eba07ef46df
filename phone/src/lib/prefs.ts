/** What the phone page reads from its URL and remembers in this browser: the ticket token and the language. */
import { isVisitorLang, type Lang, type VisitorLang } from '@dawr/core';
import { recall, remember } from '@dawr/ui/remember';

const LANG_KEY = 'dawr.phone.lang';
/** A track token as the server makes them (base64url); anything else is not worth a connection. */
const TOKEN = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The ticket's track token: the last segment of `/t/<token>` (the QR on the ticket), or null when the
 * path has none or it cannot be a token. `root` is the app's base path ('/t').
 */
export function trackToken(pathname: string, root: string): string | null {
  const rest = pathname.startsWith(root) ? pathname.slice(root.length) : pathname;
  const last = rest.split('/').filter(Boolean).pop() ?? '';
  return TOKEN.test(last) ? last : null;
}

/**
 * `?lang=` in the URL (the ticket's QR carries the language it was taken in; remembered), else the
 * remembered choice, else Arabic.
 */
export function initialLang(url: URL): VisitorLang {
  const fromUrl = url.searchParams.get('lang');
  if (isVisitorLang(fromUrl)) {
    remember(LANG_KEY, fromUrl);
    return fromUrl;
  }
  const kept = recall(LANG_KEY);
  return isVisitorLang(kept) ? kept : 'ar';
}

/** Keeps the visitor's language choice for the next visit of the page. */
export function rememberLang(lang: VisitorLang): void {
  remember(LANG_KEY, lang);
}

/** The language the branch server answers in (its refusals are in Arabic and English only). */
export function serverLang(lang: VisitorLang): Lang {
  return lang === 'ar' ? 'ar' : 'en';
}
