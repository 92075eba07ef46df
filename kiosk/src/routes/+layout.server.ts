import { langOf } from '$lib/lang';
import { branchView } from '$lib/server/branch';
import type { LayoutServerLoad } from './$types';

/** Every screen: the language (from the URL) and the branch's name and hours, when known. */
export const load: LayoutServerLoad = async ({ url }) => {
  const { snapshot } = await branchView();
  const b = snapshot?.branch;
  return {
    lang: langOf(url),
    branch: b ? { name: b.name, opensAt: b.opensAt, closesAt: b.closesAt } : null,
  };
};
