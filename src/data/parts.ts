/**
 * The shipped actors cut into static parts, so that a view pays for what it shows
 * (docs/architecture.md, "Parts"): `data/actors.geojson` stays the one file people edit; the
 * build (and the dev server) writes, from it, into `data/parts/`:
 *
 * - `dep-CODE.geojson`: the actors of each département (from their INSEE code, else their
 *   postcode), and `other.geojson` for those of no département: together they hold every actor
 *   once (the partition);
 * - `epci-SIREN.geojson`: the actors of each EPCI (their commune's, or the alias they are tagged
 *   with, `brest` → Brest métropole): what an embed of a city fetches;
 * - `territory-SLUG.geojson`: the actors tagged with a territory of `territories.json` that is
 *   no alias;
 * - `index.json`: per part its file, count, bytes and extent, and per région and département
 *   the count by category and theme (a national summary); `summary.json`: the same without the
 *   parts, small enough for the national view to read first.
 *
 * Each part carries, as the GeoJSON foreign member `networks`, the networks its actors belong
 * to (and those these are members of), so a city's view fetches no national `networks.json`.
 * Pure: the geography (commune → EPCI, département → région) is given by the caller.
 */
import { TERRITORY_ALIASES, canonicalTerritoryId, depOfInsee, parseTerritoryId } from '../core/territory-id';

type Json = Record<string, unknown>;

/** What the cut needs to know of France's map. */
export interface PartsGeography {
  /** The SIREN of a commune's EPCI (INSEE code), null when none is known. */
  epciOf(insee: string): string | null;
  /** The région of a département code, null when none is known. */
  regionOf(dep: string): string | null;
}

export type Bbox = [number, number, number, number];

export interface PartEntry {
  /** File name in `data/parts/`. */
  file: string;
  count: number;
  /** Bytes of the file as written (UTF-8). */
  bytes: number;
  /** Extent of the part's positions; null when none has one. */
  bbox: Bbox | null;
}

export interface AreaSummary {
  count: number;
  categories: Record<string, number>;
  themes: Record<string, number>;
  bbox: Bbox | null;
  /** The mean position of its actors ([longitude, latitude], 5 decimals): where the national view draws its count. */
  center: [number, number] | null;
}

export interface PartsIndex {
  format: 'archipel-parts';
  version: 1;
  /** Every entry of the source, once. */
  total: number;
  /** How many of them are valid actors (what the page counts when it reads the whole file); null when not told. */
  valid: number | null;
  /** The partition: `dep-CODE` and `other`. Their counts add up to `total`. */
  parts: Record<string, PartEntry>;
  /** Views over the partition: `epci-SIREN`, `territory-SLUG`. */
  views: Record<string, PartEntry>;
  summary: { regions: Record<string, AreaSummary>; departements: Record<string, AreaSummary> };
}

// The names of the parts' files, in a module of their own: the page's first load needs them and
// nothing else of this one.
export { PARTS_DIR, PARTS_INDEX, PARTS_SUMMARY, SHIPPED_ACTORS } from './parts-names';
import { PARTS_INDEX, PARTS_SUMMARY, SHIPPED_ACTORS } from './parts-names';

/** The département an actor's properties place it in: INSEE code first, else postcode; '' when none. */
export function departementOf(p: Json): string {
  if (typeof p.insee === 'string') {
    const dep = depOfInsee(p.insee.trim());
    if (dep) return dep;
  }
  const postcode = typeof p.postcode === 'string' ? p.postcode.trim() : '';
  if (!/^\d{5}$/.test(postcode)) return '';
  // Corsica's postcodes (20xxx) do not say which of its two départements: left to `other`.
  if (postcode.startsWith('20')) return '';
  return postcode.startsWith('97') || postcode.startsWith('98') ? postcode.slice(0, 3) : postcode.slice(0, 2);
}

/** The partition's part of one feature (whatever it holds: a broken one goes to `other`). */
export function partOf(feature: unknown): string {
  const p = isObject(feature) && isObject(feature.properties) ? feature.properties : {};
  const dep = departementOf(p);
  return dep ? `dep-${dep}` : 'other';
}

/** A territory slug safe in a file name (what `ID_PATTERN` allows is; anything else is refused). */
const SAFE_SLUG = /^[a-z0-9][a-z0-9-]*$/;

/**
 * Cuts an actors collection into parts. `networks` is the shipped networks list; the collection
 * may carry its own (`networks` foreign member), which wins by id. Other foreign members of the
 * collection (`territories`…) are copied into every part.
 */
