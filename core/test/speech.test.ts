import { describe, expect, it } from 'vitest';
import { numberClips, spokenNumberClipNames, ticketClips } from '../src/speech';

describe('spoken numbers and ticket codes', () => {
  it('says whole numbers from the 0–99 and hundreds clips', () => {
    expect(numberClips('en', 7)).toEqual(['en/7']);
    expect(numberClips('ar', 300)).toEqual(['ar/300']);
    expect(numberClips('en', 142)).toEqual(['en/100', 'en/and', 'en/42']);
    expect(numberClips('en', 1000)).toEqual([]);
    expect(numberClips('en', -1)).toEqual([]);
  });

  it('says a ticket code as its letter and a whole number, anything else spelled out', () => {
    expect(ticketClips('ar', 'A-042')).toEqual(['ar/letter-a', 'ar/42']);
    expect(ticketClips('en', 'b-904')).toEqual(['en/letter-b', 'en/900', 'en/and', 'en/4']);
    expect(ticketClips('en', 'AB1')).toEqual(['en/letter-a', 'en/letter-b', 'en/1']);
  });

  it('every clip it can ask for is in the generated set', () => {
    const names = new Set(spokenNumberClipNames('en'));
    for (let n = 0; n < 1000; n++) for (const c of numberClips('en', n)) expect(names.has(c)).toBe(true);
    for (const l of 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') for (const c of ticketClips('en', `${l}-999`)) expect(names.has(c)).toBe(true);
  });
});
