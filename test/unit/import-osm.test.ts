import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { importOsm, centroid, osmIdOf, isOsmCollection, TAG_RULES } from '../../src/data/import/osm';
import { detectFormat, importText } from '../../src/data/import';
import { validateNetworks, validateTerritories } from '../../src/data/validate';
import { formatIssue } from '../../src/data/issue-text';
import { checkOpeningHours } from '../../src/data/opening-hours';
import { createTranslator } from '../../src/i18n';
import { nodeAdmin } from '../../scripts/admin-files';

const en = createTranslator('en');
const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
const territories = validateTerritories(JSON.parse(fixture('territories.json')), 'territories.json').valid;
const networks = validateNetworks(JSON.parse(fixture('networks.json')), 'networks.json').valid;
const sample = fixture('osm-sample.geojson');
// With the administrative map, as the app and npm run import read: places anywhere in France are kept.
const admin = await nodeAdmin(['29', '38', '75']);
const options = { file: 'osm-sample.geojson', territories, networks, checkOpeningHours, admin };

describe('importOsm on an Overpass turbo export (synthetic fixture)', () => {
  const result = importText(sample, options);
  const byOsmId = (osmId: string) =>
    result.features.find((f) => f.properties.source?.includes(`OpenStreetMap ${osmId},`));

  test('is recognised as OSM data, not as our GeoJSON', () => {
    expect(detectFormat('export.geojson', sample).format).toBe('osm-geojson');
    expect(isOsmCollection(JSON.parse(sample))).toBe(true);
    expect(
      isOsmCollection({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { id: 'brest-x' } }] }),
    ).toBe(false);
  });

  test('counts what it read, imported and rejected, by reason', () => {
    expect(result.summary).toEqual({
      file: 'osm-sample.geojson',
      format: 'osm-geojson',
      read: 8,
      imported: 6,
      rejected: 2,
      rejectedByReason: {
        'fieldMissing:category': 1,
        'fieldMissing:postcode': 1,
        'fieldMissing:roles': 1,
        'fieldMissing:themes': 1,
      },
      warningsByReason: { 'openingHoursInvalid:opening_hours': 1, 'urlScheme:url': 1 },
      warnings: 2,
      duplicates: 0,
    });
  });

  test('reports each rejected feature with its reason', () => {
    const errors = result.issues.filter((i) => i.severity === 'error');
    expect(errors.slice(0, 4).map((i) => formatIssue(i, en))).toEqual([
      'osm-sample.geojson #2 (maison-de-quartier-d-essai-fictive-node-1003): missing required field "postcode"',
      'osm-sample.geojson #3 (cafe-d-essai-fictif-node-1004): missing required field "category"',
      'osm-sample.geojson #3 (cafe-d-essai-fictif-node-1004): missing required field "roles"',
      'osm-sample.geojson #3 (cafe-d-essai-fictif-node-1004): missing required field "themes"',
    ]);
    expect(errors).toHaveLength(4);
  });

  test('maps tags to our schema and keeps the OSM id and opening hours', () => {
    expect(byOsmId('node/1001')).toEqual({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [-4.49, 48.39] },
      properties: {
        id: 'hackerspace-d-essai-fictif-node-1001',
        name: "Hackerspace d'essai (fictif)",
        category: 'fablab',
        roles: ['opportunity-space'],
        themes: ['making'],
        address: "1 Rue de l'Exemple",
        postcode: '29200',
        commune: 'Brest',
        insee: '29019',
        url: 'https://hackerspace.example.org/',
        description: '-- lieu fictif pour les tests --',
        opening_hours: 'We 18:00-22:00',
        source: 'https://www.openstreetmap.org/node/1001 (OpenStreetMap node/1001, ODbL)',
        updated: '2025-03-14',
      },
    });
  });

  test('places a way at the centroid of its polygon and adds themes from internet_access', () => {
    const library = byOsmId('way/2002')!;
    expect(library.geometry.coordinates[0]).toBeCloseTo(5.721, 7);
    expect(library.geometry.coordinates[1]).toBeCloseTo(45.181, 7);
    expect(library.properties).toMatchObject({
      category: 'library',
      roles: ['public-service'],
      themes: ['training', 'digital-inclusion'],
      wheelchair: 'yes',
    });
  });

  test('places a multipolygon relation at the area-weighted centroid of its parts', () => {
    const coworking = byOsmId('relation/3006')!;
    expect(coworking.geometry.coordinates[0]).toBeCloseTo(-4.4685, 7);
    expect(coworking.geometry.coordinates[1]).toBeCloseTo(48.3805, 7);
    expect(coworking.properties.category).toBe('third-place');
  });

  test('drops invalid hours and a non-web site with a warning, and keeps the place', () => {
    const papi = byOsmId('node/1005')!;
    expect(papi.properties).toMatchObject({ category: 'internet-access', themes: ['digital-inclusion'] });
    expect(papi.properties.opening_hours).toBeUndefined();
    expect(papi.properties.url).toBeUndefined();
  });

  test('reads the older nested layout ({ type, id, tags, meta })', () => {
    expect(byOsmId('node/1008')!.properties).toMatchObject({
      category: 'library',
      updated: '2024-06-01',
      address: "8 Rue de l'Ancien Format",
    });
  });

  test('keeps a place outside Brest and Grenoble: anywhere in France is imported, with its commune', () => {
    expect(byOsmId('node/1007')?.properties).toMatchObject({ commune: 'Paris', insee: '75056' });
    // Without the administrative map, the place is kept all the same, only unchecked.
    const bare = importOsm(JSON.parse(sample), { file: 'osm-sample.geojson', territories, networks });
    expect(bare.summary.imported).toBe(6);
  });
});