export function cutParts(
  collection: unknown,
  networks: readonly unknown[],
  geography: PartsGeography,
  valid: number | null = null,
): { index: PartsIndex; files: Map<string, string> } {
  const source = isObject(collection) ? collection : {};
  const features: unknown[] = Array.isArray(source.features) ? source.features : [];
  const { features: _f, type: _t, networks: own, ...foreign } = source;
  const networkById = new Map<unknown, Json>();
  for (const n of [...networks, ...(Array.isArray(own) ? own : [])]) if (isObject(n)) networkById.set(n.id, n);

  const partition = new Map<string, unknown[]>();
  const views = new Map<string, unknown[]>();
  const add = (map: Map<string, unknown[]>, key: string, feature: unknown) => {
    const list = map.get(key);
    if (list) list.push(feature);
    else map.set(key, [feature]);
  };
  const aliasOf = new Map(Object.entries(TERRITORY_ALIASES));
  const summary: PartsIndex['summary'] = { regions: {}, departements: {} };
  for (const feature of features) {
    add(partition, partOf(feature), feature);
    const p = isObject(feature) && isObject(feature.properties) ? feature.properties : {};
    const epcis = new Set<string>();
    const insee = typeof p.insee === 'string' ? p.insee.trim() : '';
    const epci = insee ? geography.epciOf(insee) : null;
    if (epci) epcis.add(epci);
    if (typeof p.territory === 'string') {
      const alias = aliasOf.get(p.territory);
      if (alias) epcis.add(alias.slice('epci:'.length));
      else if (SAFE_SLUG.test(p.territory) && parseTerritoryId(p.territory)?.level === 'custom')
        add(views, `territory-${p.territory}`, feature);
    }
    for (const e of epcis) add(views, `epci-${e}`, feature);
    const dep = departementOf(p);
    if (dep) {
      count(summary.departements, dep, p, feature);
      const region = geography.regionOf(dep);
      if (region) count(summary.regions, region, p, feature);
    }
  }

  const files = new Map<string, string>();
  const write = (key: string, list: unknown[]): PartEntry => {
    const file = `${key}.geojson`;
    // Every part says how many actors the whole data holds: a view of a city counts "52 of 19,526".
    const text = partText(list, networkById, valid === null ? foreign : { ...foreign, [SHIPPED_ACTORS]: valid });
    files.set(file, text);
    return { file, count: list.length, bytes: new TextEncoder().encode(text).byteLength, bbox: bboxOf(list) };
  };
  const index: PartsIndex = {
    format: 'archipel-parts',
    version: 1,
    total: features.length,
    valid,
    parts: {},
    views: {},
    summary,
  };
  for (const key of [...partition.keys()].sort()) index.parts[key] = write(key, partition.get(key)!);
  for (const key of [...views.keys()].sort()) index.views[key] = write(key, views.get(key)!);
  files.set(PARTS_INDEX, JSON.stringify(index));
  const { parts: _p, views: _v, ...short } = index;
  files.set(PARTS_SUMMARY, JSON.stringify(short));
  return { index, files };
}

/** One part's file: its features, and the networks they need (with those these are members of). */
function partText(features: unknown[], networkById: Map<unknown, Json>, foreign: Json): string {
  const wanted = new Set<unknown>();
  const visit = (id: unknown) => {
    if (wanted.has(id) || !networkById.has(id)) return;
    wanted.add(id);
    const parents = networkById.get(id)!.memberOf;
    if (Array.isArray(parents)) for (const parent of parents) visit(parent);
  };
  for (const f of features) {
    const list = isObject(f) && isObject(f.properties) ? f.properties.networks : undefined;
    if (Array.isArray(list)) for (const id of list) visit(id);
  }
  const networks = [...networkById.values()].filter((n) => wanted.has(n.id));
  // One feature a line, as the source: a part stays readable.
  const head = JSON.stringify({ type: 'FeatureCollection', ...foreign, networks }).slice(0, -1);
  return `${head},"features":[\n${features.map((f) => JSON.stringify(f)).join(',\n')}\n]}\n`;
}

function count(into: Record<string, AreaSummary>, key: string, p: Json, feature: unknown) {
  into[key] ??= { count: 0, categories: {}, themes: {}, bbox: null, center: null };
  const s = into[key];
  s.count++;
  const point = pointOf(feature);
  if (point) {
    const sum = placed.get(s) ?? { n: 0, lon: 0, lat: 0 };
    placed.set(s, { n: sum.n + 1, lon: sum.lon + point[0], lat: sum.lat + point[1] });
    s.center = [round5((sum.lon + point[0]) / (sum.n + 1)), round5((sum.lat + point[1]) / (sum.n + 1))];
  }
  if (typeof p.category === 'string') s.categories[p.category] = (s.categories[p.category] ?? 0) + 1;
  if (Array.isArray(p.themes))
    for (const t of new Set(p.themes)) if (typeof t === 'string') s.themes[t] = (s.themes[t] ?? 0) + 1;
  s.bbox = extend(s.bbox, feature);
}

