/** The page's language: `?lang=en` for English, Arabic otherwise (Arabic first). Links keep it. */
import { base } from '$app/paths';
import type { Lang } from '@dawr/core';

/** The language a URL asks for. */
export function langOf(url: URL): Lang {
  return url.searchParams.get('lang') === 'en' ? 'en' : 'ar';
}

/** A portal path in `lang` (`/manage` → `/portal/manage?lang=en`). */
export function hrefFor(path: string, lang: Lang, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams({ ...(lang === 'en' ? { lang } : {}), ...extra }).toString();
  return `${base}${path}${q ? `?${q}` : ''}`;
}
