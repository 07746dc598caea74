import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { validateActors, validateNetworks, validateTerritories } from '../../src/data/validate';
import { formatIssue } from '../../src/data/issue-text';
import type { Issue } from '../../src/data/validate';
import { buildDataset } from '../../src/data/load';
import { checkOpeningHours } from '../../src/data/opening-hours';
import { createTranslator } from '../../src/i18n';
import { actorFixture } from './fixtures';
import { nodeAdmin } from '../../scripts/admin-files';

const en = createTranslator('en');
const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
const territories = validateTerritories(JSON.parse(fixture('territories.json')), 'territories.json').valid;
const networks = validateNetworks(JSON.parse(fixture('networks.json')), 'networks.json').valid;
// With the administrative map (public/admin) of the départements the tests name: as the app and npm run validate check.
const admin = await nodeAdmin(['29', '38', '84', '974']);
const ctx = { file: 'actors.geojson', territories, networks, checkOpeningHours, admin };

function actor(
  overrides: Record<string, unknown> = {},
  geometry: unknown = { type: 'Point', coordinates: [-4.49, 48.39] },
) {
  // Any value may be given, invalid ones included; undefined removes the property.
  const properties: Record<string, unknown> = { ...actorFixture().properties };
  for (const [k, v] of Object.entries(overrides)) {
    if (v === undefined) delete properties[k];
    else properties[k] = v;
  }
  return { type: 'Feature', geometry, properties };
}

/** Validates one feature and returns the messages, in English. */
function messagesFor(feature: unknown): string[] {
  const result = validateActors({ type: 'FeatureCollection', features: [feature] }, ctx);
  return result.issues.filter((i) => i.severity === 'error').map((i) => formatIssue(i, en));
}

