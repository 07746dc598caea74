import { describe, expect, test } from 'vitest';
import { aggregateGraph, buildGraph, groupId } from '../../src/geo/graph';
import { layoutGraph } from '../../src/geo/graph-layout';
import { nodeMeasures, territoryGraphStats } from '../../src/geo/graph-measures';
import { buildLinks, networkPositions } from '../../src/geo/links';
import type { ActorFeature, Network } from '../../src/core/types';
import type { Category } from '../../src/core/vocab';
import { actorFixture } from './fixtures';

function actor(
  id: string,
  { territory = 'brest', networks = [], partners = [], category = 'library' as Category } = {} as {
    territory?: string;
    networks?: string[];
    partners?: string[];
    category?: Category;
  },
): ActorFeature {
  return actorFixture({ id, name: id.toUpperCase(), territory, networks, partners, category });
}

function network(id: string, scale: Network['scale'], memberOf?: string[]): Network {
  return { id, name: `Network ${id}`, scale, ...(memberOf ? { memberOf } : {}) };
}

const round = (m: Map<string, number> | null) =>
  Object.fromEntries([...(m ?? [])].map(([k, v]) => [k, Math.round(v * 1000) / 1000]));

describe('buildGraph', () => {
  test('nodes are the actors and the networks they reach; edges the links of the map, with their ids', () => {
    const actors = [
      actor('a', { networks: ['local', 'local', 'nope'], partners: ['b', 'zz'] }),
      actor('b', { partners: ['a'] }),
      actor('c', { territory: 'grenoble', networks: ['nat'] }),
    ];
    const networks = [
      network('local', 'local', ['reg']),
      network('reg', 'regional', ['nat']),
      network('nat', 'national'),
      network('unused', 'national'),
    ];
    const graph = buildGraph(actors, networks);
    expect(graph.nodes()).toEqual(['a', 'b', 'c', 'local', 'reg', 'nat']);
    expect(graph.edges()).toEqual([
      'membership:a>local',
      'partnership:a~b',
      'membership:c>nat',
      'network-membership:local>reg',
      'network-membership:reg>nat',
    ]);
    expect(graph.getNodeAttributes('local')).toMatchObject({ kind: 'network', scale: 'local', members: 1 });
    expect(graph.getNodeAttributes('a')).toMatchObject({ kind: 'actor', category: 'library', territory: 'brest' });
    // The same ties as the map draws for placed networks.
    const seated = networks.map((n) => ({ ...n, seat: [0, 0] as [number, number] }));
    const links = buildLinks(actors, seated, networkPositions(seated, actors), { mode: 'detailed' });
    expect(new Set(graph.edges())).toEqual(new Set(links.features.map((f) => f.properties.id)));
  });

  test('aggregates actors into (territory, category) groups, merging edges with weights; expanded groups stay', () => {
    const actors = [
      actor('a', { networks: ['n'] }),
      actor('b', { networks: ['n'], partners: ['c'] }),
      actor('c', { territory: 'grenoble', networks: ['n'] }),
      actor('d', { category: 'fablab' }),
    ];
    const graph = buildGraph(actors, [network('n', 'national')]);
    const agg = aggregateGraph(graph);
    expect(agg.nodes()).toEqual([
      groupId('brest', 'library'),
      groupId('grenoble', 'library'),
      groupId('brest', 'fablab'),
      'n',
    ]);
    expect(agg.getNodeAttribute(groupId('brest', 'library'), 'members')).toBe(2);
    expect(agg.getEdgeAttribute(agg.edge(groupId('brest', 'library'), 'n')!, 'weight')).toBe(2);
    expect(agg.size).toBe(3);
    const open = aggregateGraph(graph, new Set([groupId('brest', 'library')]));
    expect(open.nodes()).toEqual(['a', 'b', groupId('grenoble', 'library'), groupId('brest', 'fablab'), 'n']);
    expect(open.size).toBe(4);
  });

  test('the layout is the same for the same graph and seed, and differs with another seed', () => {
    const actors = [actor('a', { networks: ['n'] }), actor('b', { networks: ['n'] }), actor('c', { partners: ['a'] })];
    const data = buildGraph(actors, [network('n', 'national')]).export();
    const one = layoutGraph(data, 1);
    expect([...one].every(Number.isFinite)).toBe(true);
    expect(layoutGraph(data, 1)).toEqual(one);
    expect(layoutGraph(data, 2)).not.toEqual(one);
  });
});

