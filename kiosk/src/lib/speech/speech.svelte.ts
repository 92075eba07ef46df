/**
 * Speech output for headphone use (checklist items 7–9): the current screen's script, from pre-made clips
 * (clips.ts, made at build time by scripts/make-clips.ts) played back to back with the Web Audio API through
 * one GainNode (the volume). Browser speech synthesis is not used: Chromium here has no offline voices.
 *
 * Nothing starts by itself: the visitor presses Speak. Once they have, the idle warning is read out too
 * (its modal dialog makes the Speak button underneath unreachable). `reset()` ends it all with the session.
 */
import { CLIP_EXT } from '@dawr/speech/format';
import { ClipBank } from '@dawr/ui/clip-bank';

/** One spoken script, for tests and diagnostics (`window.__dawrKioskSpeech`). */
export interface SpeechRecord {
  screen: string;
  lang: string;
  /** Clip names scheduled, in playing order (a clip that failed to load is left out). */
  clips: string[];
  startedAt: number;
  /** Epoch ms when it ended; null while playing. */
  endedAt: number | null;
  /** True when Stop (or a reset, or leaving the screen) cut it short. */
  stopped: boolean;
}

declare global {
  interface Window {
    /** Test hook: the scripts this page played, oldest first; cleared with the session. */
    __dawrKioskSpeech?: SpeechRecord[];
  }
}

const BASE = '/audio';
const LEAD_S = 0.05;
const HOOK_KEEP = 50;
export const DEFAULT_VOLUME = 0.8;

const epochNow = (): number => performance.timeOrigin + performance.now();

class Speech {
  /** Clips are there (index.json served): the control shows itself. */
  available = $state(false);
  playing = $state(false);
  /** 0…1, applied through the GainNode. */
  volume = $state(DEFAULT_VOLUME);
  /** The visitor pressed Speak this session. */
  engaged = $state(false);

  #ctx: AudioContext | null = null;
  #gain: GainNode | null = null;
  #clips = new ClipBank((name) => `${BASE}/${name}.${CLIP_EXT}`, 'speech');
  #sources: AudioBufferSourceNode[] = [];
  #current: SpeechRecord | null = null;
  #last = $state.raw<{ screen: string; lang: string; clips: string[] } | null>(null);
  #probe: Promise<void> | null = null;
  #run = 0;

  /** Finds out once whether clips were built (no clips, no control). */
  probe(): Promise<void> {
    this.#probe ??= fetch(`${BASE}/index.json`)
      .then((r) => {
        this.available = r.ok;
      })
      .catch(() => {
        this.available = false;
      });
    return this.#probe;
  }

  setVolume(v: number): void {
    this.volume = Math.min(1, Math.max(0, v));
    if (this.#gain && this.#ctx) this.#gain.gain.setTargetAtTime(this.volume, this.#ctx.currentTime, 0.02);
  }

  /** Plays a script, cutting off whatever is playing. */
  async speak(screen: string, lang: string, clips: string[]): Promise<void> {
    this.stop();
    this.engaged = true;
    this.#last = { screen, lang, clips };
    const ctx = this.#context();
    if (!ctx) return;
    const run = ++this.#run;
    this.playing = true;
    await ctx.resume().catch(() => {});
    const buffers = await Promise.all(clips.map((n) => this.#load(n)));
    if (run !== this.#run || !this.#gain) return; // stopped (or replaced) while loading
    let t = ctx.currentTime + LEAD_S;
    const record: SpeechRecord = { screen, lang, clips: [], startedAt: epochNow() + LEAD_S * 1000, endedAt: null, stopped: false };
    for (const [i, buffer] of buffers.entries()) {
      if (!buffer) continue;
      const source = ctx.createBufferSource();
      source.buffer = buffer;
      source.connect(this.#gain);
      source.start(t);
      t += buffer.duration;
      record.clips.push(clips[i]!);
      this.#sources.push(source);
    }
    this.#current = record;
    const hook = (window.__dawrKioskSpeech ??= []);
    hook.push(record);
    if (hook.length > HOOK_KEEP) hook.splice(0, hook.length - HOOK_KEEP);
    const last = this.#sources.at(-1);
    if (!last) return this.#finish(run, false);
    last.onended = () => this.#finish(run, false);
  }

  /** Plays the last script again. */
  repeat(): void {
    if (this.#last) void this.speak(this.#last.screen, this.#last.lang, this.#last.clips);
  }

  get canRepeat(): boolean {
    return this.#last !== null;
  }

  /** Stops at once (the script is marked as stopped). */
  stop(): void {
    const run = this.#run++;
    for (const s of this.#sources) {
      s.onended = null;
      try {
        s.stop();
      } catch {
        /* not started */
      }
    }
    this.#sources = [];
    if (this.playing) this.#finish(run, true);
  }

  /** The end of the session: silence, default volume, nothing to repeat, the hook emptied. */
  reset(): void {
    this.stop();
    this.engaged = false;
    this.#last = null;
    this.setVolume(DEFAULT_VOLUME);
    if (typeof window !== 'undefined') window.__dawrKioskSpeech = [];
  }

  #finish(run: number, stopped: boolean): void {
    if (!stopped && run !== this.#run) return;
    this.playing = false;
    if (this.#current) {
      this.#current.endedAt = epochNow();
      this.#current.stopped = stopped;
      this.#current = null;
    }
  }

  #context(): AudioContext | null {
    if (this.#ctx) return this.#ctx;
    if (typeof AudioContext === 'undefined') return null;
    const ctx = new AudioContext({ sampleRate: 16000, latencyHint: 'playback' });
    this.#gain = ctx.createGain();
    this.#gain.gain.value = this.volume;
    this.#gain.connect(ctx.destination);
    this.#ctx = ctx;
    return ctx;
  }

  #load(name: string): Promise<AudioBuffer | null> {
    return this.#ctx ? this.#clips.load(this.#ctx, name) : Promise.resolve(null);
  }
}

/** The kiosk's one speech output. */
export const speech = new Speech();
