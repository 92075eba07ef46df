/** The clip tool (Node only; the players import the file format from '@dawr/speech/format'). */
export { makeClips, planClips, type ClipSet } from './make-clips';
export { speechJob, type AppTexts, type SpeechJob } from './clip-text';
export { isVoiceLang, LETTERS, VOICES, WORDS, type Voice, type VoiceLang, type Word } from './voices';
export { CLIP_EXT } from './format';
