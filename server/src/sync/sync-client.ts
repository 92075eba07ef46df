/**
 * The branch's sync with the centre (shared/docs/sync.md): pushes the outbox up in batches bounded by count and
 * bytes, marks what the centre acknowledges, pulls the branch's down log and applies each change once. It runs
 * beside the branch and never in its way: with the WAN down the branch works as before and the client backs off
 * (exponential, with full jitter, honouring Retry-After) until the centre answers again. Every request has a
 * deadline.
 */
import { gzipSync } from 'node:zlib';
import { SYNC_MAX_BYTES, SYNC_MAX_EVENTS, SYNC_SCHEMA_VERSION, type DownChange, type UpAck, type UpBatch } from '@dawr/core';
import type { SyncState } from '@dawr/db';
import type { Logger } from '../log';

/** What the manager's screen and /metrics show of sync. */
export interface SyncStatus {
  /** The centre answered the last attempt. */
  connected: boolean;
  /** Branch clock time of the last answer from the centre. */
  lastContact: number | null;
  lastError: string | null;
  /** Centre clock minus branch clock, from the last answer (corrected by half the round trip). */
  clockSkewMs: number | null;
  outboxDepth: number;
  /** How long the oldest unacknowledged change has waited, ms. */
  oldestUnackedAgeMs: number | null;
  /** Branch clock time the oldest unacknowledged change was made. */
  oldestUnackedAt: number | null;
  /** Commit-to-acknowledgement time of the newest change the centre acknowledged (branch clock both ends), ms. */
  lastAckLagMs: number | null;
  downCursor: number;
}

export interface SyncClientOptions {
  hubUrl: string;
  token: string;
  branchId: string;
  state: SyncState;
  /** Applies one down change and records its seq as the cursor, in one transaction. */
  applyDown: (change: DownChange) => void;
  clock: () => number;
  log: Logger;
  /** How often the client looks for work when nothing nudges it (ms). */
  idleMs?: number;
  /** Acknowledged rows are kept this long before they are pruned (ms). */
  retentionMs?: number;
  requestTimeoutMs?: number;
  /** Backoff after failures: base and ceiling (ms). */
  backoffMs?: { base: number; max: number };
  random?: () => number;
}

/** A refusal from the centre, with its code and the wait it asked for. */
export class HubRefused extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly retryAfterMs: number | null,
    readonly body: Record<string, unknown>,
  ) {
    super(`hub answered ${status} ${code}: ${message}`);
  }
}

export class SyncClient {
  private running = false;
  private failures = 0;
  private wake: (() => void) | null = null;
  private loop: Promise<void> | null = null;
  private status: Omit<SyncStatus, 'outboxDepth' | 'oldestUnackedAgeMs' | 'oldestUnackedAt' | 'downCursor'> = {
    connected: false,
    lastContact: null,
    lastError: null,
    clockSkewMs: null,
    lastAckLagMs: null,
  };

  constructor(private readonly o: SyncClientOptions) {}

