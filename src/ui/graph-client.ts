import { useEffect, useRef, useState } from 'preact/hooks';
import { WorkerRpcError, createWorkerRpc } from '../core/worker-rpc';
import type { WorkerRpc } from '../core/worker-rpc';
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
 * Lays the graph out and measures it in a worker (`graph-worker.ts`); `withLayout` false: the
 * measures only. A new graph stops the work on the previous one (its worker is ended), so only
 * the last graph asked is ever answered. `error`: why the worker gave no answer.
 */
export function useGraphLayout(
  graph: ArchipelagoGraph,
  withLayout = true,
): { layout: Layout | null; error: string | null } {
  const [state, setState] = useState<{ layout: Layout | null; error: string | null }>({ layout: null, error: null });
  const worker = useRef<WorkerRpc<GraphJob, GraphResult> | null>(null);
  useEffect(() => () => worker.current?.destroy(), []);
  useEffect(() => {
    worker.current?.destroy();
    worker.current = null;
    if (graph.order === 0) return;
    const w = createWorkerRpc<GraphJob, GraphResult>(
      () => new Worker(new URL('./graph-worker.ts', import.meta.url), { type: 'module' }),
    );
    worker.current = w;
    const ids = graph.nodes();
    w.ask({ graph: graph.export(), seed: LAYOUT_SEED, layout: withLayout }).then(
      (result) => {
        setState({ layout: { graph, ids, index: new Map(ids.map((n, i) => [n, i])), result }, error: null });
        w.destroy();
      },
      (error: unknown) => {
        // Replaced by a newer graph: nothing to say.
        if (error instanceof WorkerRpcError && error.reason === 'destroyed') return;
        setState((s) => ({ ...s, error: error instanceof Error ? error.message : String(error) }));
      },
    );
  }, [graph, withLayout]);
  return state;
}
