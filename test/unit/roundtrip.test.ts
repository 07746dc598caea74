import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { toGeoJSON } from '../../src/export/geojson';
import { toCsv } from '../../src/export/csv';
import { importText } from '../../src/data/import';
import { validateActors, validateNetworks, validateTerritories } from '../../src/data/validate';
import { checkOpeningHours } from '../../src/data/opening-hours';
import { CATEGORIES, ROLES, THEMES, WHEELCHAIR } from '../../src/core/vocab';
import { GENERATOR } from '../../src/export/provenance';
import type { ActorFeature } from '../../src/core/types';
import type { Provenance } from '../../src/export/provenance';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
const territories = validateTerritories(JSON.parse(fixture('territories.json')), 'territories.json').valid;
const networks = validateNetworks(JSON.parse(fixture('networks.json')), 'networks.json').valid;
const context = { territories, networks, checkOpeningHours };

const provenance: Provenance = {
  permalink: './?q=%C3%A9',
  filtersInWords: { fr: 'texte « é »', en: 'text "é"' },
  date: '2026-01-02',
  actors: 0,
  sources: [],
  licence: 'ODbL-1.0',
  generator: GENERATOR,
};

const nonEmptySubset = <T extends string>(values: readonly T[]) => fc.subarray([...values], { minLength: 1 });

/** Starts and pieces that trouble CSV and spreadsheets: formula characters, quotes, separators, line breaks. */
const awkward = fc.constantFrom(
  '',
  '=',
  '-',
  '+',
  '@',
  "'",
  "'=",
  "''-",
  '"',
  '""',
  ',',
  ';',
  '|',
  '\n',
  '\r\n',
  '\r',
  '\t',
  ' ',
  'é',
  'Œ',
  '😀',
  '\u2028',
  '\u00a0',
  '=SUM(A1:A2)',
  '-1',
  '@home',
);
const piece = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 6 }),
  awkward,
);

/** A text as the validator keeps it: trimmed (the validator trims every value). */
const text = (min: 0 | 1) =>
  fc
    .array(piece, { minLength: 1, maxLength: 6 })
    .map((parts) => parts.join('').trim())
    .filter((s) => s.length >= min);
const optionalText = fc.option(text(1), { nil: undefined });

const slug = fc.stringMatching(/^[a-z0-9]{1,6}(-[a-z0-9]{1,6}){0,2}$/);
const email = fc
  .tuple(
    fc.constantFrom('', '=', '-', '+', "'"),
    fc.stringMatching(/^[a-z0-9._]{1,8}$/),
    fc.stringMatching(/^[a-z0-9]{1,8}$/),
  )
  .map(([start, local, domain]) => `${start}${local}@${domain}.fr`);
const url = fc
  .tuple(fc.constantFrom('http', 'https', 'HTTPS'), fc.stringMatching(/^[a-z0-9.\-/?=&%,;|"']{0,20}$/))
  .map(([s, rest]) => `${s}://example.org/${rest}`);
const hours = fc.constantFrom(
  'Mo-Fr 09:00-17:00',
  'Tu,Th 14:00-18:00; Sa 10:00-12:00',
  '24/7',
  'We 18:00-22:00; PH off',
);
const day = fc.date({
  min: new Date('2000-01-01T00:00:00Z'),
  max: new Date('2030-12-31T00:00:00Z'),
  noInvalidDate: true,
});
const updated = fc.oneof(
  day.map((d) => d.toISOString().slice(0, 10)),
  day.map((d) => d.toISOString()),
);
const coordinate = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });

const position: fc.Arbitrary<[string, number, number]> = fc.oneof(
  fc.tuple(fc.constant('brest'), coordinate(-4.77, -4.26), coordinate(48.33, 48.5)),
  fc.tuple(fc.constant('grenoble'), coordinate(5.55, 5.98), coordinate(45.03, 45.33)),
);

const actorWithoutId = fc.record({
  name: text(1),
  category: fc.constantFrom(...CATEGORIES),
  roles: nonEmptySubset(ROLES),
  themes: nonEmptySubset(THEMES),
  position,
  address: text(1),
  postcode: fc.oneof(fc.stringMatching(/^\d{5}$/), text(1)),
  commune: text(1),
  url: fc.option(url, { nil: undefined }),
  email: fc.option(email, { nil: undefined }),
  phone: optionalText,
  description: optionalText,
  opening_hours: fc.option(hours, { nil: undefined }),
  wheelchair: fc.option(fc.constantFrom(...WHEELCHAIR), { nil: undefined }),
  networks: fc.option(
    fc.subarray(
      networks.map((n) => n.id),
      { minLength: 1 },
    ),
    { nil: undefined },
  ),
  partnerPicks: fc.array(fc.nat(), { maxLength: 3 }),
  source: optionalText,
  updated: fc.option(updated, { nil: undefined }),
});

/** Random valid actors, canonicalised by the validator (the form every export starts from). */
const actors: fc.Arbitrary<ActorFeature[]> = fc
  .uniqueArray(slug, { minLength: 1, maxLength: 6 })
  .chain((ids) =>
    fc.tuple(fc.constant(ids), fc.array(actorWithoutId, { minLength: ids.length, maxLength: ids.length })),
  )
  .map(([ids, drafts]) => {
    const features = drafts.map((d, i) => {
      const {
        position: [territory, lon, lat],
        partnerPicks,
        ...rest
      } = d;
      const others = ids.filter((id) => id !== ids[i]);
      const partners = others.length === 0 ? [] : [...new Set(partnerPicks.map((n) => others[n % others.length]!))];
      const properties: Record<string, unknown> = { id: ids[i], territory, ...rest };
      if (partners.length > 0) properties.partners = partners;
      for (const key of Object.keys(properties)) if (properties[key] === undefined) delete properties[key];
      return { type: 'Feature', geometry: { type: 'Point', coordinates: [lon, lat] }, properties };
    });
    const result = validateActors({ type: 'FeatureCollection', features }, { file: 'generated', ...context });
    if (result.valid.length !== features.length)
      throw new Error(`generator made an invalid actor: ${JSON.stringify(result.issues)}`);
    return result.valid;
  });

const errorsOf = (result: ReturnType<typeof importText>) => result.issues.filter((i) => i.severity === 'error');

describe('round trips (property-based)', () => {
  test('GeoJSON: export → import → export gives the same bytes and the same actors', () => {
    fc.assert(
      fc.property(actors, (list) => {
        const first = toGeoJSON(list, provenance);
        const back = importText(first, { file: 'export.geojson', ...context });
        expect(back.summary.format).toBe('archipel-geojson');
        expect(errorsOf(back)).toEqual([]);
        expect(back.features).toEqual(list);
        expect(toGeoJSON(back.features, provenance)).toBe(first);
      }),
      { numRuns: 300 },
    );
  });

  test('CSV: export → import → export gives the same bytes and the same actors', () => {
    fc.assert(
      fc.property(actors, (list) => {
        const first = toCsv(list);
        const back = importText(first, { file: 'export.csv', ...context });
        expect(back.summary.format).toBe('archipel-csv');
        expect(errorsOf(back)).toEqual([]);
        expect(back.features).toEqual(list);
        expect(toCsv(back.features)).toBe(first);
      }),
      { numRuns: 300 },
    );
  });

  test('CSV survives being saved as UTF-8 bytes and read back', () => {
    fc.assert(
      fc.property(actors, (list) => {
        const bytes = Buffer.from(toCsv(list), 'utf8');
        const back = importText(bytes.toString('utf8'), { file: 'export.csv', ...context });
        expect(back.features).toEqual(list);
      }),
      { numRuns: 100 },
    );
  });
});
