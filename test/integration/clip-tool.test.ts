/** The clip tool (speech/): what each clip says, for both apps' clip sets and every voice. */
import { beforeAll, describe, expect, it } from 'vitest';
import { dictionaries, isVisitorLang, loadLanguage, template, VISITOR_LANGS, type VisitorKey } from '@dawr/core';
import { LETTERS, planClips, speechJob, VOICES } from '@dawr/speech';
import { allClipNames as displayClips } from '../../display/src/lib/clips';
import { allClipNames as kioskClips } from '../../kiosk/src/lib/speech/clips';

// The kiosk's texts in every visitor language (scripts/make-clips.ts loads them the same way).
const kioskTexts = (lang: string, key: string) => (isVisitorLang(lang) ? template(lang, key as VisitorKey) : undefined);

describe('the clip tool', () => {
  beforeAll(async () => {
    for (const lang of VISITOR_LANGS) await loadLanguage(lang);
  });

  it('every voice says every letter and every word', () => {
    for (const voice of Object.values(VOICES)) {
      for (const l of LETTERS) expect(voice.letters[l], `${voice.espeak} letter ${l}`).toBeTruthy();
      for (const w of Object.values(voice.words)) expect(w).toBeTruthy();
    }
  });

  it('says numbers as digits, letters by their names, words from the voice and texts from the app', () => {
    expect(speechJob('ar/42')).toEqual({ name: 'ar/42', lang: 'ar', text: '42' });
    expect(speechJob('ar/letter-b').text).toBe('بِي');
    expect(speechJob('en/letter-b').text).toBe('B');
    expect(speechJob('en/counter').text).toBe('please go to counter');
    expect(speechJob('en/kiosk.idle.title', kioskTexts).text).toBe(dictionaries.en['kiosk.idle.title'].replaceAll('…', '.'));
  });

  it('refuses what it cannot say: an unknown language or key, a text with placeholders', () => {
    expect(() => speechJob('xx/42')).toThrow(/not a speech clip/);
    expect(() => speechJob('en/kiosk.idle.title')).toThrow(/no text/);
    expect(() => speechJob('en/kiosk.idle.text', kioskTexts)).toThrow(/placeholders/);
  });

  it("plans every clip of the display's set (277) and the kiosk's, the chime as a sound", () => {
    const display = planClips({ dir: '/nonexistent', names: displayClips() });
    expect(display).toHaveLength(277);
    expect(display.filter((c) => 'sound' in c).map((c) => c.name)).toEqual(['chime']);
    expect(planClips({ dir: '/nonexistent', names: kioskClips(), texts: kioskTexts })).toHaveLength(kioskClips().length);
    // Every visitor language with an espeak-ng voice is spoken at the kiosk; Tagalog (none) is not.
    const kioskLangs = new Set(kioskClips().map((n) => n.split('/')[0]));
    expect([...kioskLangs].sort()).toEqual(['ar', 'bn', 'en', 'hi', 'ml', 'ta', 'ur']);
    expect(speechJob('ur/kiosk.welcome', kioskTexts).text).toBe('خوش آمدید');
  });
});
