/**
 * Importer for OpenStreetMap data as GeoJSON, as Overpass turbo's export
 * (osmtogeojson) writes it: points for nodes, polygons or lines for ways and
 * relations (placed at their centroid). Both property layouts are read: flat
 * tags with `@id` (Overpass turbo), or `{ type, id, tags, meta }` (older
 * osmtogeojson). Tags map to our schema by the tables below, documented in
 * `MAPPING.md` beside this file.
 */
import { THEMES } from '../../core/vocab';
import { isObject } from '../validate';
import { CATEGORY_ROLES, deriveId, finishImport, readString } from './common';
import { osmIdOf } from './osm-id';
import type { Candidate, ImportOptions, ImportResult } from './common';
import type { Issue } from '../validate';
import type { LonLat } from '../../core/types';
import type { Category, Theme } from '../../core/vocab';

export { isOsmCollection, osmIdOf } from './osm-id';

type Tags = Readonly<Record<string, string>>;

/** One rule: when every tag matches (`*` for any value), the place gets the category and themes. */
export interface TagRule {
  tags: Readonly<Record<string, string | readonly string[]>>;
  category: Category;
  themes: readonly Theme[];
}

/** Tags → category and themes; the first rule that matches gives the category. */
export const TAG_RULES: readonly TagRule[] = [
  { tags: { leisure: 'hackerspace' }, category: 'fablab', themes: ['making'] },
  { tags: { repair_cafe: 'yes' }, category: 'fablab', themes: ['making'] },
  { tags: { amenity: 'library' }, category: 'library', themes: ['training'] },
  { tags: { amenity: 'internet_cafe' }, category: 'internet-access', themes: ['digital-inclusion'] },
  { tags: { amenity: ['community_centre', 'social_centre'] }, category: 'social-centre', themes: [] },
  { tags: { amenity: 'coworking_space' }, category: 'third-place', themes: ['cooperation'] },
  { tags: { office: 'coworking' }, category: 'third-place', themes: ['cooperation'] },
  { tags: { amenity: 'townhall' }, category: 'public-body', themes: [] },
  { tags: { amenity: ['university', 'college'] }, category: 'academic', themes: ['training'] },
  { tags: { office: ['association', 'ngo'] }, category: 'association', themes: [] },
  { tags: { internet_access: ['terminal', 'wired'] }, category: 'internet-access', themes: ['digital-inclusion'] },
];

/** Tags that add themes whatever the category. */
export const THEME_TAGS: readonly { tags: TagRule['tags']; themes: readonly Theme[] }[] = [
  { tags: { internet_access: ['terminal', 'wired', 'wlan', 'yes'] }, themes: ['digital-inclusion'] },
  { tags: { repair_cafe: 'yes' }, themes: ['making'] },
  { tags: { repair: '*' }, themes: ['making'] },
];

/**
 * Imports an Overpass turbo / osmtogeojson FeatureCollection.
 *
 * @param collection - the parsed GeoJSON
 * @param options - territories, networks, the hours parser, the fallback territory
 */
export function importOsm(collection: unknown, options: ImportOptions): ImportResult {
  const features: unknown[] = isObject(collection) && Array.isArray(collection.features) ? collection.features : [];
  const issues: Issue[] = [];
  const candidates: Candidate[] = [];
  features.forEach((raw, index) => {
    const candidate = convertFeature(raw, index, options, issues);
    if (candidate) candidates.push(candidate);
  });
  return finishImport(
    { format: 'osm-geojson', unit: 'feature', read: features.length, candidates, issues, lenient: true },
    options,
  );
}

