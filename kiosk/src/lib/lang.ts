/** The kiosk's language helpers: the language lives in the URL (`?lang=en`), Arabic by default. */
import { dirOf, type Lang } from '@dawr/core';

export { dirOf };

/** The language a URL asks for; anything but `en` is Arabic. */
export function langOf(url: URL): Lang {
  return url.searchParams.get('lang') === 'en' ? 'en' : 'ar';
}

export function otherLang(lang: Lang): Lang {
  return lang === 'ar' ? 'en' : 'ar';
}

/**
 * `path` with its query plus `lang` (omitted for Arabic, the default). Form-action keys (`/issue`)
 * are dropped, so a link from a form result is a plain GET of the page.
 */
export function hrefFor(path: string, lang: Lang, query: URLSearchParams = new URLSearchParams()): string {
  const q = new URLSearchParams();
  for (const [k, v] of query) if (k !== 'lang' && !k.startsWith('/')) q.set(k, v);
  if (lang === 'en') q.set('lang', 'en');
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}
