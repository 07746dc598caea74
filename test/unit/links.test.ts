import { describe, expect, test } from 'vitest';
import {
  bendsFor,
  buildLinks,
  BUNDLE_BELOW_ZOOM,
  curvedLine,
  linkModeForZoom,
  networkPoints,
  networkPositions,
  placeNetworks,
} from '../../src/geo/links';
import type { LinkCollection, LinkFeature } from '../../src/geo/links';
import type { ActorFeature, LonLat, Network } from '../../src/core/types';
import type { Category, Theme } from '../../src/core/vocab';
import { actorFixture } from './fixtures';

function actor(
  id: string,
  territory: string,
  coordinates: LonLat,
  category: Category,
  themes: Theme[],
  networks: string[] = [],
  partners: string[] = [],
): ActorFeature {
  return actorFixture(
    { id, name: id, category, roles: ['contributor'], themes, territory, networks, partners },
    coordinates,
  );
}

// Six actors over two territories; answers below worked out by hand.
const b1 = actor('b1', 'brest', [-4.5, 48.4], 'library', ['training'], ['papi', 'region'], ['b2']);
const b2 = actor('b2', 'brest', [-4.46, 48.4], 'internet-access', ['digital-inclusion'], ['papi'], ['b1', 'g1']);
const b3 = actor('b3', 'brest', [-4.48, 48.43], 'fablab', ['making'], ['fab-net', 'region']);
const g1 = actor('g1', 'grenoble', [5.72, 45.18], 'fablab', ['making'], ['fab-net']);
const g2 = actor('g2', 'grenoble', [5.74, 45.19], 'association', ['hosting']);
// Lists fab-net twice and an unknown network; g2 does not list g3 back.
const g3 = actor('g3', 'grenoble', [5.73, 45.2], 'library', ['training'], ['fab-net', 'ghost', 'fab-net'], ['g2']);
const actors = [b1, b2, b3, g1, g2, g3];

const networks: Network[] = [
  { id: 'papi', name: 'PAPI de Brest', scale: 'local' }, // no seat: centroid of b1, b2
  { id: 'region', name: 'Hub Bretagne', scale: 'regional', seat: [-1.68, 48.11], memberOf: ['world'] },
  { id: 'fab-net', name: 'Réseau français des fablabs', scale: 'national', seat: [2.35, 48.86], memberOf: ['world'] },
  { id: 'world', name: 'Fab Foundation', scale: 'international' }, // no seat, no actor: centroid of region and fab-net
];

const ids = (links: LinkCollection) => links.features.map((f) => f.id).sort();
const byId = (links: LinkCollection, id: string): LinkFeature => {
  const link = links.features.find((f) => f.id === id);
  if (!link) throw new Error(`no link ${id}`);
  return link;
};
const detailed = (some: ActorFeature[]) =>
  buildLinks(some, networks, networkPositions(networks, some), { mode: 'detailed' });
const bundled = (some: ActorFeature[]) =>
  buildLinks(some, networks, networkPositions(networks, some), { mode: 'bundled' });