function convertFeature(raw: unknown, index: number, options: ImportOptions, issues: Issue[]): Candidate | undefined {
  const where = { file: options.file, unit: 'feature' as const, index };
  if (!isObject(raw)) {
    issues.push({ ...where, severity: 'error', code: 'notObject' });
    return undefined;
  }
  const osmId = osmIdOf(raw);
  const tags = tagsOf(raw);
  const name = readString(tags.name) ?? readString(tags['name:fr']);
  const id = deriveId(name, osmId?.replace('/', '-'));
  const at = { ...where, ...(id !== undefined ? { id } : {}) };

  const position = centroid(raw.geometry);
  if (!position) {
    issues.push({ ...at, severity: 'error', field: 'geometry', code: 'geometryMissing' });
    return undefined;
  }

  const rule = TAG_RULES.find((r) => matches(tags, r.tags));
  const themes = new Set<Theme>(rule?.themes ?? []);
  for (const extra of THEME_TAGS) if (matches(tags, extra.tags)) for (const t of extra.themes) themes.add(t);

  const properties: Record<string, unknown> = {
    id,
    name,
    address: streetAddress(tags),
    postcode: readString(tags['addr:postcode']),
    commune: readString(tags['addr:city']) ?? readString(tags['addr:municipality']),
  };
  // Absent rather than empty, so that the validator says "missing" for what OSM lacks.
  if (rule) {
    properties.category = rule.category;
    properties.roles = [...CATEGORY_ROLES[rule.category]];
  }
  if (themes.size > 0) properties.themes = THEMES.filter((t) => themes.has(t));
  const url = readString(tags.website) ?? readString(tags['contact:website']) ?? readString(tags.url);
  if (url) properties.url = url;
  const email = readString(tags.email) ?? readString(tags['contact:email']);
  if (email) properties.email = email;
  const phone = readString(tags.phone) ?? readString(tags['contact:phone']);
  if (phone) properties.phone = phone;
  const description = readString(tags['description:fr']) ?? readString(tags.description);
  if (description) properties.description = description;
  const hours = readString(tags.opening_hours);
  if (hours) properties.opening_hours = hours;
  const wheelchair = readString(tags.wheelchair);
  if (wheelchair) properties.wheelchair = wheelchair;
  const timestamp = timestampOf(raw);
  if (timestamp) properties.updated = timestamp;
  if (osmId) properties.source = `https://www.openstreetmap.org/${osmId} (OpenStreetMap ${osmId}, ODbL)`;

  return { feature: { type: 'Feature', geometry: { type: 'Point', coordinates: position }, properties }, index };
}

/** The OSM tags: `properties.tags` (nested layout) or the properties not starting with `@` (flat layout). */
function tagsOf(feature: Record<string, unknown>): Tags {
  const props = isObject(feature.properties) ? feature.properties : {};
  const source = isObject(props.tags) ? props.tags : props;
  const tags: Record<string, string> = Object.create(null);
  for (const [key, value] of Object.entries(source)) {
    if (!key.startsWith('@') && typeof value === 'string') tags[key] = value;
  }
  return tags;
}

function timestampOf(feature: Record<string, unknown>): string | undefined {
  const props = isObject(feature.properties) ? feature.properties : {};
  const meta = isObject(props.meta) ? props.meta : {};
  const stamp = props['@timestamp'] ?? meta.timestamp;
  return typeof stamp === 'string' && /^\d{4}-\d{2}-\d{2}/.test(stamp) ? stamp.slice(0, 10) : undefined;
}

function matches(tags: Tags, wanted: TagRule['tags']): boolean {
  return Object.entries(wanted).every(([key, value]) => {
    const actual = Object.hasOwn(tags, key) ? tags[key] : undefined;
    if (actual === undefined) return false;
    if (value === '*') return actual !== 'no';
    return typeof value === 'string' ? actual === value : value.includes(actual);
  });
}

function streetAddress(tags: Tags): string | undefined {
  const street = readString(tags['addr:street']) ?? readString(tags['addr:place']);
  if (street === undefined) return undefined;
  const number = readString(tags['addr:housenumber']);
  return number ? `${number} ${street}` : street;
}

/** Decimal places kept on a computed centroid: 7, OSM's own precision (about 1 cm). */
const CENTROID_DIGITS = 7;

