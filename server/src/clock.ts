/** The branch clock. Real time, or (demo, tests) real time shifted so it starts at a chosen instant. */

export type Clock = () => number;

/** A clock that reads `startTime` now and then runs at real speed. */
export function makeClock(startTime: string | null): Clock {
  if (!startTime) return Date.now;
  const start = Date.parse(startTime);
  if (Number.isNaN(start)) throw new Error(`DAWR_START_TIME is not a date-time: ${startTime}`);
  const offset = start - Date.now();
  return () => Date.now() + offset;
}
