/**
 * The clip tool: makes an app's speech clips in <app>/static/audio/ (git-ignored) as a build step before
 * `vite build`. Each clip comes from, in this order:
 *   1. a recording in <app>/recordings/<name>.{wav,flac,ogg,aif,aiff} (committed; replaces a clip file for file),
 *   2. the chime: synthesised by sox,
 *   3. speech: espeak-ng, with the voice of the clip's language (voices.ts) and the text of clip-text.ts.
 * All go through the same sox chain: mono, 16 kHz, leading/trailing silence trimmed (clips are played back
 * to back, so silence inside a file would become gaps), peak-normalised, Ogg Vorbis at low quality (speech
 * at 16 kHz needs no more; ~5 KB a clip).
 *
 * Incremental: a stamp of everything the output depends on (this tool, what each clip says and how fast,
 * the recordings, the tool versions) is kept beside the clips; an unchanged stamp skips the step. Without
 * espeak-ng or sox the build goes on with a warning: the app works without speech.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { speechJob, SOUNDS, type AppTexts, type Sound, type SpeechJob } from './clip-text';
import { CLIP_EXT } from './format';
import { VOICES } from './voices';

const run = promisify(execFile);
const RECORDING_EXTS = ['wav', 'flac', 'ogg', 'aif', 'aiff'];
/** The files whose code decides what the clips sound like: a change in them remakes every clip. */
const TOOL_FILES = ['make-clips.ts', 'clip-text.ts', 'voices.ts', 'format.ts'].map((f) => path.join(import.meta.dirname, f));

/** One app's clips. */
export interface ClipSet {
  /** The app's folder: clips go to static/audio/ in it, recordings are read from recordings/. */
  dir: string;
  /** Every clip the app can ask for (its clips.ts's allClipNames()). */
  names: readonly string[];
  /** espeak-ng's speed in words a minute (its default is 175). */
  speed: number;
  /** Texts of the app's own clips (beyond numbers, letters and the voice table's words). */
  texts?: AppTexts;
  /**
   * Also write index.json, the list of clips: the kiosk's speech control shows itself only when it is
   * served. Such a set is removed when the tools are missing, so no index claims clips that are not made.
   */
  index?: boolean;
  /** What the app does without clips, for the warning ("the display will be silent"). */
  withoutClips: string;
  /** Remake every clip even when the stamp says they are current. */
  force?: boolean;
}

/** The sox effects every clip gets (see the header for why). */
const FINISH = ['remix', '-', 'rate', '16k', 'silence', '1', '0.01', '0.3%', 'reverse', 'silence', '1', '0.01', '0.3%', 'reverse', 'norm', '-3'];
const ENCODE = ['-C', '-1'];

async function have(cmd: string, args: string[]): Promise<string | null> {
  try {
    const { stdout, stderr } = await run(cmd, args);
    return (stdout + stderr).split('\n')[0]!.trim();
  } catch {
    return null;
  }
}

function recordingOf(dir: string, name: string): string | null {
  for (const ext of RECORDING_EXTS) {
    const f = path.join(dir, `${name}.${ext}`);
    if (existsSync(f)) return f;
  }
  return null;
}

function listRecordings(dir: string, prefix = ''): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return listRecordings(full, `${prefix}${e.name}/`);
    const s = statSync(full);
    return [`${prefix}${e.name}:${s.size}:${s.mtimeMs}`];
  });
}

/** Two bell tones, the second a third lower and starting while the first rings out ("ding-dong"). */
async function makeChime(out: string, tmp: string): Promise<void> {
  const ding = path.join(tmp, 'ding.wav');
  const dong = path.join(tmp, 'dong.wav');
  await run('sox', ['-n', '-r', '16000', '-c', '1', ding, 'synth', '0.6', 'sine', '659.25', 'sine', '1318.5', 'remix', '-', 'fade', 'l', '0.005', '0.6', '0.58']);
  await run('sox', ['-n', '-r', '16000', '-c', '1', dong, 'synth', '0.8', 'sine', '523.25', 'sine', '1046.5', 'remix', '-', 'fade', 'l', '0.005', '0.8', '0.78', 'pad', '0.3']);
  await run('sox', ['-m', ding, dong, ...ENCODE, out, 'norm', '-3']);
}

