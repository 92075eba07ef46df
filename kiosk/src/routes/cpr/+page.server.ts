import { redirect } from '@sveltejs/kit';
import { CARD_ERROR_MESSAGES, idCardFromTyped, parseCpr } from '@dawr/core';
import { hrefFor, langOf } from '$lib/lang';
import { failed } from '$lib/server/failures';
import { identify } from '$lib/server/visit';
import type { Actions } from './$types';

export const actions: Actions = {
  /** A typed CPR (Arabic-Indic digits accepted): 9 digits, no guessed checksum (see core's parseCpr). */
  default: async ({ request, url }) => {
    const raw = String((await request.formData()).get('cpr') ?? '').slice(0, 40);
    const r = parseCpr(raw);
    if (!r.ok) return failed({ code: r.error, msgs: CARD_ERROR_MESSAGES[r.error] }, 400);
    identify({ via: 'typed', card: idCardFromTyped(r.cpr) });
    redirect(303, hrefFor('/visit', langOf(url)));
  },
};
