/** Human ticket numbers: service prefix letter + 3 Western digits, e.g. A-042. Never a key. */

/** Formats the human number of the `seq`-th ticket of a service's day. */
export function formatTicketNumber(prefix: string, seq: number): string {
  if (!/^[A-Z]$/.test(prefix)) throw new Error(`ticket prefix must be one Latin capital letter: ${prefix}`);
  if (!Number.isInteger(seq) || seq < 1 || seq > 999) throw new Error(`ticket sequence out of range: ${seq}`);
  return `${prefix}-${String(seq).padStart(3, '0')}`;
}

/** The most tickets a service can number in one day with 3 digits. */
export const MAX_DAILY_SEQ = 999;
