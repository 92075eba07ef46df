/** One call in flight in `call-latency`: what its clients have received so far, and its completion. */

/** How long a call may take before the bench gives up on it. */
const CALL_TIMEOUT_MS = 10_000;

/** One in-flight measurement: counts receipts until every display has it. */
export interface Pending {
  t0: number;
  called: number;
  /** Pushes received after the call: counters' `staff:queue` (the last of a change's pushes to them). */
  changed: number;
  /** How many of those complete it: every counter's, or none (the growth calls). */
  changedNeeded: number;
  acked: boolean;
  latency: number;
  /** Time to the FIRST display (server work + one delivery); latency − first ≈ the fan-out. */
  first: number;
  ticketId: string | null;
  mismatches: number;
  resolve: () => void;
  fail: (e: Error) => void;
}

/** A call's timings: to the last display, to the first, and its start on the machine's clock. */
export interface CallTiming {
  last: number;
  first: number;
  t0: number;
}

/** A new measurement that `changedNeeded` counter pushes (besides every display and the ack) complete. */
export function newPending(changedNeeded: number): Pending {
  return { t0: 0, called: 0, changed: 0, changedNeeded, acked: false, latency: NaN, first: NaN, ticketId: null, mismatches: 0, resolve: () => {}, fail: () => {} };
}

/** Resolves when `p` completes (its `resolve`), rejects on its `fail` or after CALL_TIMEOUT_MS. */
export function waitFor(p: Pending, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${what}: not complete after ${CALL_TIMEOUT_MS} ms (called ${p.called}, changed ${p.changed}, acked ${p.acked})`)),
      CALL_TIMEOUT_MS,
    );
    p.resolve = () => {
      clearTimeout(timer);
      resolve();
    };
    p.fail = (e) => {
      clearTimeout(timer);
      reject(e);
    };
  });
}

/** The timing of a completed measurement. */
export const timingOf = (p: Pending): CallTiming => ({ last: p.latency, first: p.first, t0: performance.timeOrigin + p.t0 });
