/**
 * The islands of the archipelago (DESIGN.md, "Links: the archipelago"): each
 * territory's actors drawn as one soft hull, and a point to label it.
 */
import {
  area,
  booleanPointInPolygon,
  buffer,
  centerOfMass,
  convex,
  lineString,
  multiPoint,
  point,
  pointOnFeature,
  polygonSmooth,
  simplify,
} from '@turf/turf';
import type { Feature, FeatureCollection, LineString, MultiPolygon, Point, Polygon } from 'geojson';
import type { ActorFeature, LonLat, Territory } from '../data/types';

export interface IslandProperties {
  /** Territory id. */
  territory: string;
  /** Territory name, or its id when the territory is not in the list. */
  name: string;
  /** Number of actors on the island (of those passed in). */
  actors: number;
}

export type IslandFeature = Feature<Polygon | MultiPolygon, IslandProperties>;

export interface IslandOptions {
  /** Margin around the actors, in kilometres. */
  radius?: number;
  /** Concavity of the hull (concaveman): 1 hugs the actors, Infinity is the convex hull. */
  concavity?: number;
  /** Chaikin smoothing passes on the buffered hull; 0 for none. */
  smoothing?: number;
}

const DEFAULTS: Required<IslandOptions> = {
  radius: 1.5, // km: wide enough to read at zoom 8, narrow enough to keep neighbouring communes apart
  concavity: 3, // follows the shape of a metropole (a bay, a valley) without tracing every street
  smoothing: 1, // rounds the inner corners that a buffer leaves sharp
};

/** Kilometres in a degree of latitude. */
const KM_PER_DEGREE = 111.32;

/**
 * Actors in the same cell of a grid of `radius / 4` count as one point for the
 * hull, and the hull is simplified by `radius / 3`: an actor may then lie up to
 * 0.7 × `radius` outside the hull, so it is still on the island, while 100,000
 * actors shrink to a few thousand points and the buffer (the costly part) gets
 * few vertices.
 */
const GRID_SHARE = 1 / 4;
const SIMPLIFY_SHARE = 1 / 3;

/** Larger than the number of cells across the world at any sensible radius (360° / 0.0001°). */
const CELL_OFFSET = 4_000_000;

/**
 * One island per territory that has actors among those passed in (the
 * filtered ones): the concave hull of its actors, buffered by `radius` and
 * smoothed. A territory with one or two distinct positions (or all in a line)
 * gets the buffer of that point or segment. Islands come in the order of
 * `territories`, then territories missing from it in the order met.
 * @param actors - the filtered actors
 * @param territories - for the names and the order
 * @param options - see {@link IslandOptions}
 */
export function territoryIslands(
  actors: readonly ActorFeature[],
  territories: readonly Territory[],
  options: IslandOptions = {},
): FeatureCollection<Polygon | MultiPolygon, IslandProperties> {
  const { radius, concavity, smoothing } = { ...DEFAULTS, ...options };
  const grid = (radius * GRID_SHARE) / KM_PER_DEGREE;
  const groups = new Map<string, { cells: Map<number, LonLat>; count: number }>();
  for (const territory of territories) groups.set(territory.id, { cells: new Map(), count: 0 });
  for (const actor of actors) {
    const id = actor.properties.territory;
    let group = groups.get(id);
    if (!group) {
      group = { cells: new Map(), count: 0 };
      groups.set(id, group);
    }
    const [lon, lat] = actor.geometry.coordinates;
    // Column and row, offset to stay positive: a safe integer key, cheaper than a string.
    const cell = (Math.floor(lon / grid) + CELL_OFFSET) * 2 * CELL_OFFSET + Math.floor(lat / grid) + CELL_OFFSET;
    if (!group.cells.has(cell)) group.cells.set(cell, [lon, lat]);
    group.count++;
  }

  const names = new Map(territories.map((t) => [t.id, t.name]));
  const features: IslandFeature[] = [];
  for (const [territory, { cells, count }] of groups) {
    if (count === 0) continue;
    const island = softHull([...cells.values()], radius, concavity, smoothing);
    if (!island) continue;
    features.push({ type: 'Feature', id: territory, geometry: island, properties: { territory, name: names.get(territory) ?? territory, actors: count } });
  }
  return { type: 'FeatureCollection', features };
}

/**
 * A point inside each island to hang its label on: the island's centre of mass
 * when it falls inside (the usual case), else a point on its surface.
 * @param islands - from {@link territoryIslands}
 */
export function islandLabels(
  islands: FeatureCollection<Polygon | MultiPolygon, IslandProperties>,
): FeatureCollection<Point, IslandProperties> {
  return {
    type: 'FeatureCollection',
    features: islands.features.map((island) => ({
      type: 'Feature',
      id: island.properties.territory,
      geometry: labelPoint(island),
      properties: { ...island.properties },
    })),
  };
}

function labelPoint(island: IslandFeature): Point {
  const centre = centerOfMass(island).geometry;
  return booleanPointInPolygon(centre, island) ? centre : pointOnFeature(island).geometry;
}

function softHull(points: LonLat[], radius: number, concavity: number, smoothing: number): Polygon | MultiPolygon | undefined {
  const buffered = buffer(hullCore(points, concavity, (radius * SIMPLIFY_SHARE) / KM_PER_DEGREE), radius, { units: 'kilometers' });
  if (!buffered) return undefined;
  if (smoothing <= 0) return buffered.geometry;
  return polygonSmooth(buffered, { iterations: smoothing }).features[0]?.geometry ?? buffered.geometry;
}

/** The shape to buffer: the hull, or the point or segment when the actors do not span an area. */
function hullCore(points: LonLat[], concavity: number, tolerance: number): Point | LineString | Polygon {
  if (points.length === 1) return point(points[0]!).geometry;
  if (points.length >= 3) {
    const hull = convex(multiPoint(points), { concavity });
    // A jagged hull makes a slow buffer: simplify it first, by much less than the margin.
    if (hull && area(hull) > 1) return hull.geometry.coordinates[0]!.length > 8 ? simplify(hull.geometry, { tolerance }) : hull.geometry;
  }
  // Two points, or points in a line: the segment between the extremes.
  const sorted = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return lineString([sorted[0]!, sorted[sorted.length - 1]!]).geometry;
}
