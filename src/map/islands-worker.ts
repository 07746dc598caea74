/// <reference lib="webworker" />
import { islandLabels, islandsOf } from '../geo/islands';
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
  | { type: 'islands'; seq: number; kept: Uint32Array; territories: Pick<Territory, 'id' | 'name'>[] };

/** `islands` is null for a request that a newer one made useless. */
export interface IslandsAnswer {
  seq: number;
  islands: Islands | null;
}

const scope = self as unknown as DedicatedWorkerGlobalScope;
let columns: Omit<Extract<IslandsRequest, { type: 'load' }>, 'type'> | null = null;
let latest: Extract<IslandsRequest, { type: 'islands' }> | null = null;
let scheduled = false;

scope.onmessage = (event: MessageEvent<IslandsRequest>) => {
  const request = event.data;
  if (request.type === 'load') {
    columns = request;
    return;
  }
  if (latest) scope.postMessage({ seq: latest.seq, islands: null } satisfies IslandsAnswer);
  latest = request;
  // Requests already queued behind this one are read first: only the last is computed.
  if (!scheduled) {
    scheduled = true;
    setTimeout(compute, 0);
  }
};

function compute() {
  scheduled = false;
  const request = latest;
  latest = null;
  if (!request) return;
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
    scope.postMessage({
      seq: request.seq,
      islands: { islands: hulls, labels: islandLabels(hulls) },
    } satisfies IslandsAnswer);
  } catch (error) {
    // No islands (empty ones, not the last filter's) rather than a page waiting; the error still shows in the console.
    const none = { type: 'FeatureCollection' as const, features: [] };
    scope.postMessage({ seq: request.seq, islands: { islands: none, labels: none } } satisfies IslandsAnswer);
    throw error;
  }
}
