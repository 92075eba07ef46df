// A browser-only single-page app: no server rendering, no prerendering (adapter-static fallback page).
export const ssr = false;
export const prerender = false;
