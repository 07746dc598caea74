import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import { area, bboxPolygon, booleanPointInPolygon, featureCollection, intersect } from '@turf/turf';
import { beforeAll, describe, expect, test } from 'vitest';
import {
  BASEMAP_OPTIONS,
  buildBasemap,
  detailAreas,
  frameStrips,
  normalise,
  rankOf,
} from '../../scripts/build-basemap';
import {
  BASEMAP_ATTRIBUTION,
  BASEMAP_BOUNDS,
  BASEMAP_DETAIL_BOUNDS,
  BASEMAP_LAYER_IDS,
  basemapStyle,
  COAST_DETAIL_MINZOOM,
} from '../../src/map/basemap';
import { MAP_FONT_FACES, MAP_FONT_STACK, MAP_FONT_STACK_SEMIBOLD } from '../../src/map/fonts';

import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import type { BackgroundLayerSpecification, FillLayerSpecification, SymbolLayerSpecification } from 'maplibre-gl';

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
    for (const url of urls) expect(url).toMatch(/^https:\/\/example\.org\/archipel\/basemap\/[a-z-]+\.json$/);
  });

  test('draws the finer coastline from zoom 9, its sea in the colour of the sea, over the coarse land', () => {
    const layers = basemapStyle({ baseUrl: '/', lang: 'fr' }).layers;
    const byId = (id: string) => layers.find((layer) => layer.id === id);
    const sea = byId('basemap-coast-detail-sea') as FillLayerSpecification;
    const land = byId('basemap-coast-detail-land') as FillLayerSpecification;
    expect(COAST_DETAIL_MINZOOM).toBe(9);
    for (const layer of [sea, land]) {
      expect(layer.source).toBe('basemap-coast-detail');
      expect(layer.minzoom).toBe(COAST_DETAIL_MINZOOM);
    }
    expect(sea.paint?.['fill-color']).toEqual(
      (byId('basemap-sea') as BackgroundLayerSpecification).paint?.['background-color'],
    );
    expect(land.paint?.['fill-color']).toEqual((byId('basemap-land') as FillLayerSpecification).paint?.['fill-color']);
    const ids = layers.map((layer) => layer.id);
    expect(ids.indexOf('basemap-land')).toBeLessThan(ids.indexOf(sea.id));
    expect(ids.indexOf(sea.id)).toBeLessThan(ids.indexOf(land.id));
  });

  test('credits OpenStreetMap, whose coastline it draws', () => {
    expect(BASEMAP_ATTRIBUTION).toContain('© OpenStreetMap contributors');
  });

  test('needs no glyph server: every text-font is declared in font-faces', () => {
    const style = basemapStyle({ baseUrl: '/', lang: 'fr' });
    expect(style.glyphs).toBeUndefined();
    expect(Object.keys(style['font-faces'] ?? {}).sort()).toEqual(
      [...MAP_FONT_STACK, ...MAP_FONT_STACK_SEMIBOLD].sort(),
    );
    const fonts = JSON.stringify(
      style.layers.map((layer) => (layer as SymbolLayerSpecification).layout?.['text-font']),
    );
    for (const name of fonts.match(/Noto Sans [A-Za-z]+/g) ?? []) expect(MAP_FONT_FACES).toHaveProperty([name]);
  });

  test('names places in the chosen language', () => {
    const field = (lang: 'fr' | 'en') =>
      (
        basemapStyle({ baseUrl: '/', lang }).layers.find(
          (layer) => layer.id === 'basemap-place-labels',
        ) as SymbolLayerSpecification
      ).layout?.['text-field'];
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
    for (const name of [
      'Bohars',
      'Gouesnou',
      'Guilers',
      'Guipavas',
      'Le Relecq-Kerhuon',
      'Plougastel-Daoulas',
      'Plouzané',
    ]) {
      expect(find(name), name).toBeDefined();
    }
    for (const name of [
      "Saint-Martin-d'Hères",
      'Échirolles',
      'Fontaine',
      'Meylan',
      'Seyssinet-Pariset',
      'Eybens',
      'La Tronche',
    ]) {
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

  const coastDetail = () =>
    read('coast-detail.json') as FeatureCollection<MultiPolygon, { territory: string; kind: string }>;
  const inDetail = (kind: 'sea' | 'land', point: Position) =>
    coastDetail().features.some(
      (part) =>
        part.properties.territory === 'brest' &&
        part.properties.kind === kind &&
        booleanPointInPolygon(point, part as Feature<MultiPolygon>),
    );

  test('detail areas are the territories of data/territories.json, with their margins', () => {
    const territories = JSON.parse(readFileSync(join(outDir, '../..', BASEMAP_OPTIONS.detailTerritories), 'utf8')) as {
      id: string;
      bbox: number[];
    }[];
    const areas = detailAreas();
    expect(areas.map((detail) => detail.territory).sort()).toEqual(territories.map((territory) => territory.id).sort());
    const grown = ([west = 0, south = 0, east = 0, north = 0]: number[], by: number) =>
      [west - by, south - by, east + by, north + by].map((value) => expect.closeTo(value, 9));
    for (const { id, bbox } of territories) {
      const detail = areas.find((candidate) => candidate.territory === id);
      expect(detail?.bbox).toEqual(grown(bbox, 0.1));
      expect(detail?.reach).toEqual(grown(bbox, 0.2));
    }
  });

  test('coast-detail.json is sea and land within reach of the territories, for Brest only (Grenoble is inland)', () => {
    const collection = coastDetail();
    expect(collection.type).toBe('FeatureCollection');
    expect(collection.features.map((part) => `${part.properties.territory}:${part.properties.kind}`)).toEqual([
      'brest:sea',
      'brest:land',
    ]);
    const areas = detailAreas();
    for (const part of collection.features) {
      expect(part.geometry.type).toBe('MultiPolygon');
      const [west, south, east, north] =
        areas.find((detail) => detail.territory === part.properties.territory)?.reach ?? [];
      for (const polygon of part.geometry.coordinates) {
        for (const ring of polygon) {
          expect(ring.length).toBeGreaterThanOrEqual(4);
          expect(ring[0]).toEqual(ring[ring.length - 1]);
          for (const [x = NaN, y = NaN] of ring) {
            expect(x).toBeGreaterThanOrEqual(west ?? NaN);
            expect(x).toBeLessThanOrEqual(east ?? NaN);
            expect(y).toBeGreaterThanOrEqual(south ?? NaN);
            expect(y).toBeLessThanOrEqual(north ?? NaN);
            expect(Math.round(x * 1e5) / 1e5).toBe(x); // 5 decimals
            expect(Math.round(y * 1e5) / 1e5).toBe(y);
          }
        }
      }
    }
    expect(readFileSync(join(outDir, 'coast-detail.json')).length).toBeLessThan(150_000);
  });

  test('coast-detail.json covers the whole detail area of Brest, once', () => {
    const bbox = detailAreas().find((detail) => detail.territory === 'brest')?.bbox ?? [0, 0, 0, 0];
    const inBox = (kind: string) => {
      const part = coastDetail().features.find(
        (candidate) => candidate.properties.kind === kind,
      ) as Feature<MultiPolygon>;
      const clipped = intersect(featureCollection<MultiPolygon | Polygon>([part, bboxPolygon(bbox)]));
      return clipped ? area(clipped) : 0;
    };
    const sea = inBox('sea');
    const land = inBox('land');
    expect(sea).toBeGreaterThan(0);
    expect(land).toBeGreaterThan(0);
    expect((sea + land) / area(bboxPolygon(bbox))).toBeCloseTo(1, 6);
  });

  test('coast-detail.json puts the Brest harbour front on land and the Rade in the sea', () => {
    // Positions from data/actors.geojson, where each is sourced.
    const onLand: [string, Position][] = [
      ['Les Ateliers des Capucins', [-4.49825, 48.389305]],
      ['Hôtel de ville de Brest', [-4.486, 48.3912]],
      ['Médiathèque de Saint-Marc', [-4.453, 48.3975]],
      ['Médiathèque des Quatre Moulins', [-4.5115, 48.3858]],
      // In the sea on the 1:10m coastline.
      ['IMT Atlantique – campus de Brest', [-4.57, 48.359]],
    ];
    for (const [name, point] of onLand) {
      expect(inDetail('land', point), name).toBe(true);
      expect(inDetail('sea', point), name).toBe(false);
    }
    for (const point of [
      [-4.45, 48.345], // the Rade de Brest, off Plougastel (land on the 1:10m coastline)
      [-4.5, 48.36], // the Rade, 2 km off the port
      [-4.59, 48.327], // the Goulet, the strait into the Rade
      [-4.4, 48.3], // the Rade, between Plougastel and the Crozon peninsula
    ]) {
      expect(inDetail('sea', point), String(point)).toBe(true);
      expect(inDetail('land', point), String(point)).toBe(false);
    }
  });

  test('stays small', () => {
    const total = ['land.json', 'borders.json', 'countries.json', 'places.json']
      .map((name) => readFileSync(join(outDir, name)).length)
      .reduce((sum, size) => sum + size, 0);
    expect(total).toBeLessThan(400_000);
  });
});
