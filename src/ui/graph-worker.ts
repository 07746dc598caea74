/// <reference lib="webworker" />
/**
 * The graph view's worker: lays the graph out (seeded ForceAtlas2,
 * src/geo/graph-layout.ts) and measures it (src/geo/graph-measures.ts) off
 * the main thread, so a graph of thousands of nodes never freezes the page.
 */
import Graph from 'graphology';
import { layoutGraph } from '../geo/graph-layout';
import { nodeMeasures } from '../geo/graph-measures';
import type { ArchipelagoGraph } from '../geo/graph';
import type { SerializedGraph } from 'graphology-types';

export interface GraphJob {
  /** Answers carry it back: the view keeps only the last job's. */
  id: number;
  graph: SerializedGraph;
  seed: number;
  /** false: the measures only (the statistics view draws no graph); positions then come back empty. */
  layout: boolean;
}

/** Per node, in the graph's node order. */
export interface GraphResult {
  id: number;
  positions: Float64Array;
  degree: Int32Array;
  /** null when the graph is too large for it (`BETWEENNESS_MAX_NODES`). */
  betweenness: Float64Array | null;
  community: Int32Array;
  communities: number;
  modularity: number;
}

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<GraphJob>) => {
  const job = event.data;
  const graph: ArchipelagoGraph = new Graph({ type: 'undirected', multi: false, allowSelfLoops: false });
  graph.import(job.graph as SerializedGraph<never, never>);
  const positions = job.layout ? layoutGraph(job.graph, job.seed) : new Float64Array(0);
  const m = nodeMeasures(graph);
  const nodes = graph.nodes();
  const degree = Int32Array.from(nodes, (n) => m.degree.get(n) ?? 0);
  const community = Int32Array.from(nodes, (n) => m.community.get(n) ?? 0);
  const betweenness = m.betweenness ? Float64Array.from(nodes, (n) => m.betweenness!.get(n) ?? 0) : null;
  const result: GraphResult = {
    id: job.id,
    positions,
    degree,
    betweenness,
    community,
    communities: m.communities,
    modularity: m.modularity,
  };
  scope.postMessage(result, [
    positions.buffer,
    degree.buffer,
    community.buffer,
    ...(betweenness ? [betweenness.buffer] : []),
  ]);
};
