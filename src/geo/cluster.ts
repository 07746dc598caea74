import KDBush from 'kdbush';
import { latY, lngX, xLng, yLat } from './mercator';

/**
 * Clustering of the filtered actors, one zoom level at a time, in a worker.
 *
 * Why not MapLibre's clustered GeoJSON source: it copies every feature to its
 * worker and rebuilds a cluster index of every zoom on each `setData`, about
 * 1–2 s at 100,000 actors, on every filter change. Here the positions arrive
 * once as typed arrays; a filter sends the kept indices; only the zoom on
 * screen is clustered (tens of milliseconds), and only the clusters around the
 * viewport go to the map, as a small plain GeoJSON source. Counts are exact:
 * every kept actor is in exactly one cluster or drawn alone.
 */
export const CLUSTER_OPTIONS = {
  /**
   * Pixel radius within which actors are merged, at MapLibre's 512 px tiles, from the country down
   * to a département; it narrows at city zooms (see `clusterRadius`).
   */
  radius: 48,
  /** The narrowest radius, from `cityZoom` on: a marker's width (`MARKER_PX`), so single actors never overlap. */
  cityRadius: 24,
  /** Zooms over which the radius narrows from `radius` to `cityRadius`: a region is framed at about 6, a city at 10 to 13. */
  narrowFrom: 6,
  cityZoom: 10,
  /** Deepest zoom at which actors are still clustered; beyond, every actor shows. */
  maxZoom: 14,
  /** Points per kd-tree leaf. */
  nodeSize: 64,
};

/** The actors' columns, sent once. */
export interface ClusterInput {
  lon: Float64Array;
  lat: Float64Array;
  /** Index of the category in `CATEGORIES`. */
  category: Uint8Array;
  ids: string[];
  names: string[];
  categories: readonly string[];
}

export type Bbox = [west: number, south: number, east: number, north: number];

export interface ClusterFeature {
  type: 'Feature';
  geometry: { type: 'Point'; coordinates: [number, number] };
  properties: Record<string, string | number | boolean>;
}

/** One zoom's clusters: centres in Mercator units [0, 1], member lists and category counts. */
interface Level {
  x: Float64Array;
  y: Float64Array;
  /** Members of each cluster (indices into the input); a single actor is a cluster of one. */
  members: Uint32Array[];
  /** Per cluster, `categories.length` counts in a row. */
  counts: Uint32Array;
  index: KDBush;
}

export class ZoomClusters {
  private readonly x: Float64Array;
  private readonly y: Float64Array;
  private kept: Uint32Array = new Uint32Array(0);
  private keptIndex: KDBush | null = null;
  private readonly levels = new Map<number, Level>();
  /** Counts filter changes: a cluster id from before the last one names nothing any more. */
  private generation = 0;