/**
 * A point to stand for a geometry: a Point as is; a polygon's area-weighted
 * centroid (outer rings, planar in degrees: fine at the scale of a building);
 * the mean of vertices for lines and degenerate polygons. Undefined when
 * there is nothing to place.
 */
export function centroid(geometry: unknown): LonLat | undefined {
  // A walk with a stack of its own, depth first in file order: a GeometryCollection
  // nested 20,000 deep must not overflow the call stack.
  const stack: unknown[] = [geometry];
  while (stack.length > 0) {
    const g = stack.pop();
    if (!isObject(g)) continue;
    if (g.type === 'GeometryCollection') {
      const members = g.geometries;
      if (Array.isArray(members)) for (let i = members.length - 1; i >= 0; i--) stack.push(members[i]);
      continue;
    }
    const position = simpleCentroid(g);
    if (position) return position;
  }
  return undefined;
}

/** The centroid of one geometry that is not a collection. */
function simpleCentroid(geometry: Record<string, unknown>): LonLat | undefined {
  const c = geometry.coordinates;
  switch (geometry.type) {
    case 'Point':
      return isPosition(c) ? [c[0], c[1]] : undefined;
    case 'MultiPoint':
    case 'LineString':
      return Array.isArray(c) ? round(meanOf(c.filter(isPosition))) : undefined;
    case 'MultiLineString':
      return Array.isArray(c) ? round(meanOf(c.flat().filter(isPosition))) : undefined;
    case 'Polygon':
      return Array.isArray(c) ? round(ringsCentroid([c[0]])) : undefined;
    case 'MultiPolygon':
      return Array.isArray(c)
        ? round(ringsCentroid(c.map((polygon) => (Array.isArray(polygon) ? polygon[0] : undefined))))
        : undefined;
    default:
      return undefined;
  }
}

function isPosition(value: unknown): value is [number, number] {
  return Array.isArray(value) && value.length >= 2 && Number.isFinite(value[0]) && Number.isFinite(value[1]);
}

function meanOf(points: readonly [number, number][]): LonLat | undefined {
  if (points.length === 0) return undefined;
  let lon = 0;
  let lat = 0;
  for (const p of points) {
    lon += p[0];
    lat += p[1];
  }
  return [lon / points.length, lat / points.length];
}

function ringsCentroid(rings: readonly unknown[]): LonLat | undefined {
  const vertices: [number, number][] = [];
  const closedRings: [number, number][][] = [];
  for (const ring of rings) {
    if (!Array.isArray(ring)) continue;
    const points = ring.filter(isPosition);
    for (const point of points) vertices.push(point);
    closedRings.push(points);
  }
  if (vertices.length === 0) return undefined;
  // Relative to the first vertex: absolute degrees would cancel out the tiny area of a building.
  const [ox, oy] = vertices[0]!;
  let area = 0;
  let cx = 0;
  let cy = 0;
  for (const points of closedRings) {
    let ringArea = 0;
    let ringX = 0;
    let ringY = 0;
    for (let i = 0; i + 1 < points.length; i++) {
      const x0 = points[i]![0] - ox;
      const y0 = points[i]![1] - oy;
      const x1 = points[i + 1]![0] - ox;
      const y1 = points[i + 1]![1] - oy;
      const cross = x0 * y1 - x1 * y0;
      ringArea += cross;
      ringX += (x0 + x1) * cross;
      ringY += (y0 + y1) * cross;
    }
    // Ring orientation varies between producers: each outer ring counts positively.
    const sign = ringArea < 0 ? -1 : 1;
    area += sign * ringArea;
    cx += sign * ringX;
    cy += sign * ringY;
  }
  if (Math.abs(area) < 1e-16) return meanOf(vertices);
  return [ox + cx / (3 * area), oy + cy / (3 * area)];
}

function round(position: LonLat | undefined): LonLat | undefined {
  if (!position) return undefined;
  const f = 10 ** CENTROID_DIGITS;
  return [Math.round(position[0] * f) / f, Math.round(position[1] * f) / f];
}
