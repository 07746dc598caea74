/// <reference lib="webworker" />
import { ZoomClusters } from '../geo/cluster';
import type { Bbox, ClusterFeature, ClusterInput } from '../geo/cluster';

/** Messages to the cluster worker; each answer carries the request's `seq`. */
export type ClusterRequest =
  | { type: 'load'; input: ClusterInput }
  | { type: 'filter'; kept: Uint32Array }
  | { type: 'view'; seq: number; zoom: number; bbox: Bbox }
  | { type: 'members'; seq: number; clusterId: number }
  | { type: 'expansion'; seq: number; clusterId: number };

export type ClusterAnswer =
  | { type: 'view'; seq: number; features: ClusterFeature[] }
  | { type: 'members'; seq: number; ids: string[] }
  | { type: 'expansion'; seq: number; zoom: number };

const scope = self as unknown as DedicatedWorkerGlobalScope;
let clusters: ZoomClusters | null = null;

scope.onmessage = (event: MessageEvent<ClusterRequest>) => {
  const request = event.data;
  switch (request.type) {
    case 'load':
      clusters = new ZoomClusters(request.input);
      break;
    case 'filter':
      clusters?.setKept(request.kept);
      break;
    case 'view':
      scope.postMessage({
        type: 'view',
        seq: request.seq,
        features: clusters?.features(request.zoom, request.bbox) ?? [],
      } satisfies ClusterAnswer);
      break;
    case 'members':
      scope.postMessage({
        type: 'members',
        seq: request.seq,
        ids: clusters?.members(request.clusterId) ?? [],
      } satisfies ClusterAnswer);
      break;
    case 'expansion':
      scope.postMessage({
        type: 'expansion',
        seq: request.seq,
        zoom: clusters?.expansionZoom(request.clusterId) ?? 0,
      } satisfies ClusterAnswer);
      break;
  }
};
