/**
 * The kiosk's health for monitoring (and tests): the branch link, the devices' alert states, and whether a
 * visit is in progress. Nothing personal: no CPR, no name, no ticket details.
 */
import { json } from '@sveltejs/kit';
import { alertStates } from '$lib/server/alerts';
import { branchLink } from '$lib/server/branch';
import { cardUi } from '$lib/server/card-bridge';
import { currentVisit } from '$lib/server/visit';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = () => {
  const v = currentVisit();
  return json({
    branchConnected: branchLink().socket.connected,
    cardReader: cardUi().reader,
    alerts: alertStates(),
    visit: v ? { identified: v.identity !== null, ticket: v.ticket !== null } : null,
  });
};
