/**
 * The sender loop of the notification outbox: takes due notices (with a lease, so several hub processes share the
 * work), hands each to its channel's provider, and marks it sent, due again after an exponential backoff with
 * jitter, or failed after the last attempt (central staff see failures and can send again).
 */
import type { Notice, NoticeChannel, RenewalStore } from '../store/renewals';
import type { NoticeProvider } from './providers';

export interface SenderOptions {
  /** How often due notices are looked for when nothing wakes the sender (ms). */
  pollMs?: number;
  /** The first retry's delay; each next one doubles, up to `maxDelayMs`. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Attempts before a notice is failed for good. */
  maxAttempts?: number;
  /** How long a taken notice is held by this process before another may try it. */
  leaseMs?: number;
  batch?: number;
  clock?: () => number;
  /** Random in [0, 1), for the jitter. */
  random?: () => number;
  onError?: (e: unknown) => void;
}

/** The delay before attempt `attempts + 1`: base × 2^(attempts−1), capped, ±20 % jitter. */
export function backoffMs(attempts: number, o: { baseDelayMs: number; maxDelayMs: number }, random: () => number): number {
  const d = Math.min(o.maxDelayMs, o.baseDelayMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(d * (0.8 + 0.4 * random()));
}

export class NoticeSender {
  private readonly o: Required<Omit<SenderOptions, 'onError'>> & Pick<SenderOptions, 'onError'>;
  private readonly providers = new Map<NoticeChannel, NoticeProvider>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<number> | null = null;
  private again = false;
  private stopped = true;

  constructor(
    private readonly store: RenewalStore,
    providers: NoticeProvider[],
    o: SenderOptions = {},
  ) {
    for (const p of providers) this.providers.set(p.channel, p);
    this.o = {
      pollMs: 2_000, baseDelayMs: 10_000, maxDelayMs: 30 * 60_000, maxAttempts: 8, leaseMs: 60_000, batch: 20,
      clock: Date.now, random: Math.random, ...o,
    };
  }

  /** Sends every notice due now, once; resolves with how many were handled. Concurrent calls share one run. */
  runOnce(): Promise<number> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.drain().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async drain(): Promise<number> {
    let handled = 0;
    for (;;) {
      this.again = false;
      const due = await this.store.notices.claimDue(this.o.clock(), this.o.leaseMs, this.o.batch);
      for (const n of due) await this.sendOne(n);
      handled += due.length;
      if (due.length < this.o.batch && !this.again) return handled;
    }
  }

  private async sendOne(n: Notice): Promise<void> {
    const provider = this.providers.get(n.channel);
    try {
      if (!provider) throw new Error(`no ${n.channel} provider is configured`);
      await provider.send({ recipient: n.recipient, subject: n.subject, body: n.body });
      await this.store.notices.sent(n.id, this.o.clock());
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      const retryAt = n.attempts >= this.o.maxAttempts ? null : this.o.clock() + backoffMs(n.attempts, this.o, this.o.random);
      await this.store.notices.failed(n.id, reason, retryAt);
    }
  }

  /** Starts polling. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  /** Something was queued: look now instead of at the next poll. */
  wake(): void {
    if (!this.stopped) this.schedule(0);
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.runOnce()
        .catch((e: unknown) => this.o.onError?.(e))
        .finally(() => {
          if (!this.stopped && !this.timer) this.schedule(this.o.pollMs);
        });
    }, ms);
    this.timer.unref?.();
  }

  /** Stops polling and waits for a run in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
    for (const p of this.providers.values()) p.close?.();
  }
}
