/** How the estimated wait reads, in whole minutes. */
import type { MessageKey } from '@dawr/core';

/**
 * The estimated-wait text for `min` minutes: its dictionary key and placeholders. Arabic counts 1, 2,
 * 3–10 and 11+ differently (دقيقة، دقيقتين، دقائق، دقيقة), so each has its own key.
 */
export function waitMessage(min: number | null): { key: MessageKey; params?: { min: number } } {
  if (min === null) return { key: 'phone.waitUnknown' };
  if (min < 1) return { key: 'phone.waitNow' };
  if (min === 1) return { key: 'phone.wait1' };
  if (min === 2) return { key: 'phone.wait2' };
  return { key: min <= 10 ? 'phone.waitFew' : 'phone.waitMany', params: { min } };
}
