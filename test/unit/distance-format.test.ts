import { describe, expect, test } from 'vitest';
import { formatDistance } from '../../src/data/format';

/** The formatted text with its no-break spaces (narrow or not) written as plain ones. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('formatDistance', () => {
  test('metres below 1 km, to 10 m', () => {
    expect(plain(formatDistance(0.35, 'fr'))).toBe('350 m');
    expect(plain(formatDistance(0.3449, 'en'))).toBe('340 m');
    expect(plain(formatDistance(0, 'fr'))).toBe('0 m');
  });

  test('one decimal below 10 km, with the language’s separator', () => {
    expect(plain(formatDistance(2.4, 'fr'))).toBe('2,4 km');
    expect(plain(formatDistance(2.4, 'en'))).toBe('2.4 km');
    expect(plain(formatDistance(0.996, 'fr'))).toBe('1,0 km');
  });

  test('whole kilometres from 10 km', () => {
    expect(plain(formatDistance(12.3, 'fr'))).toBe('12 km');
    expect(plain(formatDistance(9.96, 'en'))).toBe('10 km');
    expect(plain(formatDistance(1234.5, 'en'))).toBe('1,235 km');
  });

  test('number and unit never wrap apart', () => {
    for (const km of [0.35, 2.4, 12]) {
      for (const lang of ['fr', 'en'] as const) expect(formatDistance(km, lang)).not.toContain(' ');
    }
  });

  test('no text for a distance that is not one', () => {
    expect(formatDistance(Number.NaN, 'fr')).toBe('');
    expect(formatDistance(-1, 'fr')).toBe('');
    expect(formatDistance(Infinity, 'en')).toBe('');
  });
});