describe('osmIdOf', () => {
  test.each([
    [{ id: 'node/1', properties: {} }, 'node/1'],
    [{ properties: { '@id': 'way/22' } }, 'way/22'],
    [{ properties: { type: 'relation', id: 3 } }, 'relation/3'],
    [{ id: 'brest-x', properties: { id: 'brest-x' } }, undefined],
  ])('%j → %s', (feature, id) => {
    expect(osmIdOf(feature)).toBe(id);
  });
});

describe('centroid', () => {
  test('of a point is the point; of a line, the mean of its vertices', () => {
    expect(centroid({ type: 'Point', coordinates: [1, 2] })).toEqual([1, 2]);
    expect(
      centroid({
        type: 'LineString',
        coordinates: [
          [0, 0],
          [2, 4],
        ],
      }),
    ).toEqual([1, 2]);
  });

  test('of an L-shaped polygon is area-weighted, whatever the ring orientation', () => {
    const ring = [
      [0, 0],
      [2, 0],
      [2, 1],
      [1, 1],
      [1, 2],
      [0, 2],
      [0, 0],
    ];
    for (const r of [ring, [...ring].reverse()]) {
      const [x, y] = centroid({ type: 'Polygon', coordinates: [r] })!;
      expect(x).toBeCloseTo(5 / 6, 7);
      expect(y).toBeCloseTo(5 / 6, 7);
    }
  });

  test('of a small building far from 0,0 is not lost to rounding', () => {
    const [x, y] = centroid({
      type: 'Polygon',
      coordinates: [
        [
          [5.7200001, 45.1800001],
          [5.7200003, 45.1800001],
          [5.7200003, 45.1800003],
          [5.7200001, 45.1800003],
          [5.7200001, 45.1800001],
        ],
      ],
    })!;
    expect(x).toBeCloseTo(5.7200002, 7);
    expect(y).toBeCloseTo(45.1800002, 7);
  });

  test('of nothing is undefined', () => {
    expect(centroid(null)).toBeUndefined();
    expect(centroid({ type: 'Polygon', coordinates: [] })).toBeUndefined();
  });
});

describe('tag rules', () => {
  test('are documented in MAPPING.md', () => {
    const doc = readFileSync(new URL('../../src/data/import/MAPPING.md', import.meta.url), 'utf8');
    for (const rule of TAG_RULES) {
      for (const [key, value] of Object.entries(rule.tags)) {
        const values = typeof value === 'string' ? [value] : value;
        for (const v of values)
          expect(doc).toContain(`${key}=${v}`.replace(/^internet_access=wired$/, 'internet_access=terminal or wired'));
      }
      expect(doc).toContain(`| ${rule.category} |`);
    }
  });
});
