import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { decodeUrl, encodeUrl, DEFAULT_URL_STATE, isAllowedDataUrl, VIEWS } from '../../src/core/url';
import type { UrlState } from '../../src/core/url';
import { CATEGORIES, NEEDS, ROLES, THEMES } from '../../src/core/vocab';
import { PANELS } from '../../src/core/embed-options';

const subset = <T extends string>(values: readonly T[]) =>
  fc.subarray([...values]).map((picked) => values.filter((v) => picked.includes(v)));
const rounded = (min: number, max: number, digits: number) =>
  fc.integer({ min: Math.round(min * 10 ** digits), max: Math.round(max * 10 ** digits) }).map((n) => n / 10 ** digits);
const slug = fc.stringMatching(/^[a-z0-9]+(-[a-z0-9]+){0,3}$/);

const urlState: fc.Arbitrary<UrlState> = fc.record({
  filters: fc.record({
    categories: subset(CATEGORIES),
    roles: subset(ROLES),
    themes: subset(THEMES),
    match: fc.constantFrom('any' as const, 'all' as const),
    q: fc.string({ maxLength: 40 }).map((s) => s.trim()),
    territory: fc.option(slug, { nil: null }),
  }),
  map: fc.option(fc.record({ zoom: rounded(0, 22, 2), lat: rounded(-85, 85, 5), lon: rounded(-180, 180, 5) }), {
    nil: null,
  }),
  selected: fc.option(slug, { nil: null }),
  links: fc.boolean(),
  view: fc.constantFrom(...VIEWS),
  near: fc.option(fc.record({ lat: rounded(-90, 90, 5), lon: rounded(-180, 180, 5) }), { nil: null }),
  radius: fc.option(fc.constantFrom(0.5, 1, 2, 5, 10, 20), { nil: null }),
  open: fc.option(
    fc.constantFrom(
      'now',
      'today',
      'week',
      '2026-12-01T14:30',
      '2027-07-14T09:00',
      '2026-12-07',
      '2026-12-07..2026-12-13',
    ),
    { nil: null },
  ),
  unknownHours: fc.boolean(),
  need: fc.option(fc.constantFrom(...NEEDS), { nil: null }),
  check: fc.constantFrom(null, '1' as const, 'stale' as const, 'incomplete' as const),
  stale: fc.option(fc.constantFrom(0.5, 1, 2, 3, 10), { nil: null }),
  suggest: fc.option(fc.constantFrom('new', 'brest-x'), { nil: null }),
  lang: fc.constantFrom(null, 'fr' as const, 'en' as const),
  embed: fc.boolean(),
  panels: fc.option(subset(PANELS), { nil: null }),
  color: fc.option(fc.stringMatching(/^[0-9a-f]{6}$/), { nil: null }),
  data: fc.option(fc.constantFrom('https://example.org/a.geojson', 'data/other.csv', '/x/y.json?v=2&z=1'), {
    nil: null,
  }),
});

describe('URL codec', () => {
  test('state → URL → state is the identity, for random states', () => {
    fc.assert(
      fc.property(urlState, (state) => {
        const { state: back, problems } = decodeUrl(encodeUrl(state));
        expect(problems).toEqual([]);
        expect(back).toEqual(state);
      }),
      { numRuns: 500 },
    );
  });

  test('the default state is the empty query', () => {
    expect(encodeUrl(DEFAULT_URL_STATE)).toBe('');
    expect(decodeUrl('').state).toEqual(DEFAULT_URL_STATE);
  });

  test('writes readable, stable links', () => {
    const { state } = decodeUrl('?theme=training&category=library,fablab&map=12.5/48.39/-4.49');
    expect(encodeUrl(state)).toBe('category=fablab,library&theme=training&map=12.5/48.39/-4.49');
  });

  test('reports unknown or invalid values and keeps the rest', () => {
    const { state, problems } = decodeUrl(
      '?theme=training,fromation&map=abc&view=table&colour=red&category=library&near=95,2',
    );
    expect(state.filters.themes).toEqual(['training']);
    expect(state.filters.categories).toEqual(['library']);
    expect(state.map).toBeNull();
    expect(state.view).toBe('map');
    expect(state.near).toBeNull();
    expect(problems).toEqual([
      { param: 'theme', value: 'fromation' },
      { param: 'map', value: 'abc' },
      { param: 'view', value: 'table' },
      { param: 'colour', value: 'red' },
      { param: 'near', value: '95,2' },
    ]);
  });

  test('never throws on garbage', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        expect(() => decodeUrl(s)).not.toThrow();
      }),
      { numRuns: 500 },
    );
  });

  test('open= takes now or a real Paris time', () => {
    expect(decodeUrl('open=now').state.open).toBe('now');
    expect(decodeUrl('open=2026-12-01T14:30').state.open).toBe('2026-12-01T14:30');
    expect(decodeUrl('open=2026-02-30T14:30').problems).toEqual([{ param: 'open', value: '2026-02-30T14:30' }]);
    expect(decodeUrl('radius=0').problems).toEqual([{ param: 'radius', value: '0' }]);
  });

  test('data= accepts web addresses and paths, never another scheme', () => {
    expect(isAllowedDataUrl('https://ville.fr/acteurs.geojson')).toBe(true);
    expect(isAllowedDataUrl('data/extra.csv')).toBe(true);
    expect(isAllowedDataUrl('javascript:alert(1)')).toBe(false);
    expect(isAllowedDataUrl('data:text/plain,x')).toBe(false);
    expect(isAllowedDataUrl('//evil.example/x')).toBe(false);
  });
});
