/**
 * How a ticket's estimated wait reads, the same on the kiosk's ticket screen, the printed ticket and the
 * phone. Arabic counts 1, 2, 3–10 and 11+ differently (دقيقة، دقيقتين، دقائق، دقيقة), so each has its key.
 */
const en = {
  'wait.next': 'You are next',
  'wait.unknown': 'Not known yet',
  'wait.now': 'Less than a minute',
  'wait.1': 'About 1 minute',
  'wait.2': 'About 2 minutes',
  'wait.few': 'About {min} minutes',
  'wait.many': 'About {min} minutes',
} as const;

const ar: Record<keyof typeof en, string> = {
  'wait.next': 'أنت التالي',
  'wait.unknown': 'غير معروف بعد',
  'wait.now': 'أقل من دقيقة',
  'wait.1': 'حوالي دقيقة واحدة',
  'wait.2': 'حوالي دقيقتين',
  'wait.few': 'حوالي {min} دقائق',
  'wait.many': 'حوالي {min} دقيقة',
};

export const wait = { en, ar };

/** A key of the wait texts. */
export type WaitKey = keyof typeof en;

/**
 * The words for a ticket's estimated wait: its dictionary key and placeholders. `position` counts the
 * ticket itself (1 = nobody ahead), null when it is not waiting; `waitMin` is the estimate in minutes.
 * Nobody ahead reads "You are next" whatever the estimate; otherwise an unknown estimate says so.
 */
export function waitWords(position: number | null, waitMin: number | null): { key: WaitKey; params?: { min: number } } {
  if (position === 1) return { key: 'wait.next' };
  if (waitMin === null) return { key: 'wait.unknown' };
  if (waitMin < 1) return { key: 'wait.now' };
  if (waitMin === 1) return { key: 'wait.1' };
  if (waitMin === 2) return { key: 'wait.2' };
  return { key: waitMin <= 10 ? 'wait.few' : 'wait.many', params: { min: waitMin } };
}