describe('measures on graphs known by hand', () => {
  test('a star: the network in the middle lies on every path between its 4 members', () => {
    const actors = ['a', 'b', 'c', 'd'].map((id) => actor(id, { networks: ['hub'] }));
    const m = nodeMeasures(buildGraph(actors, [network('hub', 'national')]));
    expect(Object.fromEntries(m.degree)).toEqual({ a: 1, b: 1, c: 1, d: 1, hub: 4 });
    // 4 leaves: C(4, 2) = 6 pairs, every one through the hub.
    expect(round(m.betweenness)).toEqual({ a: 0, b: 0, c: 0, d: 0, hub: 6 });
    expect(m.communities).toBe(1);
  });

  test('a path a–b–c–d–e', () => {
    const actors = [
      actor('a', { partners: ['b'] }),
      actor('b', { partners: ['c'] }),
      actor('c', { partners: ['d'] }),
      actor('d', { partners: ['e'] }),
      actor('e'),
    ];
    const m = nodeMeasures(buildGraph(actors, []));
    expect(Object.fromEntries(m.degree)).toEqual({ a: 1, b: 2, c: 2, d: 2, e: 1 });
    // b: (a,c) (a,d) (a,e) = 3; c: (a,d) (a,e) (b,d) (b,e) = 4.
    expect(round(m.betweenness)).toEqual({ a: 0, b: 3, c: 4, d: 3, e: 0 });
  });

  test('two communities of four bridged by one partnership', () => {
    const clique = (ids: string[], territory: string) =>
      ids.map((id) => actor(id, { territory, partners: ids.filter((x) => x !== id) }));
    const left = clique(['a1', 'a2', 'a3', 'a4'], 'brest');
    const right = clique(['b1', 'b2', 'b3', 'b4'], 'grenoble');
    left[3]!.properties.partners!.push('b1');
    const graph = buildGraph([...left, ...right], []);
    const m = nodeMeasures(graph);
    expect(m.degree.get('a4')).toBe(4);
    expect(m.degree.get('a1')).toBe(3);
    // Every one of the 3 × 4 pairs (a1–a3, b1–b4) goes through a4 and (with a4) through b1.
    expect(round(m.betweenness)).toMatchObject({ a1: 0, a4: 12, b1: 12, b2: 0 });
    expect(m.communities).toBe(2);
    const c = m.community;
    expect(new Set(['a1', 'a2', 'a3', 'a4'].map((id) => c.get(id)))).toEqual(new Set([0]));
    expect(new Set(['b1', 'b2', 'b3', 'b4'].map((id) => c.get(id)))).toEqual(new Set([1]));
    // Seeded: the same partition every run.
    expect(nodeMeasures(graph).community).toEqual(c);
    expect(m.modularity).toBeGreaterThan(0.3);

    const brest = territoryGraphStats(graph, 'brest', m);
    expect(brest.territoryBridges).toEqual(['a4']);
    expect(brest.communities).toBe(1);
    // No network at all: the whole clique is one island, tied to nothing beyond the territory.
    expect(brest.islands).toBe(1);
    expect(brest.islandActors).toBe(4);
  });

  test('betweenness is left out beyond the size limit', () => {
    const graph = buildGraph([actor('a', { partners: ['b'] }), actor('b')], []);
    expect(nodeMeasures(graph, { betweennessMaxNodes: 1 }).betweenness).toBeNull();
  });
});

describe('territory measures', () => {
  const networks = [
    network('papi', 'local', ['reg']),
    network('club', 'local'),
    network('reg', 'regional'),
    network('nat', 'national'),
  ];
  const actors = [
    // Tied to the regional network through the local one it belongs to.
    actor('p1', { networks: ['papi'] }),
    // Member at two scales.
    actor('p2', { networks: ['club', 'nat'] }),
    // Two actors of a local club only, partnered: one island.
    actor('c1', { networks: ['club'] }),
    actor('c2', { partners: ['c3'] }),
    actor('c3', { partners: ['g1'] }),
    // A lone actor: an island of its own.
    actor('lone'),
    actor('g1', { territory: 'grenoble', networks: ['nat'] }),
  ];
  const graph = buildGraph(actors, networks);
  const m = nodeMeasures(graph);
  const brest = territoryGraphStats(graph, 'brest', m);

  test('supra-territorial ties, directly or through a wider network, by scale', () => {
    expect(brest.actors).toBe(6);
    expect(brest.supraTied).toBe(2);
    expect(brest.supraShare).toBeCloseTo(2 / 6);
    expect(brest.tiedByScale).toEqual({ local: 3, regional: 1, national: 1, international: 0 });
  });

  test('bridges between territories and between scales', () => {
    expect(brest.territoryBridges).toEqual(['c3']);
    expect(brest.scaleBridges).toEqual(['p2']);
  });

  test('isolated islands: {c1} (club only; the club is also p2’s, but p2 is tied beyond), {c2, c3}, {lone}', () => {
    // c1 and c2 are not tied to each other; the club joins c1 and p2, and p2 is out of the islands.
    expect(brest.islands).toBe(3);
    expect(brest.islandActors).toBe(4);
    const grenoble = territoryGraphStats(graph, 'grenoble', m);
    expect(grenoble).toMatchObject({ actors: 1, supraTied: 1, islands: 0, territoryBridges: ['g1'] });
  });
});
