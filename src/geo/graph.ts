/**
 * The archipelago as a graph (issue 16): actors and networks as nodes,
 * memberships, partnerships and network → network memberships as edges.
 *
 * Built from the same inputs as the map's links (`links.ts`): the *filtered*
 * actors and every network. The rules are the links' rules in detailed mode,
 * with the same edge ids: one `membership` edge per (actor, known network),
 * one `partnership` per unordered pair of actors both passed in, and one
 * `network-membership` edge from each network reached by the actors (directly
 * or through the networks it belongs to) to each wider network it is a member
 * of. Unlike the map, a network with no position is still a node: a graph
 * needs no coordinates.
 *
 * The graph is undirected (measures read ties, not their direction); each
 * edge keeps its source (the member) and target (the network, or the other
 * partner) as written, so exports can tell who is a member of what.
 */
import Graph from 'graphology';
import type { ActorFeature, Network } from '../core/types';
import type { Category, Scale } from '../core/vocab';
import type { LinkKind } from './links';

export type GraphNodeKind = 'actor' | 'network' | 'group';

export interface GraphNodeAttributes {
  kind: GraphNodeKind;
  /** The actor's or network's name; for a group, the territory and category ids. */
  label: string;
  /** Actors and groups: the category. */
  category: Category | null;
  /** Actors and groups: the territory id ('' when the actor has none). */
  territory: string | null;
  /** Networks: the scale. */
  scale: Scale | null;
  /** Networks: members among the actors passed in; groups: the actors they stand for; actors: 1. */
  members: number;
}

export interface GraphEdgeAttributes {
  kind: LinkKind;
  /** How many actor links the edge stands for: 1, or more between groups. */
  weight: number;
}

export type ArchipelagoGraph = Graph<GraphNodeAttributes, GraphEdgeAttributes>;

const NONE: readonly string[] = [];

/** The territory id of an actor; '' when it has none (the census may leave it out). */
export function territoryOf(actor: ActorFeature): string {
  return (actor.properties.territory as string | undefined) ?? '';
}

/**
 * The graph of the actors passed in and the networks they reach. Nodes come
 * in a fixed order: the actors in the order given, then the networks in the
 * order of `networks`; edges in the order of the actors, then the networks.
 * @param actors - the filtered actors
 * @param networks - every network (unknown network ids in the actors are ignored)
 */
export function buildGraph(actors: readonly ActorFeature[], networks: readonly Network[]): ArchipelagoGraph {
  const graph: ArchipelagoGraph = new Graph({ type: 'undirected', multi: false, allowSelfLoops: false });
  const networksById = new Map(networks.map((n) => [n.id, n]));
  for (const actor of actors) {
    const p = actor.properties;
    if (graph.hasNode(p.id)) continue;
    graph.addNode(p.id, {
      kind: 'actor',
      label: p.name,
      category: p.category,
      territory: territoryOf(actor),
      scale: null,
      members: 1,
    });
  }

  // Networks reached by the actors, then those above them: a node each, in the order of `networks`.
  const members = new Map<string, number>();
  for (const actor of actors) {
    for (const id of actor.properties.networks ?? NONE) {
      if (networksById.has(id)) members.set(id, 0);
    }
  }
  const reached = new Set(members.keys());
  const queue = [...reached];
  while (queue.length > 0) {
    const network = networksById.get(queue.pop()!);
    for (const wider of network?.memberOf ?? NONE) {
      if (networksById.has(wider) && !reached.has(wider)) {
        reached.add(wider);
        queue.push(wider);
      }
    }
  }
  for (const network of networks) {
    if (!reached.has(network.id) || graph.hasNode(network.id)) continue;
    graph.addNode(network.id, {
      kind: 'network',
      label: network.name,
      category: null,
      territory: null,
      scale: network.scale,
      members: 0,
    });
  }

  for (const actor of actors) {
    const p = actor.properties;
    for (const network of p.networks ?? NONE) {
      if (!reached.has(network) || network === p.id) continue;
      if (addEdge(graph, `membership:${p.id}>${network}`, p.id, network, 'membership')) {
        graph.updateNodeAttribute(network, 'members', (n) => (n ?? 0) + 1);
      }
    }
    for (const partner of p.partners ?? NONE) {
      if (partner === p.id || !graph.hasNode(partner) || graph.getNodeAttribute(partner, 'kind') !== 'actor') continue;
      const [a, b] = p.id < partner ? [p.id, partner] : [partner, p.id];
      addEdge(graph, `partnership:${a}~${b}`, a, b, 'partnership');
    }
  }
  for (const network of networks) {
    if (!reached.has(network.id)) continue;
    for (const wider of network.memberOf ?? NONE) {
      if (!reached.has(wider) || wider === network.id) continue;
      addEdge(graph, `network-membership:${network.id}>${wider}`, network.id, wider, 'network-membership');
    }
  }
  return graph;
}

