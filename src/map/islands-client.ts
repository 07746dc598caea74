import { homeTerritory } from '../core/territory-id';
import { indexOfActors, keptIndices } from './columns';
import type { ActorFeature, Territory } from '../core/types';
import type { Islands } from '../geo/islands';
import type { IslandsAnswer, IslandsRequest } from './islands-worker';

/**
 * The page's side of the islands worker, started with the first islands asked
 * for (its code, with concaveman and polylabel, is fetched then): sends the
 * positions once per dataset and the kept indices with each request.
 */
export function createIslandsClient() {
  let worker: Worker | null = null;
  const pending = new Map<number, (islands: Islands | null) => void>();
  let seq = 0;
  let actors: readonly ActorFeature[] | null = null;
  let index = new Map<ActorFeature, number>();
  const post = (request: IslandsRequest, transfer: Transferable[]) => worker!.postMessage(request, transfer);

  return {
    /** The islands of `filtered` (some of `all`); null when a newer request made this one useless. */
    islands(
      all: readonly ActorFeature[],
      filtered: readonly ActorFeature[],
      territories: readonly Territory[],
    ): Promise<Islands | null> {
      if (!worker) {
        worker = new Worker(new URL('./islands-worker.ts', import.meta.url), { type: 'module' });
        worker.onmessage = (event: MessageEvent<IslandsAnswer>) => {
          pending.get(event.data.seq)?.(event.data.islands);
          pending.delete(event.data.seq);
        };
      }
      if (all !== actors) {
        actors = all;
        index = indexOfActors(all);
        const lon = new Float64Array(all.length);
        const lat = new Float64Array(all.length);
        const territory = new Uint32Array(all.length);
        const territoryIds: string[] = [];
        const territoryIndex = new Map<string, number>();
        all.forEach((actor, i) => {
          [lon[i], lat[i]] = actor.geometry.coordinates;
          const id = homeTerritory(actor.properties);
          let t = territoryIndex.get(id);
          if (t === undefined) {
            t = territoryIds.push(id) - 1;
            territoryIndex.set(id, t);
          }
          territory[i] = t;
        });
        post({ type: 'load', lon, lat, territory, territoryIds }, [lon.buffer, lat.buffer, territory.buffer]);
      }
      const kept = keptIndices(filtered, index);
      const id = ++seq;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        post({ type: 'islands', seq: id, kept, territories: territories.map(({ id, name }) => ({ id, name })) }, [
          kept.buffer,
        ]);
      });
    },
    destroy() {
      worker?.terminate();
      for (const resolve of pending.values()) resolve(null);
      pending.clear();
    },
  };
}
