import { langOf } from '$lib/lang';
import { branchView } from '$lib/server/branch';
import { kioskConfig } from '$lib/server/config';
import type { LayoutServerLoad } from './$types';

/**
 * Every screen: the language (from the URL), the branch's name and today's hours when known, and the idle
 * timings (DAWR_KIOSK_IDLE_MS / DAWR_KIOSK_WARN_MS, shortened in tests) for the page's idle guard.
 */
export const load: LayoutServerLoad = async ({ url }) => {
  const { snapshot } = await branchView();
  const b = snapshot?.branch;
  const { idleMs, warnMs } = kioskConfig();
  return {
    lang: langOf(url),
    branch: b ? { name: b.name, opensAt: b.opensAt, closesAt: b.closesAt, timezone: b.timezone } : null,
    idle: { idleMs, warnMs },
  };
};
