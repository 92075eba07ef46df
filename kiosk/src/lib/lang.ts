/**
 * The kiosk's language helpers: the language lives in the URL (`?lang=ur`), Arabic by default, so it lasts
 * for the visit only: the idle reset and "start over" load `/` again, in Arabic.
 */
import { dirOf, isVisitorLang, type VisitorLang } from '@dawr/core';

export { dirOf };

/** The language a URL asks for; anything that is not a visitor language is Arabic. */
export function langOf(url: URL): VisitorLang {
  const asked = url.searchParams.get('lang');
  return isVisitorLang(asked) ? asked : 'ar';
}

/**
 * The language shown beside the page's own on bilingual labels (speech controls, the language menu):
 * English beside Arabic, Arabic beside every other language.
 */
export function otherLang(lang: VisitorLang): VisitorLang {
  return lang === 'ar' ? 'en' : 'ar';
}

/**
 * `path` with its query plus `lang` (omitted for Arabic, the default). Form-action keys (`/issue`)
 * are dropped, so a link from a form result is a plain GET of the page.
 */
export function hrefFor(path: string, lang: VisitorLang, query: URLSearchParams = new URLSearchParams()): string {
  const q = new URLSearchParams();
  for (const [k, v] of query) if (k !== 'lang' && !k.startsWith('/')) q.set(k, v);
  if (lang !== 'ar') q.set('lang', lang);
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

/** A form's `action`: the named action (`?/issue`), or the page itself (null), keeping the language. */
export function actionFor(name: string | null, lang: VisitorLang): string {
  const base = name ? `?/${name}` : '?';
  if (lang === 'ar') return base;
  return `${base}${name ? '&' : ''}lang=${lang}`;
}
