import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { buildDataset } from '../../src/data/load';
import { validateActors } from '../../src/data/validate';
import type { Territory } from '../../src/core/types';
import { CATEGORIES, ROLES, THEMES } from '../../src/core/vocab';

/**
 * Fuzzing the loader: seeded and reproducible. `FUZZ_RUNS=20000 npm test -- test/unit/fuzz-loader.test.ts`
 * runs more cases; the default keeps `npm test` quick.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 1500);
const SEED = Number(process.env.FUZZ_SEED ?? 20261128);
/** Each case must finish well within this: a hang is a failure. */
const CASE_BUDGET_MS = 2000;

const territories: Territory[] = [
  { id: 'brest', name: 'Brest', center: [-4.486, 48.39], bbox: [-4.77, 48.33, -4.26, 48.5] },
];
const networks = [{ id: 'chatons' }];
const territoriesText = JSON.stringify(territories);
const networksText = JSON.stringify([{ id: 'chatons', name: 'CHATONS', scale: 'national' }]);

const validActor = (id: string) =>
  fc.record({
    type: fc.constant('Feature'),
    geometry: fc.record({
      type: fc.constant('Point'),
      coordinates: fc.tuple(
        fc.double({ min: -4.7, max: -4.3, noNaN: true }),
        fc.double({ min: 48.34, max: 48.49, noNaN: true }),
      ),
    }),
    properties: fc.record(
      {
        id: fc.constant(id),
        name: fc.string({ minLength: 1, maxLength: 60 }).filter((s) => s.trim() !== ''),
        category: fc.constantFrom(...CATEGORIES),
        roles: fc.subarray([...ROLES], { minLength: 1 }),
        themes: fc.subarray([...THEMES], { minLength: 1 }),
        territory: fc.constant('brest'),
        address: fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim() !== ''),
        postcode: fc.constant('29200'),
        commune: fc.constant('Brest'),
        description: fc.string({ maxLength: 200 }),
        networks: fc.constantFrom([], ['chatons']),
      },
      { requiredKeys: ['id', 'name', 'category', 'roles', 'themes', 'territory', 'address', 'postcode', 'commune'] },
    ),
  });

/** Anything JSON can hold, including what our schema never expects. */
const junk = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.constantFrom(NaN, Infinity, -Infinity, null, undefined, 0, -0, 1e308),
  fc.string({ maxLength: 50 }),
  fc.constant('x'.repeat(100_000)),
  fc.constant(deepArray(2000)),
);

function deepArray(depth: number): unknown {
  let v: unknown = 0;
  for (let i = 0; i < depth; i++) v = [v];
  return v;
}

/** A feature with one field replaced by junk. */
const brokenActor = (id: string) =>
  fc
    .tuple(
      validActor(id),
      fc.constantFrom(
        'geometry',
        'coordinates',
        'id',
        'name',
        'category',
        'roles',
        'themes',
        'territory',
        'networks',
        'whole',
      ),
      junk,
    )
    .map(([actor, field, value]) => {
      const a = structuredClone(actor) as Record<string, unknown> & {
        properties: Record<string, unknown>;
        geometry: Record<string, unknown>;
      };
      if (field === 'whole') return value;
      if (field === 'geometry') a.geometry = value as Record<string, unknown>;
      else if (field === 'coordinates') a.geometry.coordinates = [value, 48.4];
      else a.properties[field] = value;
      return a;
    });

function tag(feature: unknown, index: number): unknown {
  const f = feature as { properties?: unknown } | null;
  if (f && typeof f === 'object' && f.properties && typeof f.properties === 'object')
    (f.properties as Record<string, unknown>).address = `tag-${index}`;
  return feature;
}

function timed<T>(fn: () => T): T {
  const start = performance.now();
  const result = fn();
  expect(performance.now() - start).toBeLessThan(CASE_BUDGET_MS);
  return result;
}

