/// <reference lib="webworker" />
import { islandLabels, islandsOf } from '../geo/islands';
import { serveRpc } from '../core/worker-rpc';
import type { Islands } from '../geo/islands';
import type { Territory } from '../core/types';

/**
 * The islands' hulls, off the page's thread: at 100,000 actors a filter's hulls
 * take a few hundred milliseconds, which on the main thread froze the page and
 * held back the map's frames. The positions come once; each request names the
 * kept actors by index.
 */
export type IslandsRequest =
  | { type: 'load'; lon: Float64Array; lat: Float64Array; territory: Uint32Array; territoryIds: string[] }
  | { type: 'islands'; kept: Uint32Array; territories: Pick<Territory, 'id' | 'name'>[] };

/** The islands of a request; null for a request that a newer one made useless, and for `load`. */
export type IslandsAnswer = Islands | null;

let columns: Omit<Extract<IslandsRequest, { type: 'load' }>, 'type'> | null = null;
let latest: {
  request: Extract<IslandsRequest, { type: 'islands' }>;
  answer: (islands: Islands | null) => void;
} | null = null;
let scheduled = false;

serveRpc<IslandsRequest, IslandsAnswer>(self as unknown as DedicatedWorkerGlobalScope, (request) => {
  if (request.type === 'load') {
    columns = request;
    return null;
  }
  latest?.answer(null);
  return new Promise<Islands | null>((answer) => {
    latest = { request, answer };
    // Requests already queued behind this one are read first: only the last is computed.
    if (!scheduled) {
      scheduled = true;
      setTimeout(() => void compute(), 0);
    }
  });
});

async function compute() {
  scheduled = false;
  const job = latest;
  latest = null;
  if (!job) return;
  const { request, answer } = job;
  const c = columns;
  const kept = request.kept;
  try {
    const hulls = islandsOf(
      c
        ? {
            count: kept.length,
            lon: (i) => c.lon[kept[i]!]!,
            lat: (i) => c.lat[kept[i]!]!,
            territory: (i) => c.territoryIds[c.territory[kept[i]!]!]!,
          }
        : { count: 0, lon: () => 0, lat: () => 0, territory: () => '' },
      request.territories,
    );
    answer({ islands: hulls, labels: await islandLabels(hulls) });
  } catch (error) {
    // No islands (empty ones, not the last filter's) rather than a page waiting; the error still shows in the console.
    const none = { type: 'FeatureCollection' as const, features: [] };
    answer({ islands: none, labels: none });
    console.error(error);
  }
}