  /** Starts the background loop. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Asks for a sync soon (a change was committed): keeps the centre's lag low without polling fast. */
  nudge(): void {
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  /** The figures for the manager's screen and /metrics. */
  snapshot(): SyncStatus {
    const { depth, oldestUnackedAt } = this.o.state.stats();
    return {
      ...this.status,
      outboxDepth: depth,
      oldestUnackedAt,
      oldestUnackedAgeMs: oldestUnackedAt === null ? null : Math.max(0, this.o.clock() - oldestUnackedAt),
      downCursor: this.o.state.downCursor(),
    };
  }

  /** One full exchange: push every pending row, then pull and apply every down change. Throws on failure. */
  async syncOnce(): Promise<void> {
    for (;;) {
      const rows = this.o.state.pending(SYNC_MAX_EVENTS, SYNC_MAX_BYTES / 2);
      if (rows.length === 0) break;
      const epoch = rows[0]!.epoch;
      const batch: UpBatch = {
        schema: SYNC_SCHEMA_VERSION,
        branchId: this.o.branchId,
        epoch,
        epochStartSeq: this.o.state.epochStartSeq(epoch),
        sentAt: this.o.clock(),
        events: rows.map((r) => ({ seq: r.seq, type: r.type, typeVersion: r.typeVersion, entityId: r.entityId, payload: r.payload, createdAt: r.createdAt })),
      };
      let ack: UpAck;
      try {
        ack = (await this.request('POST', '/sync/v1/up', batch)) as unknown as UpAck;
      } catch (e) {
        if (e instanceof HubRefused && e.code === 'EPOCH_REUSED' && typeof e.body.seq === 'number') {
          const fresh = this.o.state.rotateEpoch(e.body.seq, this.o.clock());
          this.o.log.warn({ from: e.body.seq, epoch: fresh }, 'sync: the centre holds other changes under these seqs (restored backup?): new epoch');
          continue;
        }
        throw e;
      }
      this.o.state.markAcked(ack.epoch, ack.ackedSeq, this.o.clock());
      const newest = rows.findLast((r) => r.seq <= ack.ackedSeq);
      if (newest) this.status = { ...this.status, lastAckLagMs: Math.max(0, this.o.clock() - newest.createdAt) };
      // The centre waits for a gap it cannot fill from this batch: the rest goes next time.
      if (ack.ackedSeq < rows.at(-1)!.seq) break;
    }
    this.o.state.prune(this.o.clock() - (this.o.retentionMs ?? 7 * 24 * 3600_000));
    for (;;) {
      const answer = await this.request('GET', `/sync/v1/down?after=${this.o.state.downCursor()}&limit=200`);
      const changes = (answer.changes ?? []) as DownChange[];
      for (const change of changes) this.o.applyDown(change);
      if (changes.length < 200) break;
    }
  }

  private async run(): Promise<void> {
    while (this.running) {
      let delay = this.o.idleMs ?? 1_000;
      try {
        await this.syncOnce();
        this.failures = 0;
      } catch (e) {
        this.failures += 1;
        this.status = { ...this.status, connected: false, lastError: e instanceof Error ? e.message : String(e) };
        const { base, max } = this.o.backoffMs ?? { base: 1_000, max: 60_000 };
        // Full jitter: fifty branches coming back at once do not reconnect in lockstep.
        const backoff = Math.min(max, base * 2 ** Math.min(this.failures - 1, 16)) * (this.o.random ?? Math.random)();
        delay = Math.max(backoff, e instanceof HubRefused && e.retryAfterMs !== null ? e.retryAfterMs : 0);
        this.o.log.debug({ failures: this.failures, delay, err: this.status.lastError }, 'sync: centre unreachable, backing off');
      }
      if (!this.running) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, delay);
        function done() {
          clearTimeout(timer);
          resolve();
        }
        // A nudge ends an idle wait, not a backoff: a failing centre is not hammered by a busy branch.
        this.wake = this.failures === 0 ? done : () => (this.running ? undefined : done());
      });
      this.wake = null;
    }
  }

  private async request(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Record<string, unknown>> {
    const sent = this.o.clock();
    const headers: Record<string, string> = { authorization: `Bearer ${this.o.token}`, 'accept-encoding': 'gzip' };
    let payload: Uint8Array<ArrayBuffer> | undefined;
    if (body !== undefined) {
      // Level 1: most of the saving at a fraction of the CPU (batches are JSON with repeated keys).
      payload = new Uint8Array(gzipSync(JSON.stringify(body), { level: 1 }));
      headers['content-type'] = 'application/json';
      headers['content-encoding'] = 'gzip';
    }
    const res = await fetch(new URL(path, this.o.hubUrl), {
      method,
      headers,
      body: payload,
      signal: AbortSignal.timeout(this.o.requestTimeoutMs ?? 15_000),
    });
    const answer = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    const now = this.o.clock();
    if (!res.ok || answer.ok !== true) {
      const retry = Number(res.headers.get('retry-after'));
      throw new HubRefused(res.status, String(answer.code ?? 'HTTP_ERROR'), String(answer.msg ?? res.statusText), Number.isFinite(retry) && retry > 0 ? retry * 1000 : null, answer);
    }
    const hubTime = typeof answer.hubTime === 'number' ? answer.hubTime : null;
    this.status = {
      ...this.status,
      connected: true,
      lastContact: now,
      lastError: null,
      clockSkewMs: hubTime === null ? this.status.clockSkewMs : Math.round(hubTime - (sent + now) / 2),
    };
    return answer;
  }
}