/** Adds an edge unless the two nodes are tied already (a repeated list value, a partner listed by both sides). */
function addEdge(graph: ArchipelagoGraph, key: string, source: string, target: string, kind: LinkKind): boolean {
  if (!graph.hasNode(source) || !graph.hasNode(target) || graph.hasEdge(source, target)) return false;
  graph.addEdgeWithKey(key, source, target, { kind, weight: 1 });
  return true;
}

/** The seed of the layout's starting positions: fixed, so every permalink lays out the same way. */
export const LAYOUT_SEED = 16;

/**
 * Betweenness is exact (Brandes' algorithm, time ∝ nodes × edges): beyond this
 * many nodes it is not computed, and the views say so (filter to a territory).
 */
export const BETWEENNESS_MAX_NODES = 5000;

/** Above this many nodes the graph view draws groups (one node per territory and category) instead of actors. */
export const AGGREGATE_ABOVE = 2000;

/** The id of the group node standing for a territory's actors of one category. */
export function groupId(territory: string, category: Category): string {
  return `group:${territory}:${category}`;
}

/**
 * The graph as drawn at the national scale: each (territory, category) group
 * of actors becomes one `group` node counting its actors, except the groups
 * named in `expanded`, whose actors stay; networks stay. Edges between the
 * same two nodes merge into one whose `weight` counts them (memberships of a
 * group to a network, partnerships between groups). Node and edge order
 * follow the full graph's.
 * @param graph - from {@link buildGraph}
 * @param expanded - group ids whose actors are shown one by one
 */
export function aggregateGraph(graph: ArchipelagoGraph, expanded: ReadonlySet<string> = new Set()): ArchipelagoGraph {
  const out: ArchipelagoGraph = new Graph({ type: 'undirected', multi: false, allowSelfLoops: false });
  const nodeOf = new Map<string, string>();
  graph.forEachNode((node, a) => {
    if (a.kind !== 'actor' || a.category === null) {
      nodeOf.set(node, node);
      out.addNode(node, { ...a });
      return;
    }
    const group = groupId(a.territory ?? '', a.category);
    if (expanded.has(group)) {
      nodeOf.set(node, node);
      out.addNode(node, { ...a });
      return;
    }
    nodeOf.set(node, group);
    if (out.hasNode(group)) out.updateNodeAttribute(group, 'members', (n) => (n ?? 0) + 1);
    else
      out.addNode(group, {
        kind: 'group',
        label: `${a.territory ?? ''} · ${a.category}`,
        category: a.category,
        territory: a.territory,
        scale: null,
        members: 1,
      });
  });
  graph.forEachEdge((edge, a, source, target) => {
    const s = nodeOf.get(source)!;
    const t = nodeOf.get(target)!;
    if (s === t) return;
    const existing = out.edge(s, t);
    if (existing !== undefined) out.updateEdgeAttribute(existing, 'weight', (w) => (w ?? 0) + a.weight);
    else out.addEdgeWithKey(s === source && t === target ? edge : `${a.kind}:${s}~${t}`, s, t, { ...a });
  });
  return out;
}

/** A seeded pseudo-random generator (mulberry32): the same seed gives the same numbers everywhere. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A number in [0, 1) from a text and a seed (FNV-1a, then mulberry32): a node's start does not depend on the others. */
export function hashUnit(text: string, seed: number): number {
  let hash = 0x811c9dc5 ^ seed;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return seededRandom(hash)();
}
