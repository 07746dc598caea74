import { describe, expect, test } from 'vitest';
import { createNearestIndex } from '../../src/geo/nearest';
import { createLinearIndex } from '../../src/geo/nearest-linear';
import { seededRandom } from '../../scripts/generate-actors';
import { haversineKm } from '../../src/geo/distance';

import type { LonLat } from '../../src/core/types';

type Point = { id: number; geometry: { coordinates: LonLat } };

/** Points over metropolitan France, a share of them stacked on one position (several actors in one building). */
function randomPoints(count: number, random: () => number): Point[] {
  const points: Point[] = [];
  for (let id = 0; id < count; id++) {
    const previous = points[Math.floor(random() * points.length)];
    const coordinates: LonLat =
      previous && random() < 0.1 ? [...previous.geometry.coordinates] : [-5 + random() * 13, 42 + random() * 9];
    points.push({ id, geometry: { coordinates } });
  }
  return points;
}

/** The answer by brute force: every distance, sorted, ties in input order. */
function bruteForce(points: Point[], lat: number, lon: number, n: number, maxKm = Infinity) {
  return points
    .map((point, index) => ({ point, index, km: haversineKm([lon, lat], point.geometry.coordinates) }))
    .filter((entry) => entry.km <= maxKm)
    .sort((a, b) => a.km - b.km || a.index - b.index)
    .slice(0, n);
}

function expectSame(actual: { actor: Point; km: number }[], expected: { point: Point; km: number }[]) {
  expect(actual.map((near) => near.actor.id)).toEqual(expected.map((entry) => entry.point.id));
  for (const [i, near] of actual.entries()) expect(near.km).toBeCloseTo(expected[i]!.km, 9);
}

// The kd-tree, and the scan that answers while the kd-tree's module loads: the same answers.
describe.each([
  ['createNearestIndex', createNearestIndex],
  ['createLinearIndex', createLinearIndex],
])('%s', (_, create: typeof createNearestIndex) => {
  const random = seededRandom(20260714);
  const points = randomPoints(3000, random);
  const index = create(points);
  const queries = Array.from({ length: 40 }, () => ({ lat: 42 + random() * 9, lon: -5 + random() * 13 }));

  test('nearest gives the brute-force answer: same places, same order, same distances', () => {
    for (const { lat, lon } of queries) {
      for (const n of [1, 5, 20]) expectSame(index.nearest(lat, lon, n), bruteForce(points, lat, lon, n));
    }
  });

  test('nearest stops at maxKm', () => {
    for (const { lat, lon } of queries) {
      const near = index.nearest(lat, lon, 50, 30);
      expectSame(near, bruteForce(points, lat, lon, 50, 30));
      for (const { km } of near) expect(km).toBeLessThanOrEqual(30);
    }
  });

  test('accept leaves items out without a new index', () => {
    const even = (point: Point) => point.id % 2 === 0;
    for (const { lat, lon } of queries.slice(0, 10)) {
      expectSame(index.nearest(lat, lon, 10, Infinity, even), bruteForce(points.filter(even), lat, lon, 10));
      expectSame(index.within(lat, lon, 25, even), bruteForce(points.filter(even), lat, lon, Infinity, 25));
    }
  });

  test('places at one position come in input order, also when the limit cuts between them', () => {
    const stacked: Point[] = [
      { id: 0, geometry: { coordinates: [-4.49, 48.39] } },
      { id: 1, geometry: { coordinates: [-4.48, 48.39] } },
      { id: 2, geometry: { coordinates: [-4.48, 48.39] } },
      { id: 3, geometry: { coordinates: [-4.48, 48.39] } },
      { id: 4, geometry: { coordinates: [-4.48, 48.39] } },
    ];
    const near = create(stacked).nearest(48.39, -4.48, 2);
    expect(near.map((n) => n.actor.id)).toEqual([1, 2]);
    expect(near[0]!.km).toBe(0);
  });

  test('within gives every place in the radius, nearest first', () => {
    for (const { lat, lon } of queries.slice(0, 10)) {
      expectSame(index.within(lat, lon, 25), bruteForce(points, lat, lon, Infinity, 25));
    }
  });

  test('an empty index, a bad point or a bad count gives no answer', () => {
    expect(create([]).nearest(48, -4, 5)).toEqual([]);
    expect(create([]).within(48, -4, 5)).toEqual([]);
    expect(index.nearest(Number.NaN, 2, 5)).toEqual([]);
    expect(index.nearest(48, 2, 0)).toEqual([]);
    expect(index.within(48, 2, -1)).toEqual([]);
  });
});
