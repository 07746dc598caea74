import { useEffect, useRef, useState } from 'preact/hooks';
import { LAYOUT_SEED } from '../geo/graph';
import type { ArchipelagoGraph } from '../geo/graph';
import type { GraphJob, GraphResult } from './graph-worker';

/** A laid-out graph: the graph the worker was given, and its answer. */
export interface Layout {
  graph: ArchipelagoGraph;
  ids: string[];
  index: Map<string, number>;
  result: GraphResult;
}

/**
 * Lays the graph out and measures it in the worker (`graph-worker.ts`); the answer for the last
 * graph asked only. `withLayout` false: the measures only.
 */
export function useGraphLayout(graph: ArchipelagoGraph, withLayout = true): Layout | null {
  const [layout, setLayout] = useState<Layout | null>(null);
  const worker = useRef<Worker | null>(null);
  const job = useRef(0);
  useEffect(() => () => worker.current?.terminate(), []);
  useEffect(() => {
    if (graph.order === 0) return;
    worker.current ??= new Worker(new URL('./graph-worker.ts', import.meta.url), { type: 'module' });
    const id = ++job.current;
    const ids = graph.nodes();
    worker.current.onmessage = (event: MessageEvent<GraphResult>) => {
      if (event.data.id !== job.current) return;
      setLayout({ graph, ids, index: new Map(ids.map((n, i) => [n, i])), result: event.data });
    };
    const message: GraphJob = { id, graph: graph.export(), seed: LAYOUT_SEED, layout: withLayout };
    worker.current.postMessage(message);
  }, [graph, withLayout]);
  return layout;
}
