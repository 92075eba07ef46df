/**
 * Pre-made speech clips (see speech/, the clip tool), fetched and decoded once each for one AudioContext:
 * the wall display's announcements and the kiosk's spoken screens play from it.
 */
export class ClipBank {
  #buffers = new Map<string, Promise<AudioBuffer | null>>();

  /**
   * @param url where a clip is served, by its name (`ar/42` → `/display/audio/ar/42.ogg`)
   * @param label names the player in the console warning about a missing clip
   */
  constructor(
    readonly url: (name: string) => string,
    readonly label: string,
  ) {}

  /** The decoded clip; null (and forgotten, so it is tried again later) when it cannot be had. */
  load(ctx: AudioContext, name: string): Promise<AudioBuffer | null> {
    let p = this.#buffers.get(name);
    if (!p) {
      p = fetch(this.url(name))
        .then((res) => {
          if (!res.ok) throw new Error(`HTTP ${res.status}`);
          return res.arrayBuffer();
        })
        .then((bytes) => ctx.decodeAudioData(bytes))
        .catch((e: unknown) => {
          console.warn(`${this.label}: clip ${name} unavailable`, e);
          this.#buffers.delete(name);
          return null;
        });
      this.#buffers.set(name, p);
    }
    return p;
  }
}
