import { booleanPointInPolygon, destination } from '@turf/turf';
import { describe, expect, test } from 'vitest';
import { islandLabels, territoryIslands } from '../../src/geo/islands';
import type { IslandFeature } from '../../src/geo/islands';
import type { ActorFeature, LonLat, Territory } from '../../src/core/types';
import { actorFixture } from './fixtures';
import { seededRandom } from '../../scripts/generate-actors';

function actor(id: string, territory: string, coordinates: LonLat): ActorFeature {
  return actorFixture({ id, name: id, territory }, coordinates);
}

const b1 = actor('b1', 'brest', [-4.5, 48.4]);
const b2 = actor('b2', 'brest', [-4.46, 48.4]);
const b3 = actor('b3', 'brest', [-4.48, 48.43]);
const g1 = actor('g1', 'grenoble', [5.72, 45.18]);
const g2 = actor('g2', 'grenoble', [5.74, 45.19]);
const g3 = actor('g3', 'grenoble', [5.73, 45.2]);
const actors = [b1, b2, b3, g1, g2, g3];

const territories: Territory[] = [
  { id: 'brest', name: 'Brest', center: [-4.4856, 48.3908], bbox: [-4.66, 48.29, -4.3, 48.47] },
  { id: 'grenoble', name: 'Grenoble', center: [5.7264, 45.1869], bbox: [5.53, 44.98, 5.95, 45.32] },
  { id: 'lyon', name: 'Lyon', center: [4.83, 45.76], bbox: [4.7, 45.6, 5.0, 45.9] },
];

const inside = (island: IslandFeature, at: LonLat | number[]) => booleanPointInPolygon(at, island);
const island = (some: ActorFeature[], id: string): IslandFeature => {
  const found = territoryIslands(some, territories).features.find((f) => f.properties.territory === id);
  if (!found) throw new Error(`no island ${id}`);
  return found;
};

