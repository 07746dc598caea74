import { homeTerritory } from '../core/territory-id';
/**
 * The islands of the archipelago (docs/data-model.md, "Links: the archipelago"): each
 * territory's actors drawn as one soft hull, and a point to label it.
 */
import concaveman from 'concaveman';
import pointInPolygon from 'point-in-polygon';
import type { Feature, FeatureCollection, Point, Polygon, Position } from 'geojson';
import type { ActorFeature, LonLat, Territory } from '../core/types';

export interface IslandProperties {
  /** Territory id. */
  territory: string;
  /** Territory name, or its id when the territory is not in the list. */
  name: string;
  /** Number of actors on the island (of those passed in). */
  actors: number;
}

export type IslandFeature = Feature<Polygon, IslandProperties>;

/** The islands and a point to label each. */
export interface Islands {
  islands: FeatureCollection<Polygon, IslandProperties>;
  labels: FeatureCollection<Point, IslandProperties>;
}

export interface IslandOptions {
  /** Margin around the actors, in kilometres. */
  radius?: number;
  /** Concavity of the hull (concaveman): 1 hugs the actors, Infinity is the convex hull. */
  concavity?: number;
  /** Chaikin smoothing passes on the hull; 0 for none. */
  smoothing?: number;
}

const DEFAULTS: Required<IslandOptions> = {
  radius: 1.5, // km: wide enough to read at zoom 8, narrow enough to keep neighbouring communes apart
  concavity: 3, // follows the shape of a metropole (a bay, a valley) without tracing every street
  smoothing: 1, // rounds the inner corners that the hull leaves sharp
};

/** Kilometres in a degree of latitude. */
const KM_PER_DEGREE = 111.32;

/**
 * Actors in the same cell of a grid of `radius / 4` count as one point for the
 * hull: an actor then lies at most a quarter of the margin from its cell's
 * point, so it stays on the island, while 100,000 actors shrink to a few
 * thousand points.
 */
const GRID_SHARE = 1 / 4;

/** Larger than the number of cells across the world at any sensible radius (360° / 0.0001°). */
const CELL_OFFSET = 4_000_000;
/** Key step from one column of the grid to the next. */
const COLUMN = 2 * CELL_OFFSET;

/**
 * One island per territory that has actors among those passed in (the
 * filtered ones): the concave hull of its actors with a margin of `radius`,
 * smoothed (see `softHull`). A territory with one or two distinct positions
 * gets a disc or a capsule. Islands come in the order of
 * `territories`, then territories missing from it in the order met.
 * @param actors - the filtered actors
 * @param territories - for the names and the order
 * @param options - see {@link IslandOptions}
 */
export function territoryIslands(
  actors: readonly ActorFeature[],
  territories: readonly Pick<Territory, 'id' | 'name'>[],
  options: IslandOptions = {},
): FeatureCollection<Polygon, IslandProperties> {
  return islandsOf(
    {
      count: actors.length,
      lon: (i) => actors[i]!.geometry.coordinates[0],
      lat: (i) => actors[i]!.geometry.coordinates[1],
      territory: (i) => homeTerritory(actors[i]!.properties),
    },
    territories,
    options,
  );
}

/** Positions and territories by index: actors, or the columns the islands worker holds. */
export interface IslandPoints {
  count: number;
  lon(i: number): number;
  lat(i: number): number;
  territory(i: number): string;
}

/** {@link territoryIslands} of points given by index, without making features of them. */
export function islandsOf(
  points: IslandPoints,
  territories: readonly Pick<Territory, 'id' | 'name'>[],
  options: IslandOptions = {},
): FeatureCollection<Polygon, IslandProperties> {
  const { radius, concavity, smoothing } = { ...DEFAULTS, ...options };
  const grid = (radius * GRID_SHARE) / KM_PER_DEGREE;
  const groups = new Map<string, { cells: Map<number, LonLat>; count: number }>();
  for (const territory of territories) groups.set(territory.id, { cells: new Map(), count: 0 });
  for (let i = 0; i < points.count; i++) {
    const id = points.territory(i);
    // An actor with neither `territory` nor a known commune belongs to no island.
    if (id === '') continue;
    let group = groups.get(id);
    if (!group) {
      group = { cells: new Map(), count: 0 };
      groups.set(id, group);
    }
    const lon = points.lon(i);
    const lat = points.lat(i);
    // Column and row, offset to stay positive: a safe integer key, cheaper than a string.
    const cell = (Math.floor(lon / grid) + CELL_OFFSET) * COLUMN + Math.floor(lat / grid) + CELL_OFFSET;
    if (!group.cells.has(cell)) group.cells.set(cell, [lon, lat]);
    group.count++;
  }

  const names = new Map(territories.map((t) => [t.id, t.name]));
  const features: IslandFeature[] = [];
  for (const [territory, { cells, count }] of groups) {
    if (count === 0) continue;
    const island = softHull([...cells.values()], radius, concavity, smoothing);
    features.push({
      type: 'Feature',
      id: territory,
      geometry: island,
      properties: { territory, name: names.get(territory) ?? territory, actors: count },
    });
  }
  return { type: 'FeatureCollection', features };
}