describe('placeNetworks', () => {
  test('a network with a seat stands at its seat', () => {
    const { positions, origin } = placeNetworks(networks, actors);
    expect(positions.get('region')).toEqual([-1.68, 48.11]);
    expect(origin.get('fab-net')).toBe('seat');
  });
  test('a seatless network stands at the centroid of its member actors', () => {
    const { positions, origin } = placeNetworks(networks, actors);
    const papi = positions.get('papi')!;
    expect(papi[0]).toBeCloseTo(-4.48, 9);
    expect(papi[1]).toBeCloseTo(48.4, 9);
    expect(origin.get('papi')).toBe('members');
  });
  test('the centroid follows the filters', () => {
    const papi = networkPositions(networks, [b2, b3, g1, g2, g3]).get('papi')!;
    expect(papi[0]).toBeCloseTo(-4.46, 9);
    expect(papi[1]).toBeCloseTo(48.4, 9);
  });
  test('a seatless network without member actors stands at the centroid of its member networks', () => {
    const { positions, origin } = placeNetworks(networks, actors);
    const world = positions.get('world')!;
    expect(world[0]).toBeCloseTo(0.335, 9);
    expect(world[1]).toBeCloseTo(48.485, 9);
    expect(origin.get('world')).toBe('member-networks');
  });
  test('a network with nothing to stand on has no position and is listed as unplaced', () => {
    const placement = placeNetworks(networks, [g1, g2, g3]);
    expect(placement.positions.has('papi')).toBe(false);
    expect(placement.unplaced).toEqual(['papi']);
    expect(placeNetworks(networks, actors).unplaced).toEqual([]);
  });
  test('member networks placed through their own members count, level by level', () => {
    const chain: Network[] = [
      { id: 'top', name: 'Top', scale: 'international' },
      { id: 'mid', name: 'Mid', scale: 'national', memberOf: ['top'] },
      { id: 'papi', name: 'PAPI', scale: 'local', memberOf: ['mid'] },
    ];
    const positions = networkPositions(chain, [b1, b2]);
    expect(positions.get('top')![0]).toBeCloseTo(-4.48, 9);
    expect(positions.get('mid')![1]).toBeCloseTo(48.4, 9);
  });
  test('a cycle of seatless, memberless networks ends with both unplaced', () => {
    const cycle: Network[] = [
      { id: 'a', name: 'A', scale: 'local', memberOf: ['b'] },
      { id: 'b', name: 'B', scale: 'local', memberOf: ['a'] },
    ];
    expect(placeNetworks(cycle, actors).unplaced).toEqual(['a', 'b']);
  });
});

describe('networkPoints', () => {
  test('one point per placed network, with where its position comes from', () => {
    const points = networkPoints(networks, placeNetworks(networks, [g1, g2, g3]));
    expect(points.features.map((f) => [f.properties.id, f.properties.origin])).toEqual([
      ['region', 'seat'],
      ['fab-net', 'seat'],
      ['world', 'member-networks'],
    ]);
  });
});

