import { describe, expect, it } from 'vitest';
import {
  BRANCHES,
  CARD_SERVICES,
  BIRTH_CERTIFICATE,
  ERROR_MESSAGES,
  TRANSLATED_BRANCH_IDS,
  TRANSLATED_SERVICE_CODES,
  VISITOR_LANGUAGES,
  VISITOR_LANGS,
  dictionaries,
  dirOf,
  isLanguageLoaded,
  isVisitorLang,
  loadLanguage,
  pick,
  t,
  template,
  type VisitorKey,
  type VisitorLang,
} from '../src/index';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const others = VISITOR_LANGS.filter((l) => l !== 'ar' && l !== 'en');

describe('visitor languages', () => {
  it('lists the eight languages, each named in itself, Urdu and Arabic right to left', () => {
    expect(VISITOR_LANGUAGES.map((l) => `${l.code}:${l.name}`)).toEqual([
      'ar:العربية',
      'en:English',
      'ur:اردو',
      'hi:हिन्दी',
      'ml:മലയാളം',
      'bn:বাংলা',
      'ta:தமிழ்',
      'tl:Tagalog',
    ]);
    expect(VISITOR_LANGS.filter((l) => dirOf(l) === 'rtl')).toEqual(['ar', 'ur']);
    expect(isVisitorLang('ur')).toBe(true);
    expect(isVisitorLang('fr')).toBe(false);
  });

  it('loads a language only when asked, and t() refuses one not loaded', async () => {
    expect(isLanguageLoaded('ar') && isLanguageLoaded('en')).toBe(true);
    expect(isLanguageLoaded('ml')).toBe(false);
    expect(() => t('ml', 'kiosk.welcome')).toThrow(/not loaded/);
    await loadLanguage('ml');
    expect(t('ml', 'kiosk.welcome')).toBe('സ്വാഗതം');
  });

  it.each(others)('%s: every visitor key, none blank, the same placeholders as English, no Arabic-only digits', async (lang) => {
    await loadLanguage(lang);
    const keys = Object.keys(await import(`../src/i18n/langs/${lang}.ts`).then((m) => m.default)) as VisitorKey[];
    // The English visitor keys, as the Arabic/English dictionaries hold them.
    for (const key of keys) {
      const text = template(lang, key);
      expect(text.trim(), `${lang} ${key}`).not.toBe('');
      expect(placeholders(text), `${lang} ${key}`).toEqual(placeholders(dictionaries.en[key]));
      // One digit style everywhere (kiosk checklist 13): Western digits only.
      expect(text, `${lang} ${key}`).not.toMatch(/[\u0660-\u0669\u06F0-\u06F9\u0966-\u096F\u09E6-\u09EF\u0BE6-\u0BEF\u0D66-\u0D6F]/);
    }
    expect(keys.length).toBeGreaterThan(170);
    expect(t(lang, 'kiosk.minutes', { n: 7 })).toContain('7');
  });

  it('translates every seed service, branch and visitor error', async () => {
    expect([...CARD_SERVICES, BIRTH_CERTIFICATE].map((s) => s.code).sort()).toEqual([...TRANSLATED_SERVICE_CODES].sort());
    expect(BRANCHES.map((b) => b.branch.id).sort()).toEqual([...TRANSLATED_BRANCH_IDS].sort());
    await loadLanguage('ur');
    const renewal = CARD_SERVICES.find((s) => s.code === 'renewal')!;
    expect(pick(renewal.name, 'ur')).toBe('کارڈ کی تجدید');
    expect(pick(renewal.requirements, 'ur')).toContain('تصویر');
    expect(pick(renewal.name, 'ar')).toBe(renewal.name.ar);
    expect(pick(ERROR_MESSAGES.SERVICE_FULL, 'ur')).toBe(t('ur', 'err.SERVICE_FULL'));
    expect(pick(BRANCHES[1]!.branch.name, 'ur')).toBe('سیف مال');
    // A text the build has no translation for (a service the centre added later) reads in English.
    expect(pick({ ar: 'خدمة جديدة', en: 'A new service' }, 'ur')).toBe('A new service');
  });

  it('keeps the seed rules in every language: valid card, under four, non-Bahraini conditions, photo', async () => {
    for (const lang of others as VisitorLang[]) {
      await loadLanguage(lang);
      for (const key of ['kiosk.advice.valid', 'kiosk.advice.online', 'svc.new-card.req', 'svc.renewal.req'] as const) {
        expect(t(lang, key)).not.toBe(t('en', key));
      }
    }
  });
});
