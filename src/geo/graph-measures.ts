/**
 * Measures researchers can cite, on the actor–network graph of `graph.ts`:
 * degree, betweenness (graphology-metrics), a community partition (Louvain,
 * graphology-communities-louvain, seeded so the partition is the same at every
 * run), and per territory: who is tied beyond the territory and at which
 * scale, who bridges territories or scales, and the isolated islands.
 * Pure; every figure follows the actors the graph was built from.
 */
import betweennessCentrality from 'graphology-metrics/centrality/betweenness';
import louvain from 'graphology-communities-louvain';
import { connectedComponents } from 'graphology-components';
import Graph from 'graphology';
import { SCALES } from '../core/vocab';
import type { Scale } from '../core/vocab';
import { BETWEENNESS_MAX_NODES, seededRandom } from './graph';
import type { ArchipelagoGraph } from './graph';

/** The seed of the community partition. */
export const COMMUNITY_SEED = 16;

export { BETWEENNESS_MAX_NODES } from './graph';

export interface NodeMeasures {
  /** Ties of each node (edges, whatever their kind). */
  degree: Map<string, number>;
  /**
   * Betweenness of each node, not normalised: over every pair of other nodes
   * joined by a path, the share of their shortest paths that pass through it,
   * summed. null when the graph has more than {@link BETWEENNESS_MAX_NODES} nodes.
   */
  betweenness: Map<string, number> | null;
  /** The community of each node (Louvain), numbered from 0 by first appearance in node order. */
  community: Map<string, number>;
  /** How many communities. */
  communities: number;
  /** The partition's modularity (Louvain's figure), 0 for a graph with no edge. */
  modularity: number;
}

/**
 * Degree, betweenness and communities of every node.
 * @param graph - from `buildGraph`
 * @param options - `seed` of the partition; `betweennessMaxNodes`
 */
export function nodeMeasures(
  graph: ArchipelagoGraph,
  options: { seed?: number; betweennessMaxNodes?: number } = {},
): NodeMeasures {
  const degree = new Map<string, number>();
  graph.forEachNode((node) => degree.set(node, graph.degree(node)));

  let betweenness: Map<string, number> | null = null;
  if (graph.order <= (options.betweennessMaxNodes ?? BETWEENNESS_MAX_NODES)) {
    const values = graph.order > 0 ? betweennessCentrality(graph, { getEdgeWeight: null, normalized: false }) : {};
    betweenness = new Map(graph.mapNodes((node) => [node, values[node] ?? 0]));
  }

  const community = new Map<string, number>();
  let modularity = 0;
  if (graph.size > 0) {
    const detailed = louvain.detailed(graph, {
      rng: seededRandom(options.seed ?? COMMUNITY_SEED),
      getEdgeWeight: null,
    });
    modularity = detailed.modularity;
    // Louvain numbers communities as it merges them: renumber by first appearance, stable to read.
    const renumber = new Map<number, number>();
    graph.forEachNode((node) => {
      const raw = detailed.communities[node]!;
      if (!renumber.has(raw)) renumber.set(raw, renumber.size);
      community.set(node, renumber.get(raw)!);
    });
  } else {
    graph.forEachNode((node) => community.set(node, community.size));
  }
  return { degree, betweenness, community, communities: new Set(community.values()).size, modularity };
}

/** The scales beyond a territory. */
export const SUPRA_SCALES: readonly Scale[] = ['regional', 'national', 'international'];

export interface TerritoryGraphStats {
  territory: string;
  actors: number;
  /** Actors tied to a regional, national or international network, directly or through a network they belong to. */
  supraTied: number;
  /** `supraTied / actors`, 0 without actors. */
  supraShare: number;
  /** Per scale: actors tied to a network of that scale, directly or through the networks above theirs. */
  tiedByScale: Record<Scale, number>;
  /** Actors partnered with an actor of another territory, sorted by id. */
  territoryBridges: string[];
  /** Actors member of networks of at least two scales, sorted by id. */
  scaleBridges: string[];
  /**
   * Isolated islands: groups of the territory's actors tied to one another
   * (partnerships, shared networks) but to no supra-territorial network, a
   * lone actor with no such tie counting as one.
   */
  islands: number;
  /** Actors in those islands. */
  islandActors: number;
  /** Communities (of the whole graph's partition) holding at least one of the territory's actors. */
  communities: number;
}

