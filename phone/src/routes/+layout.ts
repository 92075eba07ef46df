import { loadLanguage } from '@dawr/core';
import { initialLang } from '$lib/prefs';
import type { LayoutLoad } from './$types';

// A browser-only single-page app: no server rendering, no prerendering (adapter-static fallback page).
export const ssr = false;
export const prerender = false;

/** The page's first language's dictionary, before the page draws (only that language's chunk is fetched). */
export const load: LayoutLoad = async ({ url }) => {
  await loadLanguage(initialLang(url));
};
