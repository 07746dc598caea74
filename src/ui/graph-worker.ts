/// <reference lib="webworker" />
/**
 * The graph view's worker: lays the graph out (seeded ForceAtlas2,
 * src/geo/graph-layout.ts) and measures it (src/geo/graph-measures.ts) off
 * the main thread, so a graph of thousands of nodes never freezes the page.
 */
import Graph from 'graphology';
import { serveRpc } from '../core/worker-rpc';
import { layoutGraph } from '../geo/graph-layout';
import { nodeMeasures } from '../geo/graph-measures';
import type { ArchipelagoGraph } from '../geo/graph';
import type { SerializedGraph } from 'graphology-types';

export interface GraphJob {
  graph: SerializedGraph;
  seed: number;
  /** false: the measures only (the statistics view draws no graph); positions then come back empty. */
  layout: boolean;
}

/** Per node, in the graph's node order. */
export interface GraphResult {
  positions: Float64Array;
  degree: Int32Array;
  /** null when the graph is too large for it (`BETWEENNESS_MAX_NODES`). */
  betweenness: Float64Array | null;
  community: Int32Array;
  communities: number;
  modularity: number;
}

serveRpc<GraphJob, GraphResult>(self as unknown as DedicatedWorkerGlobalScope, (job) => {
  const graph: ArchipelagoGraph = new Graph({ type: 'undirected', multi: false, allowSelfLoops: false });
  graph.import(job.graph as SerializedGraph<never, never>);
  const positions = job.layout ? layoutGraph(job.graph, job.seed) : new Float64Array(0);
  const m = nodeMeasures(graph);
  const nodes = graph.nodes();
  return {
    positions,
    degree: Int32Array.from(nodes, (n) => m.degree.get(n) ?? 0),
    betweenness: m.betweenness ? Float64Array.from(nodes, (n) => m.betweenness!.get(n) ?? 0) : null,
    community: Int32Array.from(nodes, (n) => m.community.get(n) ?? 0),
    communities: m.communities,
    modularity: m.modularity,
  };
});
