import { homeTerritory } from '../core/territory-id';
import { indexOfActors, keptIndices, packStrings } from './columns';
import { createWorkerRpc } from '../core/worker-rpc';
import type { ActorFeature, Network, Territory } from '../core/types';
import type { Islands } from '../geo/islands';
import type { LinkMode } from '../geo/links';
import type { ActorColumns, IslandsAnswer, IslandsRequest, LinksAnswer } from './islands-worker';

/**
 * The page's side of the islands worker (islands, links and networks), started with the first
 * of them asked for (its code, with concaveman and polylabel, is fetched then): sends the
 * actors' columns once per dataset and the kept indices with each request.
 */
export function createIslandsClient() {
  // Started with the first message. Two of them: the links of a filter are not held back behind
  // the hulls of the last one (a second or more at 100,000 actors), nor the hulls behind the links.
  const rpc = createWorkerRpc<IslandsRequest, IslandsAnswer>(
    () => new Worker(new URL('./islands-worker.ts', import.meta.url), { type: 'module' }),
  );
  const linksRpc = createWorkerRpc<IslandsRequest, IslandsAnswer>(
    () => new Worker(new URL('./islands-worker.ts', import.meta.url), { type: 'module' }),
  );
  let actors: readonly ActorFeature[] | null = null;
  let networksSent: readonly Network[] | null = null;
  let index = new Map<ActorFeature, number>();
  // The last islands the worker sent: what `unchanged` stands for.
  let last: Islands | null = null;

  /** Sends the columns of `all` when they are not those sent last. */
  const load = (all: readonly ActorFeature[]) => {
    if (all === actors) return;
    actors = all;
    index = indexOfActors(all);
    const { message, transfer } = columnsOf(all);
    // The islands read the positions and territories only; the links read everything.
    const { lon, lat, territory, territoryIds } = message;
    const none = { text: '', ends: new Uint32Array(all.length) };
    rpc.post({
      type: 'load',
      lon: lon.slice(),
      lat: lat.slice(),
      territory: territory.slice(),
      territoryIds,
      ids: none,
      networkIds: none,
      networkEnds: none.ends,
      partnerIds: none,
      partnerEnds: none.ends,
    });
    linksRpc.post({ type: 'load', ...message }, transfer);
  };

  return {
    /**
     * The islands of `filtered` (some of `all`); null when a newer request made this one useless.
     * The same object as the last answer when the worker found them unchanged.
     */
    islands(
      all: readonly ActorFeature[],
      filtered: readonly ActorFeature[],
      territories: readonly Territory[],
    ): Promise<Islands | null> {
      load(all);
      const kept = keptIndices(filtered, index);
      const request: IslandsRequest = {
        type: 'islands',
        kept,
        territories: territories.map(({ id, name }) => ({ id, name })),
      };
      // A worker that failed or stopped draws no islands.
      return rpc
        .ask(request, { transfer: [kept.buffer] })
        .then((answer) => {
          if (answer === 'unchanged') return last;
          if (answer && 'islands' in answer) last = answer;
          return answer && 'islands' in answer ? answer : null;
        })
        .catch(() => null);
    },
    /** The links and networks of `filtered` (some of `all`) in this link mode; null when the worker failed. */
    links(
      all: readonly ActorFeature[],
      filtered: readonly ActorFeature[],
      networks: readonly Network[],
      mode: LinkMode,
    ): Promise<LinksAnswer | null> {
      load(all);
      if (networks !== networksSent) {
        networksSent = networks;
        linksRpc.post({ type: 'networks', networks: [...networks] });
      }
      const kept = keptIndices(filtered, index);
      return linksRpc
        .ask({ type: 'links', kept, mode }, { transfer: [kept.buffer] })
        .then((answer) => (answer && typeof answer === 'object' && 'links' in answer ? answer : null))
        .catch(() => null);
    },
    destroy() {
      rpc.destroy();
      linksRpc.destroy();
    },
  };
}

/** The columns the worker reads, in one pass; strings packed (see `packStrings`). */
function columnsOf(all: readonly ActorFeature[]): { message: ActorColumns; transfer: Transferable[] } {
  const n = all.length;
  const lon = new Float64Array(n);
  const lat = new Float64Array(n);
  const territory = new Uint32Array(n);
  const networkEnds = new Uint32Array(n);
  const partnerEnds = new Uint32Array(n);
  const territoryIds: string[] = [];
  const territoryIndex = new Map<string, number>();
  const ids = new Array<string>(n);
  const networkIds: string[] = [];
  const partnerIds: string[] = [];
  for (let i = 0; i < n; i++) {
    const actor = all[i]!;
    const p = actor.properties;
    [lon[i], lat[i]] = actor.geometry.coordinates;
    const id = homeTerritory(p);
    let t = territoryIndex.get(id);
    if (t === undefined) {
      t = territoryIds.push(id) - 1;
      territoryIndex.set(id, t);
    }
    territory[i] = t;
    ids[i] = p.id;
    if (p.networks) for (const network of p.networks) networkIds.push(network);
    if (p.partners) for (const partner of p.partners) partnerIds.push(partner);
    networkEnds[i] = networkIds.length;
    partnerEnds[i] = partnerIds.length;
  }
  const packed = {
    ids: packStrings(ids),
    networkIds: packStrings(networkIds),
    partnerIds: packStrings(partnerIds),
  };
  return {
    message: { lon, lat, territory, territoryIds, networkEnds, partnerEnds, ...packed },
    transfer: [
      lon.buffer,
      lat.buffer,
      territory.buffer,
      networkEnds.buffer,
      partnerEnds.buffer,
      packed.ids.ends.buffer,
      packed.networkIds.ends.buffer,
      packed.partnerIds.ends.buffer,
    ],
  };
}
