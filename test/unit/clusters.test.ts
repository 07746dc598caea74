import { describe, expect, test } from 'vitest';
import { ZoomClusters, CLUSTER_OPTIONS } from '../../src/geo/cluster';
import type { ClusterFeature } from '../../src/geo/cluster';

const CATEGORIES = ['a', 'b', 'c'] as const;

/** Seeded points around three towns. */
function input(n: number) {
  let seed = 7;
  const random = () => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647;
  };
  const towns = [
    [-4.49, 48.39],
    [5.72, 45.19],
    [2.35, 48.85],
  ] as const;
  const lon = new Float64Array(n);
  const lat = new Float64Array(n);
  const category = new Uint8Array(n);
  const ids: string[] = [];
  const names: string[] = [];
  for (let i = 0; i < n; i++) {
    const town = towns[i % towns.length]!;
    lon[i] = town[0] + (random() - 0.5) * 0.4;
    lat[i] = town[1] + (random() - 0.5) * 0.3;
    category[i] = i % CATEGORIES.length;
    ids.push(`p${i}`);
    names.push(`Point ${i}`);
  }
  return { lon, lat, category, ids, names, categories: CATEGORIES };
}

const WORLD: [number, number, number, number] = [-180, -85, 180, 85];
const total = (features: ClusterFeature[]) =>
  features.reduce((sum, f) => sum + (f.properties.cluster ? (f.properties.point_count as number) : 1), 0);

describe('ZoomClusters', () => {
  test('at every zoom, clusters and single actors count exactly the kept actors, category by category', () => {
    const clusters = new ZoomClusters(input(3000));
    const kept = Uint32Array.from({ length: 3000 }, (_, i) => i).filter((i) => i % 4 !== 0);
    clusters.setKept(kept);
    for (let zoom = 0; zoom <= CLUSTER_OPTIONS.maxZoom + 2; zoom++) {
      const features = clusters.features(zoom, WORLD);
      expect(total(features), `zoom ${zoom}`).toBe(kept.length);
      for (const [k, name] of CATEGORIES.entries()) {
        const expected = [...kept].filter((i) => i % CATEGORIES.length === k).length;
        const counted = features.reduce(
          (sum, f) =>
            sum +
            (f.properties.cluster ? (f.properties[`n_${name}`] as number) : f.properties.category === name ? 1 : 0),
          0,
        );
        expect(counted, `zoom ${zoom} category ${name}`).toBe(expected);
      }
    }
  });

  test('zoomed out, actors merge; beyond the deepest cluster zoom, every actor stands alone', () => {
    const clusters = new ZoomClusters(input(300));
    clusters.setKept(Uint32Array.from({ length: 300 }, (_, i) => i));
    expect(clusters.features(4, WORLD).length).toBeLessThanOrEqual(10);
    const deep = clusters.features(CLUSTER_OPTIONS.maxZoom + 1, WORLD);
    expect(deep).toHaveLength(300);
    expect(deep.every((f) => !f.properties.cluster)).toBe(true);
  });

  test('a view returns only what falls inside it', () => {
    const clusters = new ZoomClusters(input(300));
    clusters.setKept(Uint32Array.from({ length: 300 }, (_, i) => i));
    const brest = clusters.features(15, [-5, 48, -4, 49]);
    expect(brest).toHaveLength(100);
    expect(brest.every((f) => f.geometry.coordinates[0] < -4)).toBe(true);
  });

  test('a cluster lists its members and says at which zoom it splits', () => {
    const clusters = new ZoomClusters(input(300));
    clusters.setKept(Uint32Array.from({ length: 300 }, (_, i) => i));
    const cluster = clusters.features(6, WORLD).find((f) => f.properties.cluster)!;
    const id = cluster.properties.cluster_id as number;
    expect(clusters.members(id)).toHaveLength(cluster.properties.point_count as number);
    const split = clusters.expansionZoom(id);
    expect(split).toBeGreaterThan(6);
    const home = clusters
      .features(split, WORLD)
      .filter(
        (f) =>
          clusters.members(id).includes(String(f.properties.id)) ||
          (f.properties.cluster &&
            clusters.members(f.properties.cluster_id as number).some((m) => clusters.members(id).includes(m))),
      );
    expect(home.length).toBeGreaterThan(1);
  });
  test('a cluster id from before a filter change names nothing: no wrong members, no zoom', () => {
    const clusters = new ZoomClusters(input(300));
    clusters.setKept(Uint32Array.from({ length: 300 }, (_, i) => i));
    const old = clusters.features(6, WORLD).find((f) => f.properties.cluster)!.properties.cluster_id as number;
    expect(clusters.members(old).length).toBeGreaterThan(1);
    // Another filter; the same zoom is clustered again, with other clusters at the same indices.
    clusters.setKept(Uint32Array.from({ length: 150 }, (_, i) => i * 2));
    clusters.features(6, WORLD);
    expect(clusters.members(old)).toEqual([]);
    expect(clusters.expansionZoom(old)).toBe(-1);
  });
});
