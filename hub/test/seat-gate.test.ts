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

  it('a waiter woken after its slot was forgotten takes its turn on the entry that done() finds (no hang, no negative count)', async () => {
    const gate = new SeatGate();
    // 9 999 other slots each with an attempt out, so the map is full and only idle slots can be forgotten.
    for (let i = 0; i < 9_999; i++) expect(await gate.turn(`o${i}`, 1, 0, gate.stamp())).toBe(true);
    expect(await gate.turn('s', 1, 0, gate.stamp())).toBe(true);
    const results: boolean[] = [];
    const w1 = gate.turn('s', 1, 0, gate.stamp()).then((go) => results.push(go));
    const w2 = gate.turn('s', 1, 0, gate.stamp()).then((go) => results.push(go));
    await new Promise((r) => setImmediate(r));
    gate.done('s', gate.stamp(), 1, null, false); // failed otherwise: the seat is still free, both waiters look again
    expect(await gate.turn('new', 1, 0, gate.stamp())).toBe(true); // a new slot: 's' is idle now and is forgotten
    await w1;
    gate.done('s', gate.stamp(), 1, null, false);
    await w2; // hung before: the second waiter was parked on the forgotten entry
    gate.done('s', gate.stamp(), 1, null, false);
    expect(results).toEqual([true, true]);
    // Nothing in flight on 's' now: the next attempt goes at once.
    expect(await gate.turn('s', 1, 0, gate.stamp())).toBe(true);
  });

  it('a slot found full with fewer seats does not refuse a request made under a catalogue that added seats', async () => {
    const gate = new SeatGate();
    expect(await gate.turn('s', 2, 1, gate.stamp())).toBe(true);
    const waitingOld = gate.stamp();
    const waitingNew = gate.stamp();
    gate.done('s', gate.stamp(), 2, 2, false); // filled its 2 seats
    expect(await gate.turn('s', 2, 2, waitingOld)).toBe(false);
    expect(await gate.turn('s', 4, 2, waitingNew)).toBe(true); // the slot has 4 seats now: the database decides
  });
});
