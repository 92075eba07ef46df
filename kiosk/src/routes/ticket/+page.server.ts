import { redirect } from '@sveltejs/kit';
import { hrefFor, langOf } from '$lib/lang';
import { branchView } from '$lib/server/branch';
import type { PageServerLoad } from './$types';

/** A whole number from the query, or null when absent or malformed. */
function count(v: string | null): number | null {
  return v !== null && /^\d{1,4}$/.test(v) ? Number(v) : null;
}

/**
 * The ticket screen. The issue action redirects here with the ticket's public facts in the query
 * (number, service, position, wait: nothing personal), so a reload or a language switch is a plain GET.
 */
export const load: PageServerLoad = async ({ url }) => {
  const q = url.searchParams;
  const number = q.get('number') ?? '';
  if (!/^[A-Z]-\d{3}$/.test(number)) redirect(303, hrefFor('/', langOf(url)));
  const { snapshot } = await branchView(0);
  const service = snapshot?.services.find((s) => s.id === q.get('service'));
  const position = count(q.get('position'));
  return {
    number,
    serviceName: service?.name ?? null,
    ahead: position !== null && position >= 1 ? position - 1 : null,
    estimatedWaitMin: count(q.get('wait')),
  };
};
