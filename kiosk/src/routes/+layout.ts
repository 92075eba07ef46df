import { loadLanguage } from '@dawr/core';
import type { LayoutLoad } from './$types';

/**
 * Loads the chosen language's dictionary before any screen renders (on the server and in the browser), so
 * `t()` reads it synchronously; a browser fetches only that language's chunk (issue 12: first-load JS).
 */
export const load: LayoutLoad = async ({ data }) => {
  await loadLanguage(data.lang);
  return data;
};