describe('validateActors', () => {
  test('keeps a valid actor, with properties in schema order', () => {
    const input = actor({ source: 'https://example.org', url: 'https://example.org/x', networks: ['chatons'] });
    const result = validateActors({ type: 'FeatureCollection', features: [input] }, ctx);
    expect(result.issues).toEqual([]);
    expect(result.valid).toHaveLength(1);
    expect(Object.keys(result.valid[0]!.properties)).toEqual([
      'id',
      'name',
      'category',
      'roles',
      'themes',
      'territory',
      'address',
      'postcode',
      'commune',
      // Resolved from postcode and commune by the administrative map.
      'insee',
      'url',
      'networks',
      'source',
    ]);
  });

  test('rejects what is not a FeatureCollection', () => {
    const result = validateActors([{ type: 'Feature' }], ctx);
    expect(result.valid).toEqual([]);
    expect(formatIssue(result.issues[0]!, en)).toBe('actors.geojson: not a GeoJSON FeatureCollection');
  });

  test.each([
    ['unknown category', actor({ category: 'fab-lab' }), 'actors.geojson #0 (brest-test): unknown category "fab-lab"'],
    ['unknown theme', actor({ themes: ['fromation'] }), 'actors.geojson #0 (brest-test): unknown theme "fromation"'],
    ['unknown role', actor({ roles: ['mayor'] }), 'actors.geojson #0 (brest-test): unknown role "mayor"'],
    ['empty themes', actor({ themes: [] }), 'actors.geojson #0 (brest-test): "themes" must not be empty'],
    [
      'unknown territory',
      actor({ territory: 'quimper' }),
      'actors.geojson #0 (brest-test): territory "quimper" matches no known entry',
    ],
    [
      'unknown network',
      actor({ networks: ['nope'] }),
      'actors.geojson #0 (brest-test): network "nope" matches no known entry',
    ],
    [
      'unknown partner',
      actor({ partners: ['brest-ghost'] }),
      'actors.geojson #0 (brest-test): partner "brest-ghost" matches no known entry',
    ],
    ['missing name', actor({ name: undefined }), 'actors.geojson #0 (brest-test): missing required field "name"'],
    ['empty commune', actor({ commune: '  ' }), 'actors.geojson #0 (brest-test): missing required field "commune"'],
    ['missing id', actor({ id: undefined }), 'actors.geojson #0: missing required field "id"'],
    [
      'bad id',
      actor({ id: 'Brest Test' }),
      'actors.geojson #0 (Brest Test): invalid id "Brest Test" (lower-case letters, digits and hyphens)',
    ],
    [
      'javascript: url',
      actor({ url: 'javascript:alert(1)' }),
      'actors.geojson #0 (brest-test): link "javascript:alert(1)" refused: only http:// and https:// are accepted',
    ],
    ['wrong type', actor({ name: 42 }), 'actors.geojson #0 (brest-test): "name" must be a text'],
    ['bad wheelchair', actor({ wheelchair: 'maybe' }), 'actors.geojson #0 (brest-test): unknown wheelchair "maybe"'],
    [
      'bad date',
      actor({ updated: '28/11/2026' }),
      'actors.geojson #0 (brest-test): invalid date "28/11/2026" (YYYY-MM-DD expected)',
    ],
    [
      'huge name',
      actor({ name: 'x'.repeat(10_000) }),
      'actors.geojson #0 (brest-test): "name" is longer than 300 characters',
    ],
    [
      'not a Point',
      actor(
        {},
        {
          type: 'LineString',
          coordinates: [
            [-4.49, 48.39],
            [-4.5, 48.4],
          ],
        },
      ),
      'actors.geojson #0 (brest-test): geometry is a LineString, a Point was expected',
    ],
    ['no geometry', actor({}, null), 'actors.geojson #0 (brest-test): missing geometry'],
    [
      'NaN coordinates',
      actor({}, { type: 'Point', coordinates: ['x', 48] }),
      'actors.geojson #0 (brest-test): invalid coordinates (two numbers [longitude, latitude] expected)',
    ],
    [
      'out of range',
      actor({}, { type: 'Point', coordinates: [-4.49, 148.39] }),
      'actors.geojson #0 (brest-test): coordinates out of range [-4.49, 148.39]',
    ],
    [
      '[0,0]',
      actor({}, { type: 'Point', coordinates: [0, 0] }),
      'actors.geojson #0 (brest-test): coordinates [0, 0]: missing position',
    ],
    [
      'swapped',
      actor({}, { type: 'Point', coordinates: [48.39, -4.49] }),
      'actors.geojson #0 (brest-test): longitude and latitude swapped: [48.39, -4.49] falls in "Brest (29)" once swapped',
    ],
    [
      'far from its commune (Paris for Brest)',
      actor({}, { type: 'Point', coordinates: [2.35, 48.85] }),
      'actors.geojson #0 (brest-test): position is 505 km from Brest (29), its commune',
    ],
    [
      'far from its commune (Grenoble for Visan)',
      actor(
        { postcode: '84820', commune: 'Visan', territory: undefined },
        { type: 'Point', coordinates: [5.72, 45.19] },
      ),
      'actors.geojson #0 (brest-test): position is 115 km from Visan (84), its commune',
    ],
    [
      'in the sea',
      actor({}, { type: 'Point', coordinates: [-6.5, 47.5] }),
      'actors.geojson #0 (brest-test): position [-6.5, 47.5] is in the sea or outside France',
    ],
  ])('rejects %s', (_, feature, message) => {
    expect(messagesFor(feature)).toContain(message);
  });

  test('rejects invalid opening hours with the parser’s reason', () => {
    const [message] = messagesFor(actor({ opening_hours: 'Mo-Fr 25:00' }));
    expect(message).toMatch(/^actors\.geojson #0 \(brest-test\): invalid opening hours: /);
  });

  test('accepts valid opening hours, public holidays included', () => {
    expect(messagesFor(actor({ opening_hours: 'Tu,Th 14:00-18:00; Sa 10:00-12:00; PH off' }))).toEqual([]);
  });

  test('accepts a point just outside the bbox, within the tolerance', () => {
    expect(messagesFor(actor({}, { type: 'Point', coordinates: [-4.25, 48.4] }))).toEqual([]);
  });

  test('reports every problem of a feature, not just the first', () => {
    expect(messagesFor(actor({ category: 'x', themes: ['y'], url: 'ftp://z' }))).toHaveLength(3);
  });

  test('rejects the second of two features with one id, naming the first', () => {
    const result = validateActors({ type: 'FeatureCollection', features: [actor(), actor()] }, ctx);
    expect(result.valid).toHaveLength(1);
    expect(result.issues.map((i) => formatIssue(i, en))).toEqual([
      'actors.geojson #1 (brest-test): duplicate id "brest-test" (already at #0)',
    ]);
  });

  test('an id with spaces around it is read trimmed: no false duplicate, and partners can name it', () => {
    const spaced = actor({ id: ' brest-spaced ', name: 'Espacé' });
    const partner = actor({ id: 'brest-partner', partners: ['brest-spaced'] });
    const result = validateActors({ type: 'FeatureCollection', features: [actor(), spaced, partner] }, ctx);
    expect(result.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(result.valid.map((a) => a.properties.id)).toEqual(['brest-test', 'brest-spaced', 'brest-partner']);
    // A real duplicate once trimmed is still one.
    const twice = validateActors({ type: 'FeatureCollection', features: [actor(), actor({ id: ' brest-test' })] }, ctx);
    expect(twice.issues.map((i) => formatIssue(i, en))).toEqual([
      'actors.geojson #1 (brest-test): duplicate id "brest-test" (already at #0)',
    ]);
  });

  test('keeps every valid feature of a mixed file, and reports each rejected one with its index', () => {
    const result = validateActors(JSON.parse(fixture('bad-actors.geojson')), ctx);
    expect(result.read).toBe(16);
    expect(result.valid.map((a) => a.properties.id)).toEqual(['brest-actor-0']);
    const rejected = new Set(result.issues.filter((i) => i.severity === 'error').map((i) => i.index));
    expect([...rejected].sort((a, b) => a! - b!)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
  });

  test('warns about unknown properties and keeps the actor', () => {
    const result = validateActors({ type: 'FeatureCollection', features: [actor({ colour: 'red' })] }, ctx);
    expect(result.valid).toHaveLength(1);
    expect(result.issues.map((i: Issue) => [i.severity, formatIssue(i, en)])).toEqual([
      ['warning', 'actors.geojson #0 (brest-test): unknown property "colour" ignored'],
    ]);
  });

  test('messages exist in French too', () => {
    const fr = createTranslator('fr');
    const result = validateActors({ type: 'FeatureCollection', features: [actor({ themes: ['fromation'] })] }, ctx);
    expect(formatIssue(result.issues[0]!, fr)).toBe(
      'actors.geojson #0 (brest-test) : theme inconnu « fromation »'.replace(' :', ':'),
    );
  });
});

describe('validateNetworks and validateTerritories', () => {
  test('rejects an unknown scale, a bad seat and a dangling memberOf', () => {
    const result = validateNetworks(
      [
        { id: 'a', name: 'A', scale: 'galactic' },
        { id: 'b', name: 'B', scale: 'national', seat: [200, 0] },
        { id: 'c', name: 'C', scale: 'regional', memberOf: ['zz'] },
        { id: 'd', name: 'D', scale: 'international' },
      ],
      'networks.json',
    );
    expect(result.valid.map((n) => n.id)).toEqual(['d']);
    expect(result.issues.map((i) => formatIssue(i, en))).toEqual([
      'networks.json [0] (a): unknown scale "galactic"',
      'networks.json [1] (b): "seat" must be a [longitude, latitude] pair',
      'networks.json [2] (c): memberOf "zz" matches no known entry',
    ]);
  });

  test('rejects a territory whose bbox is inverted', () => {
    const result = validateTerritories(
      [{ id: 'x', name: 'X', center: [0.5, 0.5], bbox: [1, 0, 0, 1] }],
      'territories.json',
    );
    expect(result.valid).toEqual([]);
    expect(formatIssue(result.issues[0]!, en)).toBe('territories.json [0] (x): invalid bounding box');
  });
});

describe('buildDataset', () => {
  test('reports text that is not JSON as one file-level issue', () => {
    const dataset = buildDataset({
      actors: { file: 'actors.geojson', text: '{"type": "FeatureCollection", "features": [' },
      networks: { file: 'networks.json', text: fixture('networks.json') },
      territories: { file: 'territories.json', text: `\uFEFF${fixture('territories.json')}` },
    });
    expect(dataset.territories).toHaveLength(2);
    expect(dataset.issues).toHaveLength(1);
    expect(formatIssue(dataset.issues[0]!, en)).toMatch(/^actors\.geojson: not valid JSON \(/);
  });
});

describe('npm run validate', () => {
  const run = (...files: string[]) =>
    spawnSync('npx', ['tsx', 'scripts/validate.ts', ...files], {
      encoding: 'utf8',
      env: { ...process.env, ARCHIPEL_LANG: 'en' },
    });

  test('exits 1 and names each bad feature', () => {
    const result = run(
      'test/fixtures/bad-actors.geojson',
      'test/fixtures/networks.json',
      'test/fixtures/territories.json',
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('error: bad-actors.geojson #2 (brest-actor-2): unknown theme "fromation"');
    expect(result.stderr).toContain('error: bad-actors.geojson #13 (brest-actor-13): longitude and latitude swapped');
    expect(result.stdout).toContain('1/16 actors valid');
  });

  test('passes on the shipped data', () => {
    const result = run('data/actors.geojson', 'data/networks.json', 'data/territories.json');
    expect(result.status).toBe(0);
    // Every actor valid. The national lists keep a few postcodes the map cannot put right (a CEDEX
    // code, a commune with several postcodes): said as warnings, and nothing else.
    const total = readFileSync('data/actors.geojson', 'utf8').match(/^\{"type":"Feature"/gm)!.length;
    expect(result.stdout).toContain(`${total}/${total} actors valid`);
    const lines = result.stderr.split('\n').filter((l) => l !== '');
    expect(lines.length).toBeLessThanOrEqual(20);
    for (const line of lines)
      expect(line).toMatch(/^warning: .*(is not a commune of postcode|postcode "\d+" does not exist)/);
    // The national census: some 20,000 actors to check, opening hours included.
  }, 120_000);
});
