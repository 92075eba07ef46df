/** Internal to the card reader service. */

/** One card in the reader the service uses, from insertion to removal. */
export class Insertion {
  /** Its read has ended ('read' or 'error' decided). */
  done = false;
  /** The service stopped: send nothing more about it. */
  cancelled = false;
  /** 'identified' has been sent for it. */
  identified = false;
  /** Reads started for it (a stuck read is started again once); only the latest one's outcome counts. */
  attempts = 0;
  /** When the latest read started (Date.now()). */
  readStartedAt = 0;
  /** Why it is gone: taken out ('card'), or PC/SC lost ('pcsc'); null while it is in. */
  removed: 'card' | 'pcsc' | null = null;
  private onRemoved: (() => void)[] = [];
  /**
   * `events`: pcscd's card-event count for the reader when this card was reported (the upper 16 bits of the
   * reader state), or null if unknown. A different count later means the card was swapped meanwhile.
   */
  constructor(
    readonly reader: string,
    readonly atr: Uint8Array,
    readonly events: number | null,
  ) {}

  markRemoved(cause: 'card' | 'pcsc'): void {
    this.removed ??= cause;
    for (const f of this.onRemoved.splice(0)) f();
  }

  /** Resolves true if the card is (or within `ms` gets) reported removed. */
  removedWithin(ms: number): Promise<boolean> {
    if (this.removed) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), ms);
      this.onRemoved.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }
}
