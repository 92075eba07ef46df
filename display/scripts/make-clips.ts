/**
 * Build step (before `vite build`): the display's announcement clips (src/lib/clips.ts) in static/audio/,
 * made by the clip tool (speech/). Recordings in recordings/ replace generated clips file for file.
 *
 * Usage: node --import tsx scripts/make-clips.ts [--force]
 */
import path from 'node:path';
import { makeClips } from '@dawr/speech';
import { allClipNames } from '../src/lib/clips';

await makeClips({
  dir: path.resolve(import.meta.dirname, '..'),
  names: allClipNames(),
  // A touch under espeak-ng's default 175, for a large, noisy room.
  speed: 170,
  withoutClips: 'the display will be silent',
  force: process.argv.includes('--force'),
});
