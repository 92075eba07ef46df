/**
 * Build step (before `vite build`): the kiosk's speech clips (src/lib/speech/clips.ts) in static/audio/,
 * made by the clip tool (speech/) as the wall display's are, with an index.json beside them: the speech
 * control shows itself only when it is there. The screens' texts are @dawr/core's dictionary texts.
 *
 * Usage: node --import tsx scripts/make-clips.ts [--force]
 */
import path from 'node:path';
import { isVisitorLang, loadLanguage, template, type VisitorKey } from '@dawr/core';
import { makeClips } from '@dawr/speech';
import { allClipNames, SPEECH_LANGS } from '../src/lib/speech/clips';

for (const lang of SPEECH_LANGS) await loadLanguage(lang);

await makeClips({
  dir: path.resolve(import.meta.dirname, '..'),
  names: allClipNames(),
  texts: (lang, key) => (isVisitorLang(lang) ? template(lang, key as VisitorKey) : undefined),
  // A little slower than espeak-ng's default 175, for headphones in a busy hall.
  speed: 160,
  index: true,
  withoutClips: 'the kiosk will have no speech output (its control stays hidden)',
  force: process.argv.includes('--force'),
});
