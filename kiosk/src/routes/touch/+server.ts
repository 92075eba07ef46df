/** "More time": keeps the server's copy of the visit alive as long as the page's (see visit.ts expiry). */
import { touchVisit } from '$lib/server/visit';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = () => {
  touchVisit();
  return new Response(null, { status: 204 });
};
