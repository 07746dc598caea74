import { CATEGORIES } from '../core/vocab';
import { indexOfActors, keptIndices } from './columns';
import type { ActorFeature } from '../core/types';
import type { Bbox, ClusterFeature } from '../geo/cluster';
import type { ClusterAnswer, ClusterRequest } from './cluster-worker';

/**
 * The page's side of the cluster worker: sends the actors' columns once per
 * dataset, the kept indices on each filter, and asks for the clusters of a
 * view. Answers to superseded view requests are dropped.
 */
export function createClusterClient() {
  const worker = new Worker(new URL('./cluster-worker.ts', import.meta.url), { type: 'module' });
  let seq = 0;
  const pending = new Map<number, (answer: ClusterAnswer) => void>();
  worker.onmessage = (event: MessageEvent<ClusterAnswer>) => {
    const resolve = pending.get(event.data.seq);
    pending.delete(event.data.seq);
    resolve?.(event.data);
  };
  const post = (request: ClusterRequest, transfer: Transferable[] = []) => worker.postMessage(request, transfer);
  const ask = <T extends ClusterAnswer>(request: ClusterRequest & { seq: number }): Promise<T> =>
    new Promise((resolve) => {
      pending.set(request.seq, resolve as (answer: ClusterAnswer) => void);
      post(request);
    });

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
      const id = ++seq;
      latestView = id;
      const answer = await ask<Extract<ClusterAnswer, { type: 'view' }>>({ type: 'view', seq: id, zoom, bbox });
      return id === latestView ? answer.features : null;
    },
    async members(clusterId: number): Promise<string[]> {
      return (await ask<Extract<ClusterAnswer, { type: 'members' }>>({ type: 'members', seq: ++seq, clusterId })).ids;
    },
    async expansionZoom(clusterId: number): Promise<number> {
      return (await ask<Extract<ClusterAnswer, { type: 'expansion' }>>({ type: 'expansion', seq: ++seq, clusterId }))
        .zoom;
    },
    destroy() {
      worker.terminate();
    },
  };
}

export type ClusterClient = ReturnType<typeof createClusterClient>;
