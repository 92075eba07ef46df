/** Turning a refusal into a form-action failure with both languages' messages (the page picks its own). */
import { fail } from '@sveltejs/kit';
import { dictionaries, type Localized, type MessageKey } from '@dawr/core';
import type { KioskFailure } from './branch';

/** What a page shows for a failed action: a code (tests, logs) and the message in both languages. */
export interface ShownError {
  code: string;
  msgs: Localized;
}

/** Both languages of a kiosk dictionary text. */
export function both(key: MessageKey): Localized {
  return { ar: dictionaries.ar[key], en: dictionaries.en[key] };
}

const STATUS: Record<string, number> = { OFFLINE: 503, BAD_REQUEST: 400, UNKNOWN_SERVICE: 400 };

/** A form-action failure for a branch-server refusal or our own error. */
export function failed(f: KioskFailure | ShownError, status?: number) {
  return fail(status ?? STATUS[f.code] ?? 409, { error: { code: f.code, msgs: f.msgs } satisfies ShownError });
}
