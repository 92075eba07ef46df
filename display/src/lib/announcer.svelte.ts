/**
 * Spoken announcements of calls: chime, then Arabic, then English, from pre-made clips (see clips.ts)
 * played back to back with the Web Audio API. Browser speech synthesis is not used: Chromium has no
 * offline voices.
 *
 * Calls wait in a queue and are announced one at a time: a new call never cuts off the one playing.
 * Feed it only live calls (BranchState.onCall): calls restored from a snapshot must stay silent.
 */
import type { CallNotice } from '@dawr/core';
import { CLIP_EXT } from '@dawr/speech/format';
import { ClipBank } from '@dawr/ui/clip-bank';
import { announcementParts } from './clips';

/** What was announced, for tests and diagnostics (`window.__dawrAnnouncements`). */
export interface AnnouncementRecord {
  ticket: string;
  counter: number;
  recall: boolean;
  /** Clip names actually scheduled, in playing order (a clip that failed to load is left out). */
  clips: string[];
  /** Epoch ms at which the first clip starts. */
  startedAt: number;
  /** Epoch ms at which the last clip ended; null while playing. */
  endedAt: number | null;
}

declare global {
  interface Window {
    /** Test hook: every announcement this page scheduled, oldest first (the last HOOK_KEEP). */
    __dawrAnnouncements?: AnnouncementRecord[];
  }
}

/** Pause between the chime, the Arabic part and the English part (s). */
const PART_GAP_S = 0.35;
/** Schedule this far ahead, so the first clip is not cut by the time the graph starts (s). */
const LEAD_S = 0.05;
/**
 * Most calls kept waiting. Only reached when sound is blocked (nobody tapped "enable sound") or calls
 * come faster than they can be said: then the oldest are dropped, rather than replaying an hour of
 * stale calls when sound comes back.
 */
const MAX_PENDING = 8;
/** How long a fresh AudioContext may take to start before we conclude autoplay is blocked (ms). */
const UNLOCK_GRACE_MS = 1500;
const HOOK_KEEP = 200;
/** Clips every announcement uses: fetched at start, so the first call is not delayed by them. */
const COMMON = ['chime', 'ar/ticket', 'ar/counter', 'en/ticket', 'en/counter'];

const epochNow = (): number => performance.timeOrigin + performance.now();

/** Announces calls one after the other; `start()` it once in the browser, then `enqueue()` live calls. */
export class Announcer {
  /** True when the browser will not play sound until someone taps the page (autoplay policy). */
  blocked = $state(false);

  #ctx: AudioContext | null = null;
  #clips: ClipBank;
  #queue: CallNotice[] = [];
  #busy = false;
  #wake: (() => void) | null = null;
  #grace: ReturnType<typeof setTimeout> | undefined;
  /** Set once the start-up grace has passed: a suspended context from then on needs a tap. */
  #graceOver = false;

  /** `baseUrl`: where the clips are served, e.g. `/display/audio`. */
  constructor(readonly baseUrl: string) {
    this.#clips = new ClipBank((name) => `${baseUrl}/${name}.${CLIP_EXT}`, 'announcements');
  }

