/**
 * The booking path's seat gate (one hub process's view of its slots): it refuses only a request that was already
 * waiting when an attempt found the slot full, holds back attempts beyond the seats it believes free while others
 * are out, and never holds back the only attempt (a stale count can delay, never refuse).
 */
import { describe, expect, it } from 'vitest';
import { SeatGate } from '../src/store/seat-gate';

describe('seat gate', () => {
  it('refuses a request that arrived before an attempt found the slot full, not one that arrived after', async () => {
    const gate = new SeatGate();
    const early = gate.stamp();
    expect(await gate.turn('s', 2, 1, early)).toBe(true);
    const waiting = gate.stamp(); // arrived before the attempt was sent
    const sent = gate.stamp();
    const late = gate.stamp(); // arrived after it was sent (the slot may have been full before): asks the database
    gate.done('s', sent, 2, null, true);
    expect(await gate.turn('s', 2, 1, waiting)).toBe(false);
    expect(await gate.turn('s', 2, 1, late)).toBe(true);
    gate.done('s', gate.stamp(), 2, 2, false);
  });

  it('an attempt that filled the slot refuses those already waiting', async () => {
    const gate = new SeatGate();
    const a = gate.stamp();
    expect(await gate.turn('s', 3, 2, a)).toBe(true);
    const b = gate.stamp();
    gate.done('s', gate.stamp(), 3, 3, false);
    expect(await gate.turn('s', 3, 2, b)).toBe(false);
  });

  it('holds attempts beyond the free seats until one answers, and always lets one go', async () => {
    const gate = new SeatGate();
    expect(await gate.turn('s', 10, 9, gate.stamp())).toBe(true); // one seat free: one out
    let second: boolean | null = null;
    const arrived = gate.stamp();
    const held = gate.turn('s', 10, 9, arrived).then((go) => (second = go));
    await new Promise((r) => setImmediate(r));
    expect(second).toBeNull();
    gate.done('s', gate.stamp(), 10, null, false); // the first failed otherwise (e.g. already booked): the seat is still free
    await held;
    expect(second).toBe(true);
    // A count that says full (stale: a seat was given back since) never keeps the only attempt from going.
    gate.done('s', gate.stamp(), 10, 9, false);
    expect(await gate.turn('s', 10, 10, gate.stamp())).toBe(true);
  });
});
