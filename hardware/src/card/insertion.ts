/** Internal to the card reader service. */

/** One card in the reader the service uses, from insertion to removal. */
export class Insertion {
  /** Its read has ended ('read' or 'error' decided). */
  done = false;
  /** The service stopped: send nothing more about it. */
  cancelled = false;
  /** Why it is gone: taken out ('card'), or PC/SC lost ('pcsc'); null while it is in. */
  removed: 'card' | 'pcsc' | null = null;
  private onRemoved: (() => void)[] = [];
  constructor(
    readonly reader: string,
    readonly atr: Uint8Array,
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
