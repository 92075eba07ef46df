import { describe, expect, it } from 'vitest';
import { t, waitWords } from '../src/i18n/index';

describe('waitWords (defect 13)', () => {
  it('nobody ahead reads "you are next", even when the estimate is unknown', () => {
    expect(waitWords(1, null)).toEqual({ key: 'wait.next' });
    expect(waitWords(1, 4)).toEqual({ key: 'wait.next' });
    expect(t('en', waitWords(1, null).key)).toBe('You are next');
    expect(t('ar', waitWords(1, null).key)).toBe('أنت التالي');
  });

  it('people ahead: minutes in the right Arabic number form, or "not known yet"', () => {
    expect(waitWords(3, null)).toEqual({ key: 'wait.unknown' });
    expect(waitWords(3, 0)).toEqual({ key: 'wait.now' });
    expect(waitWords(3, 1)).toEqual({ key: 'wait.1' });
    expect(waitWords(3, 2)).toEqual({ key: 'wait.2' });
    expect(waitWords(3, 7)).toEqual({ key: 'wait.few', params: { min: 7 } });
    expect(t('ar', 'wait.many', { min: 25 })).toBe('حوالي 25 دقيقة');
  });

  it('a ticket not waiting (null position) is told by its estimate alone', () => {
    expect(waitWords(null, null)).toEqual({ key: 'wait.unknown' });
  });
});
