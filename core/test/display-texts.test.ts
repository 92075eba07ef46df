import { describe, expect, it } from 'vitest';
import { dictionaries, t as fullT } from '../src/i18n/index';
import { dirOf, t, template, type DisplayKey } from '../src/i18n/for-display';
import { common } from '../src/i18n/common';
import { display } from '../src/i18n/display';
import { fill } from '../src/i18n/translator';

const displayKeys = [...Object.keys(common.en), ...Object.keys(display.en)];

describe("the display's own texts (@dawr/core/i18n/display)", () => {
  it('hold every display and common text, in both languages, as the full dictionaries have them', () => {
    expect(displayKeys.length).toBeGreaterThan(15);
    for (const lang of ['ar', 'en'] as const) {
      for (const key of displayKeys) expect(template(lang, key as DisplayKey), `${lang} ${key}`).toBe(dictionaries[lang][key as keyof typeof dictionaries.en]);
    }
  });

  it('fill placeholders as the full t does', () => {
    const params = { opens: '08:00', closes: '14:00' };
    expect(t('ar', 'display.hours', params)).toBe(fullT('ar', 'display.hours', params));
    expect(t('en', 'display.hours', params)).toBe('Opening hours 08:00 to 14:00');
    expect(fill('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });

  it('carry no other screen’s texts', () => {
    // @ts-expect-error: a kiosk key is not a display key (a build error in the display app)
    expect(template('en', 'kiosk.welcome')).toBeUndefined();
  });

  it('set the direction by language', () => {
    expect(dirOf('ar')).toBe('rtl');
    expect(dirOf('en')).toBe('ltr');
  });
});