  /** Creates the audio context (in the browser, once) and preloads the common clips. */
  start(): void {
    if (this.#ctx || typeof AudioContext === 'undefined') return;
    // 16 kHz is the clips' own rate: decoded buffers stay a third of the size of 48 kHz ones, which
    // matters on a display that runs for weeks with up to 277 clips cached. Output is resampled.
    const ctx = new AudioContext({ sampleRate: 16000, latencyHint: 'playback' });
    this.#ctx = ctx;
    window.__dawrAnnouncements ??= [];
    ctx.onstatechange = () => this.#stateChanged();
    // With --autoplay-policy=no-user-gesture-required the context runs at once; in a plain browser it
    // stays suspended until a user gesture (the "enable sound" button calls unlock()).
    void ctx.resume().catch(() => {});
    this.#grace = setTimeout(() => {
      this.#graceOver = true;
      this.#stateChanged();
    }, UNLOCK_GRACE_MS);
    for (const name of COMMON) void this.#load(name);
  }

  /** Resumes sound after a user gesture; queued announcements then play. */
  async unlock(): Promise<void> {
    await this.#ctx?.resume().catch(() => {});
  }

  /** Queues the announcement of a live call (a recall is announced again). */
  enqueue(call: CallNotice): void {
    if (!this.#ctx) return;
    this.#queue.push(call);
    if (this.#queue.length > MAX_PENDING) {
      const dropped = this.#queue.splice(0, this.#queue.length - MAX_PENDING);
      console.warn(`announcements: dropped ${dropped.length} stale call(s)`, dropped.map((c) => c.number));
    }
    void this.#pump();
  }

  /** Stops sound and forgets the queue (the page is going away). */
  stop(): void {
    clearTimeout(this.#grace);
    this.#queue = [];
    void this.#ctx?.close().catch(() => {});
    this.#ctx = null;
    this.#wake?.();
  }

  #stateChanged(): void {
    const state = this.#ctx?.state;
    if (state === 'running') {
      this.blocked = false;
      this.#wake?.();
    } else if (state === 'suspended' && this.#graceOver) {
      this.blocked = true; // autoplay policy (or the system suspended it later): a tap resumes it
    }
  }

  /** Plays the queue, one announcement at a time; a single loop runs however often it is called. */
  async #pump(): Promise<void> {
    if (this.#busy) return;
    this.#busy = true;
    try {
      while (this.#queue.length > 0 && this.#ctx) {
        if (this.#ctx.state !== 'running') {
          await new Promise<void>((resolve) => (this.#wake = resolve));
          this.#wake = null;
          continue;
        }
        await this.#play(this.#queue.shift()!);
      }
    } finally {
      this.#busy = false;
    }
  }

  /** Schedules every clip of one call back to back and resolves when the last has finished. */
  async #play(call: CallNotice): Promise<void> {
    const parts = announcementParts(call.number, call.counterNumber);
    const buffers = await Promise.all(parts.map((part) => Promise.all(part.map((n) => this.#load(n)))));
    const ctx = this.#ctx;
    if (!ctx) return;
    const start = ctx.currentTime + LEAD_S;
    let t = start;
    const clips: string[] = [];
    let last: AudioBufferSourceNode | null = null;
    for (const [i, part] of parts.entries()) {
      if (i > 0 && clips.length > 0) t += PART_GAP_S;
      for (const [j, name] of part.entries()) {
        const buffer = buffers[i]![j];
        if (!buffer) continue; // a missing clip is skipped: the rest of the call is still worth saying
        const source = ctx.createBufferSource();
        source.buffer = buffer;
        source.connect(ctx.destination);
        source.start(t);
        t += buffer.duration;
        clips.push(name);
        last = source;
      }
    }
    const record: AnnouncementRecord = {
      ticket: call.number,
      counter: call.counterNumber,
      recall: call.recall,
      clips,
      startedAt: epochNow() + (start - ctx.currentTime) * 1000,
      endedAt: null,
    };
    const hook = (window.__dawrAnnouncements ??= []);
    hook.push(record);
    if (hook.length > HOOK_KEEP) hook.splice(0, hook.length - HOOK_KEEP);
    if (last) {
      const source = last;
      await new Promise<void>((resolve) => {
        // Belt and braces: if the context is suspended or closed mid-announcement, `ended` may never
        // come; the queue must not stall behind it.
        const stall = setTimeout(resolve, (t - ctx.currentTime) * 1000 + 3000);
        source.onended = () => {
          clearTimeout(stall);
          resolve();
        };
      });
    }
    record.endedAt = epochNow();
  }

  /** Fetches and decodes a clip once; null if that fails (it is tried again next time). */
  #load(name: string): Promise<AudioBuffer | null> {
    return this.#ctx ? this.#clips.load(this.#ctx, name) : Promise.resolve(null);
  }
}
