import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { cutParts, mergeParts, partFilesFor, partOf } from '../../src/data/parts';
import type { PartsIndex } from '../../src/data/parts';
import { partsGeography, partsOf } from '../../scripts/parts';
import { communeIndex } from '../../scripts/deployment';
import { territorySubset } from '../../src/data/territory-subset';
import { buildDataset } from '../../src/data/load';

type Feature = { properties: Record<string, unknown>; geometry?: { coordinates: number[] } };
type Collection = { type: 'FeatureCollection'; features: Feature[]; networks?: { id: string }[] };

const actorsText = readFileSync('data/actors.geojson', 'utf8');
const networksText = readFileSync('data/networks.json', 'utf8');
const shipped = JSON.parse(actorsText) as Collection;
const networks = JSON.parse(networksText) as { id: string; memberOf?: string[] }[];
const files = await partsOf(actorsText, networksText, readFileSync('data/territories.json', 'utf8'));
const index = JSON.parse(files.get('index.json')!) as PartsIndex;
const part = (file: string) => JSON.parse(files.get(file)!) as Collection;
const ids = (c: { features: readonly unknown[] }) =>
  (c.features as Feature[]).map((f) => f.properties.id as string).sort();
const communes = communeIndex();
/** The files the app reads for `territory=`, with the régions' départements from the official split. */
const filesFor = (territory: string) =>
  partFilesFor(territory.split(','), (code) =>
    Object.keys(index.summary.departements).filter((d) => partsGeography().regionOf(d) === code),
  );
/** What the app shows when it reads those parts: validated as it validates them (src/data/browser-load.ts). */
const loadParts = (names: string[]) =>
  buildDataset({
    actors: { file: 'actors.geojson', text: '', json: mergeParts(names.map(part)) },
    networks: { file: 'networks.json', text: '[]' },
    territories: { file: 'territories.json', text: readFileSync('data/territories.json', 'utf8') },
  });

describe('the shipped actors cut into parts', () => {
  test('the partition holds every actor of data/actors.geojson exactly once, byte for byte', () => {
    const seen: Feature[] = [];
    for (const entry of Object.values(index.parts)) {
      const features = part(entry.file).features;
      expect(features.length).toBe(entry.count);
      expect(Buffer.byteLength(files.get(entry.file)!)).toBe(entry.bytes);
      seen.push(...features);
    }
    expect(index.total).toBe(shipped.features.length);
    expect(seen.length).toBe(shipped.features.length);
    const byId = new Map(shipped.features.map((f) => [f.properties.id, f]));
    expect(new Set(seen.map((f) => f.properties.id)).size).toBe(seen.length);
    for (const f of seen) expect(f).toEqual(byId.get(f.properties.id));
    // The census has overseas actors: they have parts of their own, not lost.
    expect(Object.keys(index.parts)).toContain('dep-974');
  });

  test.each([
    ['brest', 'epci-242900314.geojson'],
    ['grenoble', 'epci-200040715.geojson'],
    ['epci:242900314', 'epci-242900314.geojson'],
    ['dep:29', 'dep-29.geojson'],
  ])('%s: its part holds exactly the actors a city build of it ships', (territory, file) => {
    expect(filesFor(territory)).toEqual([file]);
    const alone = territorySubset(shipped, networks, [], territory, communes);
    expect(alone.actors.features.length).toBeGreaterThan(10);
    expect(ids(part(file))).toEqual(ids(alone.actors));
  });

  test('a région and a commune read the parts that hold all of their actors', () => {
    for (const territory of ['region:53', 'commune:29019', 'commune:38185,dep:974']) {
      const names = filesFor(territory)!;
      const alone = ids(territorySubset(shipped, networks, [], territory, communes).actors);
      const read = new Set(ids(mergeParts(names.map(part))));
      expect(alone.length).toBeGreaterThan(0);
      expect(alone.filter((id) => !read.has(id))).toEqual([]);
    }
    expect(filesFor('region:53')).toEqual(['dep-22.geojson', 'dep-29.geojson', 'dep-35.geojson', 'dep-56.geojson']);
  });

  test('a part carries the networks its actors name, and those they are members of, so none is dangling', () => {
    const brest = part('epci-242900314.geojson');
    const named = new Set(brest.features.flatMap((f) => (f.properties.networks as string[] | undefined) ?? []));
    const carried = new Set(brest.networks!.map((n) => n.id));
    for (const id of named) if (networks.some((n) => n.id === id)) expect(carried).toContain(id);
    // Far fewer than the national list: the city does not download France's networks.
    expect(carried.size).toBeLessThan(networks.length / 4);
    const dataset = loadParts(['epci-242900314.geojson']);
    expect(dataset.actors.length).toBe(brest.features.length);
    expect(dataset.issues.filter((i) => i.code === 'unknownReference')).toEqual([]);
    // Each actor keeps its networks, as when the whole data is read.
    const whole = buildDataset({
      actors: { file: 'actors.geojson', text: actorsText },
      networks: { file: 'networks.json', text: networksText },
      territories: { file: 'territories.json', text: readFileSync('data/territories.json', 'utf8') },
    });
    const wholeById = new Map(whole.actors.map((a) => [a.properties.id, a]));
    for (const a of dataset.actors)
      expect(a.properties.networks).toEqual(wholeById.get(a.properties.id)!.properties.networks);
  });

  test('the summary counts each région and département by category and theme, exactly', () => {
    const finistere = shipped.features.filter((f) => (f.properties.insee as string).startsWith('29'));
    const s = index.summary.departements['29']!;
    expect(s.count).toBe(finistere.length);
    const libraries = finistere.filter((f) => f.properties.category === 'library').length;
    expect(s.categories.library).toBe(libraries);
    const training = finistere.filter((f) => (f.properties.themes as string[] | undefined)?.includes('training'));
    expect(s.themes.training).toBe(training.length);
    const regions = Object.values(index.summary.regions).reduce((sum, r) => sum + r.count, 0);
    const deps = Object.values(index.summary.departements).reduce((sum, d) => sum + d.count, 0);
    expect(regions).toBe(deps);
    expect(deps + (index.parts.other?.count ?? 0)).toBe(shipped.features.length);
    // The summary the national view reads first is the index without its parts, and small.
    const { parts: _p, views: _v, ...short } = index;
    expect(JSON.parse(files.get('summary.json')!)).toEqual(short);
    expect(files.get('summary.json')!.length).toBeLessThan(files.get('index.json')!.length / 3);
    const [w, south, e, n] = s.bbox!;
    expect(w).toBeLessThan(-4.5);
    expect(e).toBeGreaterThan(-3.5);
    expect(south).toBeGreaterThan(47.5);
    expect(n).toBeLessThan(49);
    // Where the national view draws the département's count before its actors come: their mean position.
    const mean = (k: 0 | 1) =>
      finistere.reduce((sum, f) => sum + (f.geometry!.coordinates as number[])[k]!, 0) / finistere.length;
    expect(s.center![0]).toBeCloseTo(mean(0), 4);
    expect(s.center![1]).toBeCloseTo(mean(1), 4);
  });
});

