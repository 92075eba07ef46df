/**
 * Build step (before `vite build`): makes the announcement clips in static/audio/ (git-ignored).
 *
 * Each clip of src/lib/clips.ts comes from, in this order:
 *   1. a recording in recordings/<name>.{wav,flac,ogg,aif,aiff} (committed; replaces a clip file for file),
 *   2. the chime: synthesised by sox,
 *   3. speech: espeak-ng (voices `ar` and `en`).
 * All go through the same sox chain: mono, 16 kHz, leading/trailing silence trimmed (clips are played
 * back to back, so silence inside a file would become gaps), peak-normalised, Ogg Vorbis at low quality
 * (speech at 16 kHz needs no more; ~5 KB a clip).
 *
 * Incremental: a stamp of everything the output depends on (this script, the clip list, the recordings,
 * the tool versions) is kept beside the clips; an unchanged stamp skips the step. Without espeak-ng or sox
 * the build goes on with a warning: the display works, silently (missing clips are skipped at play time).
 *
 * Usage: node --import tsx scripts/make-clips.ts [--force]
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { allClipNames, CLIP_EXT } from '../src/lib/clips';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '..');
const OUT = path.join(ROOT, 'static/audio');
const RECORDINGS = path.join(ROOT, 'recordings');
const STAMP = path.join(OUT, '.stamp');
const RECORDING_EXTS = ['wav', 'flac', 'ogg', 'aif', 'aiff'];

/** espeak-ng voice and speed (words a minute) per language: a touch under its default 175, for a large, noisy room. */
const VOICES = { ar: { voice: 'ar', speed: '170' }, en: { voice: 'en', speed: '170' } } as const;

/**
 * Latin letter names as Bahrainis say them, in Arabic script with vowel marks (espeak-ng reads unvowelled
 * Arabic poorly). P uses پ; V has no Arabic-script spelling espeak-ng reads, so it is given as phonemes.
 */
const AR_LETTERS: Record<string, string> = {
  a: 'إِيه', b: 'بِي', c: 'سِي', d: 'دِي', e: 'إِي', f: 'إِف', g: 'جِي', h: 'إِتْش', i: 'آي', j: 'جِيه', k: 'كِيه',
  l: 'إِل', m: 'إِم', n: 'إِن', o: 'أُو', p: 'پِي', q: 'كْيُو', r: 'آر', s: 'إِس', t: 'تِي', u: 'يُو', v: "[[v'i:]]",
  w: 'دَبْلْيُو', x: 'إِكْس', y: 'وَاي', z: 'زِد',
};

const PHRASES = {
  ar: { ticket: 'التَّذْكِرَةُ رَقْم', counter: 'إِلَى الكاوِنْتَر رَقْم', and: 'و' },
  en: { ticket: 'Ticket number', counter: 'please go to counter', and: 'and' },
} as const;

/** What espeak-ng is asked to say for a speech clip (`ar/42` → "42": espeak-ng reads numbers itself). */
export function speechText(name: string): { lang: 'ar' | 'en'; text: string } {
  const [lang, key] = name.split('/') as ['ar' | 'en', string];
  if (!(lang in VOICES) || !key) throw new Error(`not a speech clip: ${name}`);
  if (/^\d+$/.test(key)) return { lang, text: key };
  const letter = /^letter-([a-z])$/.exec(key)?.[1];
  if (letter) return { lang, text: lang === 'ar' ? AR_LETTERS[letter]! : letter.toUpperCase() };
  const phrase = PHRASES[lang][key as keyof (typeof PHRASES)['ar']];
  if (!phrase) throw new Error(`no text for clip ${name}`);
  return { lang, text: phrase };
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

function recordingOf(name: string): string | null {
  for (const ext of RECORDING_EXTS) {
    const f = path.join(RECORDINGS, `${name}.${ext}`);
    if (existsSync(f)) return f;
  }
  return null;
}

function listRecordings(dir = RECORDINGS, prefix = ''): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? listRecordings(path.join(dir, e.name), `${prefix}${e.name}/`)
      : [`${prefix}${e.name}:${statSync(path.join(dir, e.name)).size}:${statSync(path.join(dir, e.name)).mtimeMs}`],
  );
}

