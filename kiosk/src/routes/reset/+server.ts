/**
 * Ends the visit (idle timeout, "start over", "done"): the server forgets the identity, appointments,
 * ticket and any card-read error, then the start screen loads. The page clears its own storage first.
 */
import { redirect } from '@sveltejs/kit';
import { clearCardError } from '$lib/server/card-bridge';
import { resetVisit } from '$lib/server/visit';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = () => {
  resetVisit();
  clearCardError();
  // The start screen in Arabic, the default language: the next visitor starts from scratch.
  redirect(303, '/');
};
