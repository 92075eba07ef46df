/**
 * The reader service's periodic self-check (internal): every `pollMs` it asks the service what differs between
 * pcscd's own reader table and what the PC/SC monitor reported, and has it repaired. A missed insertion or
 * removal must be seen on two checks in a row, so that a monitor event still on its way is not taken for a
 * missed one; a stuck read is acted on at once (its own threshold has passed already).
 */
import type { CardRecovery } from './types';

/** A difference found, and how to repair it. */
export interface Finding {
  what: CardRecovery;
  repair: () => void;
}

export class CardCheck {
  private timer: ReturnType<typeof setInterval> | null = null;
  private pending: CardRecovery | null = null;

  constructor(
    private readonly pollMs: number,
    private readonly find: () => Finding | null,
    private readonly act: (finding: Finding) => void,
  ) {}

  /** Starts checking (idempotent; pollMs 0: never). The timer does not keep the process alive. */
  start(): void {
    if (this.timer || this.pollMs <= 0) return;
    this.timer = setInterval(() => this.tick(), this.pollMs);
    this.timer.unref?.();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.pending = null;
  }

  /** One check: a finding seen twice in a row (a stuck read: once) is acted on. */
  private tick(): void {
    const found = this.find();
    if (!found) {
      this.pending = null;
      return;
    }
    if (found.what !== 'stuck_read' && this.pending !== found.what) {
      this.pending = found.what; // seen once: act if the next check sees it too
      return;
    }
    this.pending = null;
    this.act(found);
  }
}