describe('loader fuzz', () => {
  test('malformed text never throws, never hangs, and is reported', () => {
    const text = fc.oneof(
      fc.string({ maxLength: 500 }),
      fc.jsonValue({ maxDepth: 6 }).map((v) => JSON.stringify(v)),
      fc.tuple(fc.array(validActor('brest-a'), { maxLength: 3 }), fc.nat()).map(([features, cut]) => {
        const full = JSON.stringify({ type: 'FeatureCollection', features });
        return full.slice(0, cut % (full.length + 1)); // truncated JSON
      }),
      fc.constantFrom(
        '\uFEFF{"type":"FeatureCollection","features":[]}',
        '{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[NaN,Infinity]}}]}',
        '\u00ef\u00bb\u00bf{"type":"FeatureCollection"}', // a BOM read as Latin-1: mixed encodings
        'Ã©Ã¨ not utf-8 {',
        '['.repeat(100_000),
        `{"type":"FeatureCollection","features":[${'['.repeat(50_000)}0${']'.repeat(50_000)}]}`,
      ),
    );
    fc.assert(
      fc.property(text, (actorsText) => {
        const dataset = timed(() =>
          buildDataset({
            actors: { file: 'fuzz.geojson', text: actorsText },
            networks: { file: 'networks.json', text: networksText },
            territories: { file: 'territories.json', text: territoriesText },
          }),
        );
        // Whatever was not kept is explained: one error per rejected feature, or one for the file.
        const errors = dataset.issues.filter((i) => i.severity === 'error');
        const rejected = new Set(errors.filter((i) => i.index !== undefined).map((i) => i.index));
        expect(rejected.size).toBe(dataset.read - dataset.actors.length);
        // Nothing read: an empty collection says nothing, anything else says why at file level.
        const emptyCollection = /^\uFEFF?\{"type":"FeatureCollection","features":\[\]\}$/.test(actorsText);
        if (dataset.read === 0 && !emptyCollection) expect(errors.some((i) => i.index === undefined)).toBe(true);
        for (const issue of dataset.issues) expect(issue.file).toBe('fuzz.geojson');
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  test('a mixed file keeps every valid actor and reports every broken one with its position and reason', () => {
    const mixed = fc
      .array(fc.boolean(), { minLength: 1, maxLength: 30 })
      .chain((kinds) =>
        fc
          .tuple(...kinds.map((ok, i) => (ok ? validActor(`brest-v${i}`) : brokenActor(`brest-b${i}`))))
          .map((features) => ({ kinds, features: features.map(tag) })),
      );
    fc.assert(
      fc.property(mixed, ({ kinds, features }) => {
        const result = timed(() =>
          validateActors({ type: 'FeatureCollection', features }, { file: 'mixed.geojson', territories, networks }),
        );
        // Each feature carries its index in `address` (never broken), so kept ones can be told apart.
        const kept = new Set(result.valid.map((a) => a.properties.address));
        const rejectedIndexes = new Set(result.issues.filter((i) => i.severity === 'error').map((i) => i.index));
        kinds.forEach((ok, i) => {
          if (ok) expect(kept.has(`tag-${i}`), `valid feature #${i} kept`).toBe(true);
          // A broken one may still be valid (junk can be a valid value): then it is kept; else it is reported.
          else if (!kept.has(`tag-${i}`)) {
            expect(rejectedIndexes.has(i), `broken feature #${i} reported`).toBe(true);
            const issue = result.issues.find((x) => x.index === i && x.severity === 'error')!;
            expect(issue.code.length).toBeGreaterThan(0);
          }
        });
        expect(result.valid.length + rejectedIndexes.size).toBe(features.length);
      }),
      { numRuns: Math.max(200, Math.round(RUNS / 3)), seed: SEED },
    );
  });

  test('a large file of 50,000 features, half broken, loads in bounded time and memory', () => {
    const features: unknown[] = [];
    for (let i = 0; i < 50_000; i++) {
      const valid = i % 2 === 0;
      features.push({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: valid ? [-4.5 + (i % 100) * 0.001, 48.4] : ['x', 48.4] },
        properties: {
          id: `brest-${i}`,
          name: `Acteur ${i}`,
          category: 'library',
          roles: ['public-service'],
          themes: ['training'],
          territory: 'brest',
          address: 'a',
          postcode: '29200',
          commune: 'Brest',
          description: 'd'.repeat(400),
        },
      });
    }
    const text = JSON.stringify({ type: 'FeatureCollection', features });
    expect(text.length).toBeGreaterThan(20_000_000);
    const start = performance.now();
    const dataset = buildDataset({
      actors: { file: 'big.geojson', text },
      networks: { file: 'networks.json', text: networksText },
      territories: { file: 'territories.json', text: territoriesText },
    });
    expect(performance.now() - start).toBeLessThan(10_000);
    expect(dataset.actors).toHaveLength(25_000);
    expect(dataset.issues.filter((i) => i.severity === 'error')).toHaveLength(25_000);
  });
});

describe('importer fuzz', () => {
  const header =
    'id,name,category,roles,themes,territory,address,postcode,commune,url,email,phone,description,opening_hours,wheelchair,networks,partners,source,updated,longitude,latitude';
  const goodRow = (i: number) =>
    `brest-row-${i},Lieu ${i},library,public-service,training|digital-inclusion,brest,1 rue,29200,Brest,,,,"texte, avec ""guillemets""",,,,,source,2026-11-28,-4.49,48.39`;
  const cell = fc.oneof(
    fc.string({ maxLength: 30 }),
    fc.constantFrom(
      '"',
      '""',
      '"unterminated',
      '\r\n',
      '\n',
      ';',
      '|',
      '=1+1',
      '\uFEFF',
      'NaN',
      'Infinity',
      '-4.49',
      '48.39',
      'x'.repeat(10_000),
    ),
  );
  const junkRow = fc.array(cell, { maxLength: 30 }).map((cells) => cells.join(','));

  test('any CSV-ish text never throws or hangs, and every row is accounted for', async () => {
    const { importText } = await import('../../src/data/import');
    fc.assert(
      fc.property(
        fc.array(fc.oneof(junkRow, fc.nat(1000).map(goodRow)), { maxLength: 20 }),
        fc.boolean(),
        (rows, bom) => {
          const text = `${bom ? '\uFEFF' : ''}${header}\r\n${rows.join('\r\n')}\r\n`;
          const result = timed(() => importText(text, { file: 'fuzz.csv', territories, networks }));
          expect(result.summary.imported).toBe(result.features.length);
          // Every row read is imported or rejected, and every rejected row has its error.
          expect(result.summary.imported + result.summary.rejected).toBe(result.summary.read);
          const rowErrors = result.issues.filter((i) => i.severity === 'error' && i.index !== undefined);
          if (result.summary.rejected > 0) expect(rowErrors.length).toBeGreaterThanOrEqual(result.summary.rejected);
          for (const issue of result.issues) expect(issue.file).toBe('fuzz.csv');
        },
      ),
      { numRuns: Math.max(200, Math.round(RUNS / 3)), seed: SEED },
    );
  });

  test('a CSV mixing good and ragged rows keeps every good row', async () => {
    const { importText } = await import('../../src/data/import');
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 1, maxLength: 25 }), (kinds) => {
        const rows = kinds.map((good, i) => (good ? goodRow(i) : `brest-bad-${i},only,three`));
        const result = timed(() =>
          importText(`${header}\n${rows.join('\n')}\n`, { file: 'mixed.csv', territories, networks }),
        );
        const kept = new Set(result.features.map((f) => f.properties.id));
        kinds.forEach((good, i) => {
          if (good) expect(kept.has(`brest-row-${i}`)).toBe(true);
          else expect(result.issues.some((issue) => issue.severity === 'error' && issue.index === i + 2)).toBe(true);
        });
      }),
      { numRuns: 200, seed: SEED },
    );
  });
});
