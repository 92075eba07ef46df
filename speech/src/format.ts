/** What the clip tool writes and the players fetch (browser-safe: no Node imports here). */

/** File extension of every clip (Ogg Vorbis: decodeAudioData reads it in Chromium). */
export const CLIP_EXT = 'ogg';