/** Two bell tones, the second a third lower and starting while the first rings out ("ding-dong"). */
async function makeChime(out: string, tmp: string): Promise<void> {
  const ding = path.join(tmp, 'ding.wav');
  const dong = path.join(tmp, 'dong.wav');
  await run('sox', ['-n', '-r', '16000', '-c', '1', ding, 'synth', '0.6', 'sine', '659.25', 'sine', '1318.5', 'remix', '-', 'fade', 'l', '0.005', '0.6', '0.58']);
  await run('sox', ['-n', '-r', '16000', '-c', '1', dong, 'synth', '0.8', 'sine', '523.25', 'sine', '1046.5', 'remix', '-', 'fade', 'l', '0.005', '0.8', '0.78', 'pad', '0.3']);
  await run('sox', ['-m', ding, dong, ...ENCODE, out, 'norm', '-3']);
}

async function makeClip(name: string, dir: string, tmp: string): Promise<void> {
  const out = path.join(dir, `${name}.${CLIP_EXT}`);
  mkdirSync(path.dirname(out), { recursive: true });
  const recorded = recordingOf(name);
  if (recorded) return void (await run('sox', [recorded, ...ENCODE, out, ...FINISH]));
  if (name === 'chime') return makeChime(out, tmp);
  const { lang, text } = speechText(name);
  const wav = path.join(tmp, `${name.replace('/', '-')}.wav`);
  await run('espeak-ng', ['-v', VOICES[lang].voice, '-s', VOICES[lang].speed, '-w', wav, text]);
  await run('sox', [wav, ...ENCODE, out, ...FINISH]);
  rmSync(wav);
}

/** Runs `work` over `items`, `n` at a time. */
async function pool<T>(items: T[], n: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

async function main(): Promise<void> {
  const force = process.argv.includes('--force');
  const names = allClipNames();
  const [espeak, sox] = await Promise.all([have('espeak-ng', ['--version']), have('sox', ['--version'])]);
  const missingTools = [!espeak && 'espeak-ng', !sox && 'sox'].filter(Boolean);
  const stamp = createHash('sha256')
    .update(readFileSync(import.meta.filename))
    .update(JSON.stringify(names))
    .update(JSON.stringify(listRecordings()))
    .update(`${espeak}|${sox}`)
    .digest('hex');
  if (!force && existsSync(STAMP) && readFileSync(STAMP, 'utf8') === stamp) {
    console.log(`make-clips: ${names.length} clips up to date in static/audio/`);
    return;
  }
  if (missingTools.length > 0) {
    console.warn(
      `make-clips: WARNING ${missingTools.join(' and ')} not found: the display will be silent.\n` +
        `  Install them (apt-get install -y espeak-ng sox) and build again.`,
    );
    return;
  }
  const started = Date.now();
  // Build into a temporary folder and swap it in at the end: an interrupted build never leaves a
  // half-made set behind a valid stamp.
  mkdirSync(path.dirname(OUT), { recursive: true });
  const tmp = mkdtempSync(path.join(path.dirname(OUT), '.audio-'));
  const work = mkdtempSync(path.join(os.tmpdir(), 'dawr-clips-'));
  try {
    await pool(names, Math.max(2, os.availableParallelism()), (n) => makeClip(n, tmp, work));
    writeFileSync(path.join(tmp, '.stamp'), stamp);
    rmSync(OUT, { recursive: true, force: true });
    renameSync(tmp, OUT);
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const recorded = names.filter((n) => recordingOf(n)).length;
  console.log(`make-clips: ${names.length} clips (${recorded} from recordings/) in ${Date.now() - started} ms`);
}

await main();