describe('buildLinks (detailed)', () => {
  test('links each actor to its networks, partners once per pair, networks to wider networks', () => {
    expect(ids(detailed(actors))).toEqual([
      'membership:b1>papi',
      'membership:b1>region',
      'membership:b2>papi',
      'membership:b3>fab-net',
      'membership:b3>region',
      'membership:g1>fab-net',
      'membership:g3>fab-net',
      'network-membership:fab-net>world',
      'network-membership:region>world',
      'partnership:b1~b2',
      'partnership:b2~g1',
      'partnership:g2~g3',
    ]);
  });
  test('properties carry kind, ends and weight 1, and the feature id equals properties.id', () => {
    const links = detailed(actors);
    expect(byId(links, 'membership:b3>region').properties).toEqual({
      id: 'membership:b3>region',
      kind: 'membership',
      from: 'b3',
      to: 'region',
      weight: 1,
    });
    expect(byId(links, 'partnership:g2~g3').properties).toMatchObject({ kind: 'partnership', from: 'g2', to: 'g3' });
    expect(byId(links, 'network-membership:region>world').properties).toMatchObject({
      kind: 'network-membership',
      from: 'region',
      to: 'world',
    });
    for (const link of links.features) expect(link.properties.territory).toBeUndefined();
  });
  test('a membership runs from the actor exactly to the network', () => {
    const line = byId(detailed(actors), 'membership:b1>papi').geometry.coordinates;
    expect(line[0]![0]).toBeCloseTo(-4.5, 9);
    expect(line[0]![1]).toBeCloseTo(48.4, 9);
    expect(line.at(-1)![0]).toBeCloseTo(-4.48, 9);
    expect(line.at(-1)![1]).toBeCloseTo(48.4, 9);
  });
  test('a filtered-out actor has no link, and its partners lose theirs to it', () => {
    const links = detailed([b2, b3, g1, g2, g3]);
    expect(links.features.some((f) => f.properties.from === 'b1' || f.properties.to === 'b1')).toBe(false);
    expect(ids(links)).toContain('partnership:b2~g1');
    expect(links.features).toHaveLength(9);
  });
  test('a network reached by no shown actor does not link to its wider networks', () => {
    // Grenoble only: region keeps its seat but none of its members is shown.
    expect(ids(detailed([g1, g2, g3]))).toEqual([
      'membership:g1>fab-net',
      'membership:g3>fab-net',
      'network-membership:fab-net>world',
      'partnership:g2~g3',
    ]);
  });
  test('links to a network without a position are left out and the network reported', () => {
    const positions = networkPositions(networks, actors);
    positions.delete('world');
    const links = buildLinks(actors, networks, positions, { mode: 'detailed' });
    expect(links.unplaced).toEqual(['world']);
    expect(links.features.filter((f) => f.properties.kind === 'network-membership')).toHaveLength(0);
    expect(detailed(actors).unplaced).toEqual([]);
  });
  test('two links between the same two points bend apart', () => {
    const twins: Network[] = [
      { id: 'april', name: 'April', scale: 'national', seat: [2.35, 48.86] },
      { id: 'osm-fr', name: 'OSM France', scale: 'national', seat: [2.35, 48.86] },
    ];
    const one = actor('one', 'brest', [-4.5, 48.4], 'association', ['free-software'], ['april', 'osm-fr']);
    const links = buildLinks([one], twins, networkPositions(twins, [one]), { mode: 'detailed' });
    const [a, b] = [byId(links, 'membership:one>april'), byId(links, 'membership:one>osm-fr')];
    const middleA = a.geometry.coordinates[12]!;
    const middleB = b.geometry.coordinates[12]!;
    // Same ends, middles on either side of the chord (which runs almost due east here).
    expect(a.geometry.coordinates[0]).toEqual(b.geometry.coordinates[0]);
    expect(a.geometry.coordinates.at(-1)).toEqual(b.geometry.coordinates.at(-1));
    expect(middleA[1]).toBeGreaterThan(48.63 + 0.5);
    expect(middleB[1]).toBeLessThan(48.63 - 0.5);
  });
  test('two links between the same points in opposite directions bend apart', () => {
    const hub: Network[] = [{ id: 'hub', name: 'Hub', scale: 'local', seat: [1, 0] }];
    // x → hub runs east; the partnership a-y ~ x runs west, from a-y (seated at the hub) to x.
    const x = actor('x', 'brest', [0, 0], 'association', ['cooperation'], ['hub']);
    const y = actor('a-y', 'brest', [1, 0], 'association', ['cooperation'], [], ['x']);
    const links = buildLinks([x, y], hub, networkPositions(hub, [x, y]), { mode: 'detailed' });
    const membership = byId(links, 'membership:x>hub').geometry.coordinates[12]!;
    const partnership = byId(links, 'partnership:a-y~x').geometry.coordinates[12]!;
    expect(membership[1]! * partnership[1]!).toBeLessThan(0);
  });
  test('the same input gives the same output', () => {
    expect(detailed(actors)).toEqual(detailed([...actors]));
  });
});