/**
 * The territory's figures on the graph.
 * @param graph - from `buildGraph` on the filtered actors
 * @param territory - the territory id
 * @param measures - from {@link nodeMeasures} on the same graph (for the communities)
 * @param inside - whether an actor (by id) is in the territory; default: its `territory` property is the id
 *   (any territory, `dep:29` or `epci:…`, needs the caller's membership test)
 */
export function territoryGraphStats(
  graph: ArchipelagoGraph,
  territory: string,
  measures: Pick<NodeMeasures, 'community'>,
  inside: (actor: string) => boolean = (actor) => graph.getNodeAttribute(actor, 'territory') === territory,
): TerritoryGraphStats {
  const reach = networkReach(graph);
  const tiedByScale = Object.fromEntries(SCALES.map((s) => [s, 0])) as Record<Scale, number>;
  const territoryBridges: string[] = [];
  const scaleBridges: string[] = [];
  const communities = new Set<number>();
  const local: string[] = [];
  const supra = new Set<string>();

  graph.forEachNode((node, a) => {
    if (a.kind !== 'actor' || !inside(node)) return;
    local.push(node);
    const c = measures.community.get(node);
    if (c !== undefined) communities.add(c);
    const scales = new Set<Scale>();
    const direct = new Set<Scale>();
    let bridgesTerritories = false;
    graph.forEachNeighbor(node, (other, b) => {
      if (b.kind === 'network') {
        direct.add(b.scale!);
        for (const s of reach.get(other) ?? []) scales.add(s);
      } else if (b.kind === 'actor' && !inside(other)) bridgesTerritories = true;
    });
    for (const s of scales) tiedByScale[s]++;
    if (SUPRA_SCALES.some((s) => scales.has(s))) supra.add(node);
    if (bridgesTerritories) territoryBridges.push(node);
    if (direct.size >= 2) scaleBridges.push(node);
  });

  // Islands: the territory's actors not tied beyond it, with the ties among them
  // (partnerships, and networks that reach no supra-territorial scale).
  const island = new Graph({ type: 'undirected' });
  for (const node of local) if (!supra.has(node)) island.addNode(node);
  island.forEachNode((node) => {
    graph.forEachNeighbor(node, (other, b) => {
      if (b.kind === 'actor' && island.hasNode(other)) island.mergeEdge(node, other);
      else if (b.kind === 'network') {
        if (!island.hasNode(other)) island.addNode(other, { network: true });
        island.mergeEdge(node, other);
      }
    });
  });
  let islands = 0;
  for (const component of connectedComponents(island)) {
    if (component.some((n) => island.getNodeAttribute(n, 'network') !== true)) islands++;
  }

  const byId = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return {
    territory,
    actors: local.length,
    supraTied: supra.size,
    supraShare: local.length === 0 ? 0 : supra.size / local.length,
    tiedByScale,
    territoryBridges: territoryBridges.sort(byId),
    scaleBridges: scaleBridges.sort(byId),
    islands,
    islandActors: local.length - supra.size,
    communities: communities.size,
  };
}

/**
 * For each network of the graph, the scales it reaches: its own and those of
 * every network above it (network-membership edges point from member to wider).
 */
function networkReach(graph: ArchipelagoGraph): Map<string, Set<Scale>> {
  const up = new Map<string, string[]>();
  graph.forEachEdge((_edge, a, source, target) => {
    if (a.kind !== 'network-membership') return;
    const list = up.get(source);
    if (list) list.push(target);
    else up.set(source, [target]);
  });
  const reach = new Map<string, Set<Scale>>();
  graph.forEachNode((node, a) => {
    if (a.kind !== 'network') return;
    const scales = new Set<Scale>();
    const seen = new Set<string>([node]);
    const queue = [node];
    while (queue.length > 0) {
      const id = queue.pop()!;
      const scale = graph.getNodeAttribute(id, 'scale');
      if (scale) scales.add(scale);
      for (const wider of up.get(id) ?? []) {
        if (!seen.has(wider)) {
          seen.add(wider);
          queue.push(wider);
        }
      }
    }
    reach.set(node, scales);
  });
  return reach;
}
