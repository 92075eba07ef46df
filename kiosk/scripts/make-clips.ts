/**
 * Build step (before `vite build`): the kiosk's speech clips (src/lib/speech/clips.ts) in static/audio/,
 * made by the clip tool (speech/) as the wall display's are, with an index.json beside them: the speech
 * control shows itself only when it is there. The screens' texts are @dawr/core's dictionary texts.
 *
 * Usage: node --import tsx scripts/make-clips.ts [--force]
 */
import path from 'node:path';
import { dictionaries, type MessageKey } from '@dawr/core';
import { makeClips } from '@dawr/speech';
import { allClipNames } from '../src/lib/speech/clips';

await makeClips({
  dir: path.resolve(import.meta.dirname, '..'),
  names: allClipNames(),
  texts: (lang, key) => (lang === 'ar' || lang === 'en' ? dictionaries[lang][key as MessageKey] : undefined),
  // A little slower than espeak-ng's default 175, for headphones in a busy hall.
  speed: 160,
  index: true,
  withoutClips: 'the kiosk will have no speech output (its control stays hidden)',
  force: process.argv.includes('--force'),
});