describe('buildLinks (bundled)', () => {
  test('one membership bundle per (territory, network) weighted by its members', () => {
    const links = bundled(actors);
    const bundles = links.features
      .filter((f) => f.properties.kind === 'membership')
      .map((f) => [f.properties.territory, f.properties.to, f.properties.weight])
      .sort();
    expect(bundles).toEqual([
      ['brest', 'fab-net', 1],
      ['brest', 'papi', 2],
      ['brest', 'region', 2],
      ['grenoble', 'fab-net', 2],
    ]);
  });
  test('partnerships are bundled per pair of territories; pairs inside one are left to the island', () => {
    const partnerships = bundled(actors).features.filter((f) => f.properties.kind === 'partnership');
    expect(partnerships.map((f) => f.properties)).toEqual([
      {
        id: 'bundle:brest~grenoble',
        kind: 'partnership',
        from: 'brest',
        to: 'grenoble',
        weight: 1,
        territory: 'brest',
      },
    ]);
  });
  test('network memberships stay as they are', () => {
    const kinds = bundled(actors).features.filter((f) => f.properties.kind === 'network-membership');
    expect(kinds.map((f) => f.id).sort()).toEqual([
      'network-membership:fab-net>world',
      'network-membership:region>world',
    ]);
  });
  test('a bundle starts at the centroid of the territory’s shown actors', () => {
    const line = byId(bundled(actors), 'bundle:brest>region').geometry.coordinates;
    expect(line[0]![0]).toBeCloseTo(-4.48, 9);
    expect(line[0]![1]).toBeCloseTo(48.41, 9);
    expect(line.at(-1)![0]).toBeCloseTo(-1.68, 9);
    expect(line.at(-1)![1]).toBeCloseTo(48.11, 9);
  });
  test('weights follow the filters', () => {
    const links = bundled([b2, b3, g1, g2, g3]);
    expect(byId(links, 'bundle:brest>papi').properties.weight).toBe(1);
    expect(byId(links, 'bundle:brest>region').properties.weight).toBe(1);
    expect(links.features).toHaveLength(7);
    expect(bundled([b1, b3, g1, g2, g3]).features.some((f) => f.properties.kind === 'partnership')).toBe(false);
  });
});

describe('linkModeForZoom', () => {
  test('bundles below the threshold, details from it on', () => {
    expect(BUNDLE_BELOW_ZOOM).toBe(9);
    expect(linkModeForZoom(5)).toBe('bundled');
    expect(linkModeForZoom(8.99)).toBe('bundled');
    expect(linkModeForZoom(9)).toBe('detailed');
    expect(linkModeForZoom(14)).toBe('detailed');
  });
});

describe('curvedLine', () => {
  test('starts and ends exactly at the ends, with 25 points', () => {
    const line = curvedLine([-4.5, 48.4], [5.73, 45.19], 0.15);
    expect(line.type).toBe('LineString');
    expect(line.coordinates).toHaveLength(25);
    expect(line.coordinates[0]![0]).toBeCloseTo(-4.5, 12);
    expect(line.coordinates[0]![1]).toBeCloseTo(48.4, 12);
    expect(line.coordinates[24]![0]).toBeCloseTo(5.73, 12);
    expect(line.coordinates[24]![1]).toBeCloseTo(45.19, 12);
  });
  test('the middle lies bend × length to the left of the chord (in Web Mercator)', () => {
    // On the equator Mercator units equal degrees: 0.2 × 10 = 2 units north, latitude 1.99959°.
    expect(curvedLine([0, 0], [10, 0], 0.2).coordinates[12]![0]).toBeCloseTo(5, 9);
    expect(curvedLine([0, 0], [10, 0], 0.2).coordinates[12]![1]).toBeCloseTo(1.99959, 5);
    expect(curvedLine([0, 0], [10, 0], -0.2).coordinates[12]![1]).toBeCloseTo(-1.99959, 5);
    expect(curvedLine([10, 0], [0, 0], 0.2).coordinates[12]![1]).toBeCloseTo(-1.99959, 5);
    expect(curvedLine([0, 0], [10, 0], 0).coordinates[12]![1]).toBeCloseTo(0, 12);
  });
  test('different bends give different middles between the same ends', () => {
    const [ax, ay] = curvedLine([-4.5, 48.4], [2.35, 48.86], 0.15).coordinates[12]!;
    const [bx, by] = curvedLine([-4.5, 48.4], [2.35, 48.86], -0.15).coordinates[12]!;
    expect(Math.hypot(ax! - bx!, ay! - by!)).toBeGreaterThan(1);
  });
  test('a link whose ends coincide is a two-point line', () => {
    expect(curvedLine([1, 2], [1, 2], 0.15).coordinates).toEqual([
      [1, 2],
      [1, 2],
    ]);
  });
});

describe('bendsFor', () => {
  test('alternates sides with growing bulge', () => {
    expect(bendsFor(4)).toEqual([0.15, -0.15, 0.3, -0.3]);
  });
});
