/**
 * The graph view's layout: ForceAtlas2 (graphology-layout-forceatlas2, the
 * layout of Gephi) from seeded starting positions, for a fixed number of
 * iterations. The same graph and seed give the same picture, so a permalink
 * shows what its author saw. Pure; the view runs it in a worker.
 */
import Graph from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import { LAYOUT_SEED, hashUnit } from './graph';

export { LAYOUT_SEED } from './graph';
import type { SerializedGraph } from 'graphology-types';

/** Iterations: enough to settle a few hundred nodes, fewer for thousands (each costs more). */
export function iterationsFor(order: number): number {
  if (order <= 300) return 600;
  if (order <= 1000) return 200;
  return 120;
}

/**
 * Positions of every node, in the graph's node order, as [x0, y0, x1, y1, …].
 * Start: each node on a disc at a place drawn from its id and the seed (not
 * from its rank, so adding a node moves no other start).
 * @param data - a graph as `graph.export()` gives it
 * @param seed - the starting positions' seed
 */
export function layoutGraph(data: SerializedGraph, seed: number = LAYOUT_SEED): Float64Array {
  const graph = new Graph({ type: 'undirected', multi: false, allowSelfLoops: false });
  graph.import(data);
  const radius = Math.sqrt(graph.order) * 10 + 10;
  graph.forEachNode((node, attributes) => {
    const angle = hashUnit(node, seed) * 2 * Math.PI;
    const r = radius * Math.sqrt(hashUnit(`${node}\u0000r`, seed));
    graph.mergeNodeAttributes(node, {
      x: r * Math.cos(angle),
      y: r * Math.sin(angle),
      size: Math.sqrt(Number(attributes.members) || 1),
    });
  });
  const positions = new Float64Array(graph.order * 2);
  if (graph.order > 1 && graph.size > 0) {
    // Barnes–Hut (n log n a step rather than n²) from a few hundred nodes: the national view's
    // thousand groups then lay out in a second or two rather than fifteen.
    const settings = { ...forceAtlas2.inferSettings(graph), adjustSizes: false, barnesHutOptimize: graph.order > 400 };
    forceAtlas2.assign(graph, { iterations: iterationsFor(graph.order), settings, getEdgeWeight: null });
  }
  let i = 0;
  graph.forEachNode((_node, a) => {
    positions[i++] = a.x as number;
    positions[i++] = a.y as number;
  });
  return positions;
}
