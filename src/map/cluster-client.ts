import { CATEGORIES } from '../core/vocab';
import { indexOfActors, keptIndices } from './columns';
import { createWorkerRpc } from '../core/worker-rpc';
import type { ActorFeature } from '../core/types';
import type { Bbox, ClusterFeature } from '../geo/cluster';
import type { ClusterAnswer, ClusterRequest } from './cluster-worker';

/**
 * The page's side of the cluster worker: sends the actors' columns once per
 * dataset, the kept indices on each filter, and asks for the clusters of a
 * view. Answers to superseded view requests are dropped; a worker that fails or
 * stops answers nothing, never a request left pending.
 */
export function createClusterClient() {
  const rpc = createWorkerRpc<ClusterRequest, ClusterAnswer>(
    () => new Worker(new URL('./cluster-worker.ts', import.meta.url), { type: 'module' }),
  );
  // Started at once: its code loads while the map's style does.
  rpc.start();
  const post = (request: ClusterRequest, transfer: Transferable[] = []) => rpc.post(request, transfer);

  let actors: readonly ActorFeature[] | null = null;
  let positionOf = new Map<ActorFeature, number>();
  let latestView = 0;

  return {
    /** Sends the actors' positions, categories, ids and names (once per dataset). */
    setActors(all: readonly ActorFeature[]) {
      if (all === actors) return;
      actors = all;
      const n = all.length;
      const lon = new Float64Array(n);
      const lat = new Float64Array(n);
      const category = new Uint8Array(n);
      const ids: string[] = new Array(n);
      const names: string[] = new Array(n);
      positionOf = indexOfActors(all);
      all.forEach((actor, i) => {
        lon[i] = actor.geometry.coordinates[0];
        lat[i] = actor.geometry.coordinates[1];
        category[i] = CATEGORIES.indexOf(actor.properties.category);
        ids[i] = actor.properties.id;
        names[i] = actor.properties.name;
      });
      post({ type: 'load', input: { lon, lat, category, ids, names, categories: CATEGORIES } }, [
        lon.buffer,
        lat.buffer,
        category.buffer,
      ]);
    },
    /** Keeps the filtered actors (a subset of those sent). */
    setFiltered(filtered: readonly ActorFeature[]) {
      const kept = keptIndices(filtered, positionOf);
      post({ type: 'filter', kept }, [kept.buffer]);
    },
    /** The clusters and actors of a view; null when a newer view was asked meanwhile. */
    async view(zoom: number, bbox: Bbox): Promise<ClusterFeature[] | null> {
      const id = ++latestView;
      const features = await rpc.ask({ type: 'view', zoom, bbox }).catch(() => null);
      return id === latestView ? (features as ClusterFeature[] | null) : null;
    },
    /** A cluster's member ids; none when the worker failed or stopped. */
    async members(clusterId: number): Promise<string[]> {
      return (await rpc.ask({ type: 'members', clusterId }).catch(() => [])) as string[];
    },
    /** The zoom at which a cluster splits; -1 when the worker failed or stopped (nothing to do). */
    async expansionZoom(clusterId: number): Promise<number> {
      return (await rpc.ask({ type: 'expansion', clusterId }).catch(() => -1)) as number;
    },
    destroy() {
      rpc.destroy();
    },
  };
}

export type ClusterClient = ReturnType<typeof createClusterClient>;