/** A clip: a recording, a sound, or a speech job. */
type Clip = { name: string; recording: string } | { name: string; sound: Sound } | SpeechJob;

async function makeClip(clip: Clip, speed: number, dir: string, tmp: string): Promise<void> {
  const out = path.join(dir, `${clip.name}.${CLIP_EXT}`);
  mkdirSync(path.dirname(out), { recursive: true });
  if ('recording' in clip) return void (await run('sox', [clip.recording, ...ENCODE, out, ...FINISH]));
  if ('sound' in clip) return makeChime(out, tmp);
  const wav = path.join(tmp, `${clip.name.replace('/', '-')}.wav`);
  await run('espeak-ng', ['-v', VOICES[clip.lang].espeak, '-s', String(speed), '-w', wav, clip.text]);
  await run('sox', [wav, ...ENCODE, out, ...FINISH]);
  rmSync(wav);
}

/** Runs `work` over `items`, `n` at a time. */
async function pool<T>(items: readonly T[], n: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

/** What makes each clip of the set (throws on a name nothing can say, before any tool runs). */
export function planClips(set: Pick<ClipSet, 'dir' | 'names' | 'texts'>): Clip[] {
  const recordings = path.join(set.dir, 'recordings');
  return set.names.map((name): Clip => {
    const recording = recordingOf(recordings, name);
    if (recording) return { name, recording };
    if ((SOUNDS as readonly string[]).includes(name)) return { name, sound: name as Sound };
    return speechJob(name, set.texts);
  });
}

/** Makes the set's clips unless its stamp says they are current; says what it did on one line. */
export async function makeClips(set: ClipSet): Promise<void> {
  const out = path.join(set.dir, 'static/audio');
  const stampFile = path.join(out, '.stamp');
  const clips = planClips(set);
  const [espeak, sox] = await Promise.all([have('espeak-ng', ['--version']), have('sox', ['--version'])]);
  const missingTools = [!espeak && 'espeak-ng', !sox && 'sox'].filter(Boolean);
  const stamp = createHash('sha256');
  for (const f of TOOL_FILES) stamp.update(readFileSync(f));
  stamp.update(JSON.stringify({ clips, speed: set.speed, index: !!set.index }));
  stamp.update(JSON.stringify(listRecordings(path.join(set.dir, 'recordings'))));
  stamp.update(`${espeak}|${sox}`);
  const digest = stamp.digest('hex');
  if (!set.force && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === digest) {
    console.log(`make-clips: ${clips.length} clips up to date in static/audio/`);
    return;
  }
  if (missingTools.length > 0) {
    console.warn(
      `make-clips: WARNING ${missingTools.join(' and ')} not found: ${set.withoutClips}.\n` +
        `  Install them (apt-get install -y espeak-ng sox) and build again.`,
    );
    if (set.index) rmSync(out, { recursive: true, force: true });
    return;
  }
  const started = Date.now();
  // Build into a temporary folder and swap it in at the end: an interrupted build never leaves a
  // half-made set behind a valid stamp.
  mkdirSync(path.dirname(out), { recursive: true });
  const tmp = mkdtempSync(path.join(path.dirname(out), '.audio-'));
  const work = mkdtempSync(path.join(os.tmpdir(), 'dawr-clips-'));
  try {
    await pool(clips, Math.max(2, os.availableParallelism()), (c) => makeClip(c, set.speed, tmp, work));
    if (set.index) writeFileSync(path.join(tmp, 'index.json'), JSON.stringify(set.names));
    writeFileSync(path.join(tmp, '.stamp'), digest);
    rmSync(out, { recursive: true, force: true });
    renameSync(tmp, out);
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const recorded = clips.filter((c) => 'recording' in c).length;
  console.log(`make-clips: ${clips.length} clips (${recorded} from recordings/) in ${Date.now() - started} ms`);
}