describe('territoryIslands', () => {
  test('one island per territory with actors, in the order of the territories, named and counted', () => {
    const islands = territoryIslands([g1, b1, g2, b2, g3, b3], territories);
    expect(islands.features.map((f) => f.properties)).toEqual([
      { territory: 'brest', name: 'Brest', actors: 3 },
      { territory: 'grenoble', name: 'Grenoble', actors: 3 },
    ]);
  });
  test('the hull contains all its actors and none of another territory', () => {
    const brest = island(actors, 'brest');
    const grenoble = island(actors, 'grenoble');
    for (const a of [b1, b2, b3]) expect(inside(brest, a.geometry.coordinates)).toBe(true);
    for (const a of [g1, g2, g3]) expect(inside(grenoble, a.geometry.coordinates)).toBe(true);
    expect(inside(brest, g1.geometry.coordinates)).toBe(false);
    expect(inside(grenoble, b1.geometry.coordinates)).toBe(false);
  });
  test('the margin is about 1.5 km beyond the outermost actor', () => {
    // b2 is the easternmost Brest actor: 1.3 km east of it is on the island, 1.7 km is not.
    const brest = island(actors, 'brest');
    expect(inside(brest, destination(b2.geometry.coordinates, 1.3, 90).geometry.coordinates)).toBe(true);
    expect(inside(brest, destination(b2.geometry.coordinates, 1.7, 90).geometry.coordinates)).toBe(false);
  });
  test('every actor of a crowded, jagged territory stays on its island', () => {
    // 2,000 actors scattered over 30 × 20 km, as the hull is drawn on a coarse grid.
    const random = seededRandom(7);
    const crowd = Array.from({ length: 2000 }, (_, i) =>
      actor(`c${i}`, 'crowd', [5.55 + random() * random() * 0.4, 45.1 + random() * 0.18]),
    );
    const islands = territoryIslands(crowd, []);
    expect(islands.features).toHaveLength(1);
    expect(islands.features[0]!.properties.actors).toBe(2000);
    const outside = crowd.filter((a) => !inside(islands.features[0]!, a.geometry.coordinates));
    expect(outside).toEqual([]);
  });
  test('a territory with one actor gets a disc of about 1.5 km around it', () => {
    const lone = island([g2], 'grenoble');
    expect(lone.properties.actors).toBe(1);
    expect(inside(lone, g2.geometry.coordinates)).toBe(true);
    for (const bearing of [0, 90, 180, 270]) {
      expect(inside(lone, destination(g2.geometry.coordinates, 1.4, bearing).geometry.coordinates)).toBe(true);
      expect(inside(lone, destination(g2.geometry.coordinates, 1.6, bearing).geometry.coordinates)).toBe(false);
    }
  });
  test('a territory with two actors gets the buffer of the segment between them', () => {
    const pair = island([b1, b2], 'brest');
    expect(pair.properties.actors).toBe(2);
    expect(inside(pair, [-4.5, 48.4])).toBe(true);
    expect(inside(pair, [-4.46, 48.4])).toBe(true);
    expect(inside(pair, [-4.48, 48.4])).toBe(true);
    // 0.03° of latitude is 3.3 km: beyond the margin.
    expect(inside(pair, [-4.48, 48.43])).toBe(false);
  });
  test('actors in a line still make an island containing them all', () => {
    const line = [actor('l1', 'line', [1, 45]), actor('l2', 'line', [1.01, 45]), actor('l3', 'line', [1.02, 45])];
    const islands = territoryIslands(line, []);
    expect(islands.features).toHaveLength(1);
    for (const a of line) expect(inside(islands.features[0]!, a.geometry.coordinates)).toBe(true);
  });
  test('a territory missing from the list is named by its id', () => {
    expect(territoryIslands([actor('x', 'quimper', [-4.1, 48])], territories).features[0]!.properties).toEqual({
      territory: 'quimper',
      name: 'quimper',
      actors: 1,
    });
  });
  test('actors at the same place count one by one', () => {
    const twins = [actor('t1', 'brest', [-4.5, 48.4]), actor('t2', 'brest', [-4.5, 48.4])];
    expect(island(twins, 'brest').properties.actors).toBe(2);
  });
  test('no actors, no islands', () => {
    expect(territoryIslands([], territories).features).toEqual([]);
  });
});

describe('islandLabels', () => {
  test('one point per island, on the island, with the same properties', async () => {
    const islands = territoryIslands(actors, territories);
    const labels = await islandLabels(islands);
    expect(labels.features.map((f) => f.properties)).toEqual(islands.features.map((f) => f.properties));
    for (const [i, label] of labels.features.entries())
      expect(inside(islands.features[i]!, label.geometry.coordinates)).toBe(true);
  });
  test('an island shaped like a U, whose centre of mass is in the bay: the label is on the land', async () => {
    // A U open to the north: its centre of mass falls in the gap between its arms.
    const ring = [
      [0, 0],
      [3, 0],
      [3, 3],
      [2, 3],
      [2, 1],
      [1, 1],
      [1, 3],
      [0, 3],
      [0, 0],
    ];
    const u = {
      type: 'FeatureCollection' as const,
      features: [
        {
          type: 'Feature' as const,
          geometry: { type: 'Polygon' as const, coordinates: [ring] },
          properties: { territory: 'u', name: 'U', actors: 3 },
        },
      ],
    };
    const [label] = (await islandLabels(u)).features;
    const [x, y] = label!.geometry.coordinates;
    // Not in the bay (1 < x < 2, y > 1), on the land.
    expect(x! > 1 && x! < 2 && y! > 1).toBe(false);
    expect(inside(u.features[0]!, [x!, y!])).toBe(true);
  });
  test('the label of a symmetric island sits at its middle', async () => {
    const label = (await islandLabels(territoryIslands([b1, b2], territories))).features[0]!.geometry.coordinates;
    expect(label[0]).toBeCloseTo(-4.48, 3);
    expect(label[1]).toBeCloseTo(48.4, 3);
  });
});
