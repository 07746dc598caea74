/// <reference lib="webworker" />
import { ZoomClusters } from '../geo/cluster';
import { serveRpc } from '../core/worker-rpc';
import type { Bbox, ClusterFeature, ClusterInput } from '../geo/cluster';

/** Messages to the cluster worker (through core/worker-rpc: `load` and `filter` want no answer). */
export type ClusterRequest =
  | { type: 'load'; input: ClusterInput }
  | { type: 'filter'; kept: Uint32Array }
  | { type: 'view'; zoom: number; bbox: Bbox }
  | { type: 'members'; clusterId: number }
  | { type: 'expansion'; clusterId: number };

/** The answer to each request: the view's features, a cluster's member ids, its expansion zoom; null for the others. */
export type ClusterAnswer = ClusterFeature[] | string[] | number | null;

let clusters: ZoomClusters | null = null;

serveRpc<ClusterRequest, ClusterAnswer>(self as unknown as DedicatedWorkerGlobalScope, (request) => {
  switch (request.type) {
    case 'load':
      clusters = new ZoomClusters(request.input);
      return null;
    case 'filter':
      clusters?.setKept(request.kept);
      return null;
    case 'view':
      return clusters?.features(request.zoom, request.bbox) ?? [];
    case 'members':
      return clusters?.members(request.clusterId) ?? [];
    case 'expansion':
      return clusters?.expansionZoom(request.clusterId) ?? 0;
  }
});
