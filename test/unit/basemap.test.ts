import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import { beforeAll, describe, expect, test } from 'vitest';
import { BASEMAP_OPTIONS, buildBasemap, frameStrips, normalise, rankOf } from '../../scripts/build-basemap';
import {
  BASEMAP_BOUNDS,
  BASEMAP_DETAIL_BOUNDS,
  BASEMAP_LAYER_IDS,
  basemapStyle,
} from '../../src/map/basemap';
import { MAP_FONT_FACES, MAP_FONT_STACK, MAP_FONT_STACK_SEMIBOLD } from '../../src/map/fonts';

import type { FeatureCollection, Geometry, Position } from 'geojson';
import type { SymbolLayerSpecification } from 'maplibre-gl';

const outDir = join(fileURLToPath(new URL('../..', import.meta.url)), BASEMAP_OPTIONS.outDir);
const read = (name: string) => JSON.parse(readFileSync(join(outDir, name), 'utf8')) as FeatureCollection;

describe('basemapStyle', () => {
  for (const lang of ['fr', 'en'] as const) {
    test(`is a valid style (${lang})`, () => {
      expect(validateStyleMin(basemapStyle({ baseUrl: '/', lang }))).toEqual([]);
    });
  }

  test('has unique layer ids, all prefixed, as exported', () => {
    const ids = basemapStyle({ baseUrl: '/', lang: 'fr' }).layers.map((layer) => layer.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^basemap-/);
    expect(ids).toEqual(BASEMAP_LAYER_IDS);
  });

  test('serves its files from the base URL, also under a sub-path', () => {
    const style = basemapStyle({ baseUrl: 'https://example.org/archipel/', lang: 'fr' });
    const urls = Object.values(style.sources).map((source) => ('data' in source ? source.data : null));
    expect(urls).toContain('https://example.org/archipel/basemap/places.json');
    for (const url of urls) expect(url).toMatch(/^https:\/\/example\.org\/archipel\/basemap\/[a-z]+\.json$/);
  });

  test('needs no glyph server: every text-font is declared in font-faces', () => {
    const style = basemapStyle({ baseUrl: '/', lang: 'fr' });
    expect(style.glyphs).toBeUndefined();
    expect(Object.keys(style['font-faces'] ?? {}).sort()).toEqual([...MAP_FONT_STACK, ...MAP_FONT_STACK_SEMIBOLD].sort());
    const fonts = JSON.stringify(style.layers.map((layer) => (layer as SymbolLayerSpecification).layout?.['text-font']));
    for (const name of fonts.match(/Noto Sans [A-Za-z]+/g) ?? []) expect(MAP_FONT_FACES).toHaveProperty([name]);
  });

  test('names places in the chosen language', () => {
    const field = (lang: 'fr' | 'en') =>
      (basemapStyle({ baseUrl: '/', lang }).layers.find((layer) => layer.id === 'basemap-place-labels') as SymbolLayerSpecification)
        .layout?.['text-field'];
    expect(field('fr')).toEqual(['coalesce', ['get', 'name_fr'], ['get', 'name']]);
    expect(field('en')).toEqual(['coalesce', ['get', 'name_en'], ['get', 'name']]);
  });

  test('declares the same coverage as the build script', () => {
    expect(BASEMAP_BOUNDS).toEqual(BASEMAP_OPTIONS.frame);
    expect(BASEMAP_DETAIL_BOUNDS).toEqual(BASEMAP_OPTIONS.core);
  });
});

