/**
 * What this hub process has seen of its slots' seats, so a rush on the last seats does not send the database attempts
 * that cannot win. Nothing here decides a booking: a seat is only ever taken by the database's conditional upsert.
 * The gate only (1) refuses a request when an attempt sent after that request arrived found the slot full (the slot
 * was full at a moment while the request was waiting: answering SLOT_FULL is what the database would have said
 * then), and (2) holds back attempts beyond the seats it believes free while others are in flight (never all of
 * them: with none in flight the next one always goes, so a stale count can only delay, never refuse).
 */

interface SlotSeen {
  /** The stamp of the latest attempt, sent at that stamp, that found the slot full or filled it. */
  fullAt: number;
  /** The slot's seats when it was found full (a catalogue that since added seats is not refused on that finding). */
  fullSeats: number;
  /** Seats taken as last reported (by a precheck or an attempt). */
  booked: number;
  inFlight: number;
  waiting: (() => void)[];
}

/** Above this many slots remembered, those with nothing in flight are forgotten (only a fast path is lost). */
const MAX_SLOTS = 10_000;

export class SeatGate {
  private clock = 0;
  private readonly slots = new Map<string, SlotSeen>();

  /** A stamp that orders this process's events: a request's arrival, an attempt's sending. */
  stamp(): number {
    return ++this.clock;
  }

  private slot(key: string): SlotSeen {
    let s = this.slots.get(key);
    if (!s) {
      if (this.slots.size >= MAX_SLOTS) for (const [k, v] of this.slots) if (v.inFlight === 0 && v.waiting.length === 0) this.slots.delete(k);
      s = { fullAt: 0, fullSeats: 0, booked: 0, inFlight: 0, waiting: [] };
      this.slots.set(key, s);
    }
    return s;
  }

  /**
   * Waits for this request's turn to try for a seat. False: an attempt sent after the request `arrived` found the
   * slot full (refuse SLOT_FULL). True: go, and call `done` once the attempt has answered.
   */
  async turn(key: string, seats: number, booked: number, arrived: number): Promise<boolean> {
    this.slot(key).booked = booked;
    for (;;) {
      // Looked up on every pass: a woken waiter's slot may have been forgotten (evicted) before it resumed, and its
      // turn must count on the entry that `done` will find.
      const s = this.slot(key);
      if (s.fullAt > arrived && seats <= s.fullSeats) return false;
      if (s.inFlight === 0 || s.inFlight < seats - s.booked) {
        s.inFlight++;
        return true;
      }
      await new Promise<void>((resolve) => s.waiting.push(resolve));
    }
  }

  /**
   * An attempt sent at stamp `sent` answered: `booked` is the slot's count after it took a seat, or null when the
   * slot was full (or the attempt failed otherwise: `full` false). Waiting requests look again.
   */
  done(key: string, sent: number, seats: number, booked: number | null, full: boolean): void {
    const s = this.slot(key);
    s.inFlight--;
    if (booked !== null) s.booked = booked;
    if (full || (booked !== null && booked >= seats)) {
      if (sent >= s.fullAt) s.fullSeats = seats;
      s.fullAt = Math.max(s.fullAt, sent);
      s.booked = Math.max(s.booked, seats);
    }
    const waiting = s.waiting;
    s.waiting = [];
    for (const wake of waiting) wake();
  }
}
