/** What the phone page reads from its URL and remembers in this browser: the ticket token and the language. */
import type { Lang } from '@dawr/core';
import { remember, urlLang } from '@dawr/ui/remember';

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

/** `?lang=ar|en` in the URL (remembered), else the remembered choice, else Arabic. */
export function initialLang(url: URL): Lang {
  return urlLang(url, LANG_KEY);
}

/** Keeps the visitor's language choice for the next visit of the page. */
export function rememberLang(lang: Lang): void {
  remember(LANG_KEY, lang);
}