  constructor(private readonly input: ClusterInput) {
    const n = input.lon.length;
    this.x = new Float64Array(n);
    this.y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      this.x[i] = lngX(input.lon[i]!);
      this.y[i] = latY(input.lat[i]!);
    }
  }

  /** Keeps only these actors (the filtered ones); levels are recomputed on demand. */
  setKept(kept: Uint32Array): void {
    this.kept = kept;
    this.levels.clear();
    this.generation = (this.generation + 1) % GENERATIONS;
    const index = new KDBush(kept.length, CLUSTER_OPTIONS.nodeSize, Float64Array);
    for (let k = 0; k < kept.length; k++) index.add(this.x[kept[k]!]!, this.y[kept[k]!]!);
    index.finish();
    this.keptIndex = index;
  }

  /**
   * The clusters and single actors whose position falls in `bbox` at `zoom`,
   * as GeoJSON features with the properties MapLibre's cluster source gives
   * (`cluster`, `cluster_id`, `point_count`, `point_count_abbreviated`) plus a
   * count per category (`n_<category>`); single actors carry `id`, `name`, `category`.
   */
  features(zoom: number, bbox: Bbox): ClusterFeature[] {
    const z = Math.max(0, Math.min(Math.floor(zoom), CLUSTER_OPTIONS.maxZoom + 1));
    const level = this.level(z);
    const [minX, minY, maxX, maxY] = [lngX(bbox[0]), latY(bbox[3]), lngX(bbox[2]), latY(bbox[1])];
    const out: ClusterFeature[] = [];
    const categories = this.input.categories;
    for (const c of level.index.range(minX, minY, maxX, maxY)) {
      const members = level.members[c]!;
      if (members.length === 1) {
        const i = members[0]!;
        out.push({
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [this.input.lon[i]!, this.input.lat[i]!] },
          properties: {
            id: this.input.ids[i]!,
            name: this.input.names[i]!,
            category: categories[this.input.category[i]!]!,
          },
        });
        continue;
      }
      const properties: Record<string, string | number | boolean> = {
        cluster: true,
        cluster_id: clusterId(this.generation, z, c),
        point_count: members.length,
        point_count_abbreviated: abbreviate(members.length),
      };
      for (let k = 0; k < categories.length; k++)
        properties[`n_${categories[k]}`] = level.counts[c * categories.length + k]!;
      out.push({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [xLng(level.x[c]!), yLat(level.y[c]!)] },
        properties,
      });
    }
    return out;
  }

  /** The ids of a cluster's actors; none for an id made before the last filter change. */
  members(id: number): string[] {
    const at = this.decode(id);
    const members = at ? this.levels.get(at.z)?.members[at.index] : undefined;
    return members ? [...members].map((i) => this.input.ids[i]!) : [];
  }

  /**
   * The first zoom at which the cluster's actors no longer all fall in one cluster (at most
   * `maxZoom + 1`); -1 for an id made before the last filter change (a click on a cluster
   * still drawn from the previous filter).
   */
  expansionZoom(id: number): number {
    const at = this.decode(id);
    if (!at) return -1;
    const { z } = at;
    const members = this.levels.get(z)?.members[at.index];
    if (!members || members.length < 2) return z + 1;
    const first = members[0]!;
    for (let next = z + 1; next <= CLUSTER_OPTIONS.maxZoom; next++) {
      const level = this.level(next);
      const home = level.members.findIndex((m) => m.includes(first));
      if (level.members[home]!.length < members.length) return next;
    }
    return CLUSTER_OPTIONS.maxZoom + 1;
  }

  /** The zoom and index an id names, or null when it is from another filter. */
  private decode(id: number): { z: number; index: number } | null {
    const rest = Math.floor(id / CLUSTER_ID_STRIDE);
    if (Math.floor(rest / ZOOMS) !== this.generation) return null;
    return { z: rest % ZOOMS, index: id % CLUSTER_ID_STRIDE };
  }

  /**
   * Greedy clustering of the kept actors at one zoom, as supercluster does for
   * each level: each actor not yet taken gathers the untaken actors within
   * the radius, weighted centre. Beyond `maxZoom`, every actor stands alone.
   */
  private level(z: number): Level {
    const cached = this.levels.get(z);
    if (cached) return cached;
    const kept = this.kept;
    const n = kept.length;
    const k = this.input.categories.length;
    const taken = new Uint8Array(n);
    const cx: number[] = [];
    const cy: number[] = [];
    const members: Uint32Array[] = [];
    const counts: number[] = [];
    const r = z > CLUSTER_OPTIONS.maxZoom ? 0 : clusterRadius(z) / (512 * 2 ** z);
    for (let a = 0; a < n; a++) {
      if (taken[a]) continue;
      const i = kept[a]!;
      const group = r > 0 ? this.keptIndex!.within(this.x[i]!, this.y[i]!, r).filter((b) => !taken[b]) : [a];
      if (!group.includes(a)) group.push(a);
      let sx = 0;
      let sy = 0;
      const ids = new Uint32Array(group.length);
      const row = new Array<number>(k).fill(0);
      group.forEach((b, m) => {
        taken[b] = 1;
        const j = kept[b]!;
        ids[m] = j;
        sx += this.x[j]!;
        sy += this.y[j]!;
        row[this.input.category[j]!]!++;
      });
      cx.push(sx / group.length);
      cy.push(sy / group.length);
      members.push(ids);
      for (const n of row) counts.push(n);
    }
    const index = new KDBush(cx.length, CLUSTER_OPTIONS.nodeSize, Float64Array);
    for (let c = 0; c < cx.length; c++) index.add(cx[c]!, cy[c]!);
    index.finish();
    const level = {
      x: Float64Array.from(cx),
      y: Float64Array.from(cy),
      members,
      counts: Uint32Array.from(counts),
      index,
    };
    this.levels.set(z, level);
    return level;
  }
}

/**
 * The merging radius at a zoom, in pixels: wide when the view holds a country or a region, so that
 * its thousands of actors make a few readable donuts; narrower from a département's zoom to a city's,
 * so that a dozen places in a city show as several marks rather than one donut (issue 17).
 */
export function clusterRadius(zoom: number): number {
  const { radius, cityRadius, narrowFrom, cityZoom } = CLUSTER_OPTIONS;
  const t = Math.max(0, Math.min(1, (zoom - narrowFrom) / (cityZoom - narrowFrom)));
  return Math.round(radius + (cityRadius - radius) * t);
}

/**
 * Cluster ids say their filter generation and their zoom, so a click is answered after the view
 * moved on, and refused after the filter changed. Below 2^53: 2^20 × 32 × 2^24 = 2^49.
 */
const CLUSTER_ID_STRIDE = 1 << 24;
const ZOOMS = 32;
const GENERATIONS = 1 << 20;
function clusterId(generation: number, z: number, index: number): number {
  return (generation * ZOOMS + z) * CLUSTER_ID_STRIDE + index;
}

/** A count as a cluster shows it: 1234 → "1.2k". */
export function abbreviate(count: number): string {
  return count >= 10_000
    ? `${Math.round(count / 1000)}k`
    : count >= 1000
      ? `${Math.round(count / 100) / 10}k`
      : String(count);
}