function bboxOf(features: unknown[]): Bbox | null {
  let box: Bbox | null = null;
  for (const f of features) box = extend(box, f);
  return box;
}

/** The positioned actors of each area (how many, and their sums), while the summary is made. */
const placed = new WeakMap<AreaSummary, { n: number; lon: number; lat: number }>();
const round5 = (v: number) => Math.round(v * 1e5) / 1e5;

function pointOf(feature: unknown): [number, number] | null {
  const geometry = isObject(feature) ? feature.geometry : undefined;
  const c = isObject(geometry) && Array.isArray(geometry.coordinates) ? geometry.coordinates : [];
  const [lon, lat] = c;
  if (typeof lon !== 'number' || typeof lat !== 'number' || !Number.isFinite(lon) || !Number.isFinite(lat)) return null;
  return [lon, lat];
}

function extend(box: Bbox | null, feature: unknown): Bbox | null {
  const point = pointOf(feature);
  if (!point) return box;
  const [lon, lat] = point;
  if (!box) return [lon, lat, lon, lat];
  return [Math.min(box[0], lon), Math.min(box[1], lat), Math.max(box[2], lon), Math.max(box[3], lat)];
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// ---------------------------------------------------------------------------------------------
// In the app

/**
 * The part files that hold every actor of the territories `ids` (the value of `territory=`), or
 * null when they cannot be told (no id, an id of no known kind): the whole file then.
 * `departementsOfRegion` answers for `region:` ids (from the administrative map's index).
 */
export function partFilesFor(
  ids: readonly string[],
  departementsOfRegion: (code: string) => readonly string[] | null = () => null,
): string[] | null {
  if (ids.length === 0) return null;
  const files = new Set<string>();
  for (const id of ids) {
    const ref = parseTerritoryId(canonicalTerritoryId(id));
    if (!ref) return null;
    switch (ref.level) {
      case 'epci':
        files.add(`epci-${ref.code}.geojson`);
        break;
      case 'commune': {
        const dep = depOfInsee(ref.code);
        if (!dep) return null;
        files.add(`dep-${dep}.geojson`);
        break;
      }
      case 'dep':
        files.add(`dep-${ref.code}.geojson`);
        break;
      case 'region': {
        const deps = departementsOfRegion(ref.code);
        if (!deps || deps.length === 0) return null;
        for (const d of deps) files.add(`dep-${d}.geojson`);
        break;
      }
      case 'custom':
        if (!SAFE_SLUG.test(ref.code)) return null;
        files.add(`territory-${ref.code}.geojson`);
        break;
    }
  }
  return [...files].sort();
}

/**
 * Parts read together as one collection: features once each (by id: an EPCI's part and its
 * département's share actors), networks once each by id, other foreign members from the first.
 * Features without an id are all kept.
 */
export function mergeParts(parts: readonly unknown[]): Json & { type: 'FeatureCollection'; features: unknown[] } {
  const features: unknown[] = [];
  const seen = new Set<unknown>();
  const networks = new Map<unknown, unknown>();
  let foreign: Json = {};
  parts.forEach((part, i) => {
    if (!isObject(part)) return;
    const { features: list, type: _t, networks: own, ...rest } = part;
    if (i === 0) foreign = rest;
    if (Array.isArray(own)) for (const n of own) if (isObject(n) && !networks.has(n.id)) networks.set(n.id, n);
    if (!Array.isArray(list)) return;
    for (const f of list) {
      const id = isObject(f) && isObject(f.properties) ? f.properties.id : undefined;
      if (typeof id === 'string') {
        if (seen.has(id)) continue;
        seen.add(id);
      }
      features.push(f);
    }
  });
  return { type: 'FeatureCollection', ...foreign, networks: [...networks.values()], features };
}

/**
 * The territories the shipped data on the page holds every actor of, when it is some parts
 * only (`territory=` framed a view); null when it is the whole data (or a file from elsewhere).
 * What the page counts, lists and copies into an export is exact while the view stays inside.
 */
let coverage: readonly string[] | null = null;

export function setCoverage(ids: readonly string[] | null): void {
  coverage = ids;
}

/** Whether the data on the page holds every actor a view framed on `ids` (none: France) shows. */
export function covers(ids: readonly string[]): boolean {
  return coverage === null || (ids.length > 0 && ids.every((id) => coverage!.includes(id)));
}
