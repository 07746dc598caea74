import { homeTerritory } from '../core/territory-id';
import { indexOfActors, keptIndices } from './columns';
import { createWorkerRpc } from '../core/worker-rpc';
import type { ActorFeature, Territory } from '../core/types';
import type { Islands } from '../geo/islands';
import type { IslandsAnswer, IslandsRequest } from './islands-worker';

/**
 * The page's side of the islands worker, started with the first islands asked
 * for (its code, with concaveman and polylabel, is fetched then): sends the
 * positions once per dataset and the kept indices with each request.
 */
export function createIslandsClient() {
  // Started with the first message.
  const rpc = createWorkerRpc<IslandsRequest, IslandsAnswer>(
    () => new Worker(new URL('./islands-worker.ts', import.meta.url), { type: 'module' }),
  );
  let actors: readonly ActorFeature[] | null = null;
  let index = new Map<ActorFeature, number>();
  /** The home territories of `actors`, each island's id. */
  let homes: string[] = [];

  return {
    /**
     * The islands of `filtered` (some of `all`), named from `territories` (the file's and the
     * administrative map's: an actor with no `territory` of its own is on its département's island);
     * null when a newer request made this one useless.
     */
    islands(
      all: readonly ActorFeature[],
      filtered: readonly ActorFeature[],
      territories: ReadonlyMap<string, Territory>,
    ): Promise<Islands | null> {
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
        homes = territoryIds;
        rpc.post({ type: 'load', lon, lat, territory, territoryIds }, [lon.buffer, lat.buffer, territory.buffer]);
      }
      const kept = keptIndices(filtered, index);
      const request: IslandsRequest = {
        type: 'islands',
        kept,
        // Only the islands' own: not the thousands of communes the administrative map names.
        territories: homes.flatMap((id) => {
          const t = territories.get(id);
          return t ? [{ id, name: t.name }] : [];
        }),
      };
      // A worker that failed or stopped draws no islands.
      return rpc.ask(request, { transfer: [kept.buffer] }).catch(() => null);
    },
    destroy() {
      rpc.destroy();
    },
  };
}
