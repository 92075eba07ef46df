import type { Handle, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { dirOf, langOf } from '$lib/lang';
import { env } from '$env/dynamic/private';
import { branchLink } from '$lib/server/branch';
import { startCardReader } from '$lib/server/card-bridge';
import { startPrinter } from '$lib/server/printing';
import { checkPublicUrl } from '$lib/server/public-url';

/**
 * At start-up: connect to the branch server (so the first visitor already sees the services), warn staff if
 * the tickets' QR link is one no phone can open, start the card reader and set the printer up. Neither device
 * may keep the kiosk from starting: each reports its problems to staff and the visitor can still type a CPR
 * and read the ticket on screen.
 */
export const init: ServerInit = async () => {
  branchLink();
  checkPublicUrl();
  await Promise.all([startCardReader(env), startPrinter()]);
};

/** Language from the URL; `<html lang dir>` set in the server-rendered HTML. */
const language: Handle = ({ event, resolve }) => {
  const lang = langOf(event.url);
  event.locals.lang = lang;
  return resolve(event, {
    transformPageChunk: ({ html }) => html.replace('%dawr.lang%', lang).replace('%dawr.dir%', dirOf(lang)),
  });
};

/** A public kiosk: pages show live queue figures, so nothing is cached; nothing is framed. */
const headers: Handle = async ({ event, resolve }) => {
  const response = await resolve(event);
  if (!event.url.pathname.startsWith('/_app/')) {
    response.headers.set('cache-control', 'no-store');
  }
  response.headers.set('x-frame-options', 'DENY');
  // Not no-referrer: with it Chromium sends `Origin: null` on form posts and SvelteKit's CSRF check refuses them.
  response.headers.set('referrer-policy', 'same-origin');
  return response;
};

export const handle = sequence(language, headers);
