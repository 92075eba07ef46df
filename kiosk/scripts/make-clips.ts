/**
 * Build step (before `vite build`): makes the kiosk's speech clips in static/audio/ (git-ignored), as the
 * wall display does (display/scripts/make-clips.ts): espeak-ng (voices `ar` and `en`), then one sox chain:
 * mono, 16 kHz, leading/trailing silence trimmed (clips play back to back), peak-normalised, Ogg Vorbis at
 * low quality (~5 KB a clip). An index.json beside the clips lists them: the speech control shows itself
 * only when it is there.
 *
 * Incremental: a stamp of everything the output depends on (this script, the clip list and texts, the tool
 * versions) is kept beside the clips; an unchanged stamp skips the step. Without espeak-ng or sox the build
 * goes on with a warning, and the kiosk's speech control stays hidden.
 *
 * Usage: node --import tsx scripts/make-clips.ts [--force]
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { dictionaries, type Lang, type MessageKey } from '@dawr/core';
import { allClipNames, CLIP_EXT, WORDS, type Word } from '../src/lib/speech/clips';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '..');
const OUT = path.join(ROOT, 'static/audio');
const STAMP = path.join(OUT, '.stamp');

/** espeak-ng voice and speed (words a minute): a little slower than its default 175, for headphones in a busy hall. */
const VOICES = { ar: { voice: 'ar', speed: '160' }, en: { voice: 'en', speed: '160' } } as const;

/** Latin letter names as Bahrainis say them, vowelled for espeak-ng (as the display's; V as phonemes). */
const AR_LETTERS: Record<string, string> = {
  a: 'إِيه', b: 'بِي', c: 'سِي', d: 'دِي', e: 'إِي', f: 'إِف', g: 'جِي', h: 'إِتْش', i: 'آي', j: 'جِيه', k: 'كِيه',
  l: 'إِل', m: 'إِم', n: 'إِن', o: 'أُو', p: 'پِي', q: 'كْيُو', r: 'آر', s: 'إِس', t: 'تِي', u: 'يُو', v: "[[v'i:]]",
  w: 'دَبْلْيُو', x: 'إِكْس', y: 'وَاي', z: 'زِد',
};

const PHRASES: Record<Lang, Record<Word, string>> = {
  ar: { minutes: 'دَقِيقَة', and: 'و' },
  en: { minutes: 'minutes', and: 'and' },
};

/** What espeak-ng is asked to say for a clip. */
export function speechText(name: string): { lang: Lang; text: string } {
  const slash = name.indexOf('/');
  const lang = name.slice(0, slash) as Lang;
  const key = name.slice(slash + 1);
  if (!(lang in VOICES) || !key) throw new Error(`not a speech clip: ${name}`);
  if (/^\d+$/.test(key)) return { lang, text: key };
  const letter = /^letter-([a-z])$/.exec(key)?.[1];
  if (letter) return { lang, text: lang === 'ar' ? AR_LETTERS[letter]! : letter.toUpperCase() };
  if ((WORDS as readonly string[]).includes(key)) return { lang, text: PHRASES[lang][key as Word] };
  const text = dictionaries[lang][key as MessageKey];
  if (!text) throw new Error(`no text for clip ${name}`);
  if (/\{\w+\}/.test(text)) throw new Error(`clip ${name}: texts with placeholders cannot be pre-made`);
  // "Please wait…": espeak-ng reads the ellipsis character aloud in some voices.
  return { lang, text: text.replaceAll('…', '.') };
}

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

async function makeClip(name: string, dir: string, tmp: string): Promise<void> {
  const out = path.join(dir, `${name}.${CLIP_EXT}`);
  mkdirSync(path.dirname(out), { recursive: true });
  const { lang, text } = speechText(name);
  const wav = path.join(tmp, `${name.replace('/', '-')}.wav`);
  await run('espeak-ng', ['-v', VOICES[lang].voice, '-s', VOICES[lang].speed, '-w', wav, text]);
  await run('sox', [wav, ...ENCODE, out, ...FINISH]);
  rmSync(wav);
}

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
  const texts = names.map((n) => speechText(n).text);
  const [espeak, sox] = await Promise.all([have('espeak-ng', ['--version']), have('sox', ['--version'])]);
  const missingTools = [!espeak && 'espeak-ng', !sox && 'sox'].filter(Boolean);
  const stamp = createHash('sha256')
    .update(readFileSync(import.meta.filename))
    .update(JSON.stringify(names))
    .update(JSON.stringify(texts))
    .update(`${espeak}|${sox}`)
    .digest('hex');
  if (!force && existsSync(STAMP) && readFileSync(STAMP, 'utf8') === stamp) {
    console.log(`make-clips: ${names.length} clips up to date in static/audio/`);
    return;
  }
  if (missingTools.length > 0) {
    console.warn(
      `make-clips: WARNING ${missingTools.join(' and ')} not found: the kiosk will have no speech output (its control stays hidden).\n` +
        `  Install them (apt-get install -y espeak-ng sox) and build again.`,
    );
    // No stale clips or index from an older build: the control must not offer a speech that is not there.
    rmSync(OUT, { recursive: true, force: true });
    return;
  }
  const started = Date.now();
  mkdirSync(path.dirname(OUT), { recursive: true });
  const tmp = mkdtempSync(path.join(path.dirname(OUT), '.audio-'));
  const work = mkdtempSync(path.join(os.tmpdir(), 'dawr-kiosk-clips-'));
  try {
    await pool(names, Math.max(2, os.availableParallelism()), (n) => makeClip(n, tmp, work));
    writeFileSync(path.join(tmp, 'index.json'), JSON.stringify(names));
    writeFileSync(path.join(tmp, '.stamp'), stamp);
    rmSync(OUT, { recursive: true, force: true });
    renameSync(tmp, OUT);
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  console.log(`make-clips: ${names.length} clips in ${Date.now() - started} ms`);
}

await main();