describe('what lands where', () => {
  const actor = (id: string, properties: Record<string, unknown>) => ({
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [2, 47] },
    properties: { id, ...properties },
  });
  const collection = {
    type: 'FeatureCollection',
    territories: [{ id: 'quimper', name: 'Quimper' }],
    features: [
      actor('paris', { insee: '75056', category: 'library', networks: ['child'] }),
      actor('by-postcode', { postcode: '29200' }),
      actor('corsica-postcode', { postcode: '20000' }),
      actor('reunion', { insee: '97411' }),
      actor('nowhere', {}),
      actor('tagged', { territory: 'quimper', insee: '29232' }),
      actor('brest-tag-elsewhere', { territory: 'brest', insee: '75056' }),
      { type: 'Feature', properties: null, geometry: null },
      'not a feature',
    ],
  };
  const { index: cut, files: written } = cutParts(
    collection,
    [{ id: 'child', memberOf: ['parent'] }, { id: 'parent' }, { id: 'unrelated' }],
    partsGeography(),
  );

  test('actors of no département, broken entries included, land in `other`: nothing is lost', () => {
    expect(partOf(collection.features[1])).toBe('dep-29');
    expect(partOf(collection.features[3])).toBe('dep-974');
    const other = JSON.parse(written.get('other.geojson')!) as { features: unknown[] };
    const f = collection.features;
    expect(other.features).toEqual([f[2], f[4], f[7], f[8]]);
    expect(Object.values(cut.parts).reduce((sum, p) => sum + p.count, 0)).toBe(collection.features.length);
  });

  test('an actor tagged with an alias is in that EPCI’s part as well as its own département’s', () => {
    expect(cut.views['epci-242900314']!.count).toBe(1);
    expect(cut.parts['dep-75']!.count).toBe(2);
    expect(cut.views['territory-quimper']!.count).toBe(1);
    // The file's own territories go with every part.
    expect(JSON.parse(written.get('dep-29.geojson')!).territories).toEqual(collection.territories);
  });

  test('networks: the ones named and their parents only', () => {
    const paris = JSON.parse(written.get('dep-75.geojson')!) as { networks: { id: string }[] };
    expect(paris.networks.map((n) => n.id).sort()).toEqual(['child', 'parent']);
    expect(JSON.parse(written.get('dep-974.geojson')!).networks).toEqual([]);
  });

  test('the app reads the parts of a view, or says it cannot tell', () => {
    expect(partFilesFor([])).toBeNull();
    expect(partFilesFor(['region:53'])).toBeNull();
    expect(partFilesFor(['brest', 'commune:2A004', 'dep:971', 'quimper'])).toEqual([
      'dep-2A.geojson',
      'dep-971.geojson',
      'epci-242900314.geojson',
      'territory-quimper.geojson',
    ]);
    expect(partFilesFor(['../etc'])).toBeNull();
  });

  test('parts read together hold each actor once and each network once', () => {
    const merged = mergeParts([
      { type: 'FeatureCollection', networks: [{ id: 'a' }], features: [actor('x', {}), actor('y', {})] },
      { type: 'FeatureCollection', networks: [{ id: 'a' }, { id: 'b' }], features: [actor('y', {}), actor('z', {})] },
      'broken',
    ]);
    expect(ids(merged)).toEqual(['x', 'y', 'z']);
    expect((merged.networks as { id: string }[]).map((n) => n.id)).toEqual(['a', 'b']);
  });
});