/**
 * A point inside each island to hang its label on: the island's centre of
 * mass when it falls inside (the usual case), else its pole of inaccessibility
 * (polylabel), the inner point farthest from the coast. polylabel's code is fetched the first time
 * it is needed: the embed's first load does without it.
 * @param islands - from {@link territoryIslands}
 */
export async function islandLabels(
  islands: FeatureCollection<Polygon, IslandProperties>,
): Promise<FeatureCollection<Point, IslandProperties>> {
  const features: Feature<Point, IslandProperties>[] = [];
  for (const island of islands.features)
    features.push({
      type: 'Feature',
      id: island.properties.territory,
      geometry: { type: 'Point', coordinates: await labelPoint(island.geometry.coordinates[0]!) },
      properties: { ...island.properties },
    });
  return { type: 'FeatureCollection', features };
}

let polylabel: Promise<typeof import('polylabel').default> | null = null;

async function labelPoint(ring: Position[]): Promise<LonLat> {
  const centre = centreOfMass(ring);
  if (centre && pointInPolygon(centre, ring)) return centre;
  polylabel ??= import('polylabel').then((m) => m.default);
  // A tenth of a kilometre is precise enough for a label.
  const [lon, lat] = (await polylabel)([ring as [number, number][]], 0.1 / KM_PER_DEGREE);
  return [lon!, lat!];
}

/** The centroid of a closed ring's area (shoelace formula), or undefined when the ring has no area. */
function centreOfMass(ring: Position[]): LonLat | undefined {
  // Relative to the first vertex, for precision.
  const [x0, y0] = ring[0] as LonLat;
  let area = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const ax = ring[i]![0]! - x0;
    const ay = ring[i]![1]! - y0;
    const bx = ring[i + 1]![0]! - x0;
    const by = ring[i + 1]![1]! - y0;
    const cross = ax * by - bx * ay;
    area += cross;
    cx += (ax + bx) * cross;
    cy += (ay + by) * cross;
  }
  if (area === 0) return undefined;
  return [x0 + cx / (3 * area), y0 + cy / (3 * area)];
}

/** Points on the circle drawn around each position: enough for a round coast at any zoom we use. */
const RING_POINTS = 16;

/**
 * The soft hull: the concave hull (concaveman) of a ring of points at `radius`
 * around every position, rounded by Chaikin's corner cutting. For the convex
 * parts that is the hull buffered by `radius`, without a buffer's cost and
 * weight (turf's buffer pulls in 70 kB gzip of JSTS); every position stays at
 * least about `radius` inside. One position gives a disc, two a capsule.
 */
function softHull(points: LonLat[], radius: number, concavity: number, smoothing: number): Polygon {
  const around: LonLat[] = [];
  for (const [lon, lat] of points) {
    const kmPerDegreeLon = KM_PER_DEGREE * Math.cos((lat * Math.PI) / 180);
    for (let k = 0; k < RING_POINTS; k++) {
      const angle = (2 * Math.PI * k) / RING_POINTS;
      around.push([
        lon + (radius * Math.cos(angle)) / kmPerDegreeLon,
        lat + (radius * Math.sin(angle)) / KM_PER_DEGREE,
      ]);
    }
  }
  let ring: Position[] = concaveman(around, concavity);
  for (let pass = 0; pass < smoothing; pass++) ring = chaikin(ring);
  return { type: 'Polygon', coordinates: [ring] };
}

/**
 * One pass of Chaikin's corner cutting on a closed ring: each edge gives its
 * points at a quarter and three quarters. The ring stays closed.
 */
function chaikin(ring: Position[]): Position[] {
  const out: Position[] = [];
  for (let i = 0; i + 1 < ring.length; i++) {
    const [ax, ay] = ring[i] as LonLat;
    const [bx, by] = ring[i + 1] as LonLat;
    out.push([0.75 * ax + 0.25 * bx, 0.75 * ay + 0.25 * by], [0.25 * ax + 0.75 * bx, 0.25 * ay + 0.75 * by]);
  }
  out.push(out[0]!);
  return out;
}
