/**
 * The "your turn" alert: a chime made with the Web Audio API (no sound files to download) and a
 * vibration. Browsers only allow sound after a tap on the page, so sound is off until the visitor
 * turns it on with a button; the page shows the call in words whatever happens here.
 */

/** One alert as it was raised, kept in `window.__dawrPhoneAlerts` for tests (no personal data). */
export interface AlertRecord {
  counter: number | null;
  /** `played`: the chime was started; `off`: sound not turned on; `blocked`: the browser held it back. */
  sound: 'played' | 'off' | 'blocked';
  vibrated: boolean;
}

/** A doorbell "ding-dong" (B5 then G5), `times` over: short, and clear over a waiting-room's noise. */
function chime(ctx: AudioContext, times: number): void {
  const start = ctx.currentTime + 0.05;
  for (let r = 0; r < times; r++) {
    [988, 784].forEach((freq, i) => tone(ctx, freq, start + r * 1.1 + i * 0.4, 0.7));
  }
}

function tone(ctx: AudioContext, freq: number, at: number, length: number): void {
  const osc = ctx.createOscillator();
  const gain = ctx.createGain();
  osc.type = 'sine';
  osc.frequency.value = freq;
  // A quick attack and an exponential fade sound like a bell, and avoid the click of a hard cut.
  gain.gain.setValueAtTime(0.0001, at);
  gain.gain.exponentialRampToValueAtTime(0.5, at + 0.02);
  gain.gain.exponentialRampToValueAtTime(0.0001, at + length);
  osc.connect(gain).connect(ctx.destination);
  osc.start(at);
  osc.stop(at + length + 0.05);
}

/** Raises the turn alert; `soundOn` drives the page's sound button. */
export class Alerter {
  /** Whether this browser can make sound at all (otherwise the page offers no sound button). */
  readonly supported = typeof AudioContext === 'function';
  soundOn = $state(false);
  #ctx: AudioContext | null = null;

  /** Turns sound on. Call it from a tap: that tap is what unlocks the AudioContext. */
  async enableSound(): Promise<void> {
    if (!this.supported) return;
    this.#ctx ??= new AudioContext();
    this.soundOn = true;
    try {
      await this.#ctx.resume();
      chime(this.#ctx, 1); // let the visitor hear how loud the alert will be
    } catch {
      // refused: the button stays on and the next tap tries again via wake()
    }
  }

  disableSound(): void {
    this.soundOn = false;
  }

  /** Phones may suspend audio while the page is hidden; resume it when the visitor comes back. */
  wake(): void {
    if (this.soundOn && this.#ctx?.state !== 'running') void this.#ctx?.resume().catch(() => {});
  }

  /** Chimes (if turned on) and vibrates (where the browser allows it) for a call to `counter`. */
  alert(counter: number | null): AlertRecord {
    const record: AlertRecord = { counter, sound: 'off', vibrated: false };
    const ctx = this.#ctx;
    if (this.soundOn && ctx) {
      record.sound = ctx.state === 'running' ? 'played' : 'blocked';
      if (ctx.state === 'running') chime(ctx, 2);
      else void ctx.resume().then(() => chime(ctx, 2), () => {});
    }
    try {
      // Refused (false) until the visitor has tapped the page at least once; the words still show.
      record.vibrated = navigator.vibrate?.([400, 200, 400, 200, 400]) ?? false;
    } catch {
      record.vibrated = false;
    }
    (window.__dawrPhoneAlerts ??= []).push(record);
    return record;
  }
}