describe('build-basemap helpers', () => {
  test('rankOf puts big cities first', () => {
    expect(rankOf(2_100_000)).toBe(1);
    expect(rankOf(142_346)).toBe(2);
    expect(rankOf(50_000)).toBe(3);
    expect(rankOf(3_700)).toBe(7);
  });

  test('normalise ignores case, accents and punctuation', () => {
    expect(normalise('Saint-Martin-d’Hères')).toBe(normalise("SAINT MARTIN D'HERES"));
    expect(normalise('Le Relecq-Kerhuon')).toBe('le relecq kerhuon');
  });

  test('frameStrips surround the core without covering it', () => {
    const strips = frameStrips([-10, 40, 12, 52], [-25, 33, 32, 62], 0);
    expect(strips).toHaveLength(4);
    const covers = (x: number, y: number) => strips.some(([w, s, e, n]) => x > w && x < e && y > s && y < n);
    expect(covers(0, 46)).toBe(false);
    expect(covers(-20, 46)).toBe(true);
    expect(covers(0, 58)).toBe(true);
    expect(covers(20, 36)).toBe(true);
  });
});

describe('built basemap files', () => {
  beforeAll(() => {
    buildBasemap();
  }, 120_000);

  const positions = (geometry: Geometry): Position[] =>
    geometry.type === 'Point'
      ? [geometry.coordinates]
      : geometry.type === 'MultiPoint' || geometry.type === 'LineString'
        ? geometry.coordinates
        : geometry.type === 'MultiLineString' || geometry.type === 'Polygon'
          ? geometry.coordinates.flat()
          : geometry.type === 'MultiPolygon'
            ? geometry.coordinates.flat(2)
            : geometry.geometries.flatMap(positions);

  for (const name of ['land.json', 'borders.json', 'countries.json', 'places.json']) {
    test(`${name} is GeoJSON within the covered area`, () => {
      const collection = read(name);
      expect(collection.type).toBe('FeatureCollection');
      expect(collection.features.length).toBeGreaterThan(0);
      const [west, south, east, north] = name === 'places.json' ? BASEMAP_OPTIONS.core : BASEMAP_OPTIONS.frame;
      for (const feature of collection.features) {
        expect(feature.type).toBe('Feature');
        for (const [x, y] of positions(feature.geometry)) {
          expect(x).toBeGreaterThanOrEqual(west);
          expect(x).toBeLessThanOrEqual(east);
          expect(y).toBeGreaterThanOrEqual(south);
          expect(y).toBeLessThanOrEqual(north);
        }
      }
    });
  }

  test('places.json labels Brest, Grenoble and the communes around them', () => {
    const places = read('places.json').features;
    const find = (name: string) => places.find((place) => place.properties?.name === name);
    const brest = find('Brest');
    expect(brest?.geometry).toMatchObject({ type: 'Point' });
    const [lon = 0, lat = 0] = brest?.geometry.type === 'Point' ? brest.geometry.coordinates : [];
    expect(lon).toBeCloseTo(-4.49, 1);
    expect(lat).toBeCloseTo(48.39, 1);
    expect(brest?.properties?.rank).toBe(2);
    expect(find('Grenoble')?.properties?.rank).toBe(2);
    for (const name of ['Bohars', 'Gouesnou', 'Guilers', 'Guipavas', 'Le Relecq-Kerhuon', 'Plougastel-Daoulas', 'Plouzané']) {
      expect(find(name), name).toBeDefined();
    }
    for (const name of ["Saint-Martin-d'Hères", 'Échirolles', 'Fontaine', 'Meylan', 'Seyssinet-Pariset', 'Eybens', 'La Tronche']) {
      expect(find(name), name).toBeDefined();
    }
  });

  test('places.json lists each place once, ranked 1 to 7, biggest first', () => {
    const places = read('places.json').features;
    const ranks = places.map((place) => place.properties?.rank as number);
    for (const rank of ranks) expect(rank).toBeGreaterThanOrEqual(1);
    for (const rank of ranks) expect(rank).toBeLessThanOrEqual(7);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    const keys = places.map((place) => JSON.stringify(place.geometry));
    expect(new Set(keys).size).toBe(keys.length);
  });

  test('stays small', () => {
    const total = ['land.json', 'borders.json', 'countries.json', 'places.json']
      .map((name) => readFileSync(join(outDir, name)).length)
      .reduce((sum, size) => sum + size, 0);
    expect(total).toBeLessThan(400_000);
  });
});
