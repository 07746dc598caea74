/// <reference lib="webworker" />
import { islandLabels, islandsOf } from '../geo/islands';
import { buildLinks, networkPoints, placeNetworks } from '../geo/links';
import { serveRpc } from '../core/worker-rpc';
import { unpackStrings } from './columns';
import type { PackedStrings } from './columns';
import type { Islands } from '../geo/islands';
import type { LinkCollection, LinkMode } from '../geo/links';
import type { ActorFeature, Network, Territory } from '../core/types';

/**
 * The islands' hulls and the links and networks of the filtered actors, off the page's thread:
 * at 100,000 actors a filter's hulls take a few hundred milliseconds and its links as many (the
 * bundling's index of partners, each actor's territory), which on the main thread froze the
 * page and held back the map's frames. The actors' columns come once; each request names the
 * kept actors by index. Links are answered at once, islands after the requests queued behind
 * them are read (only the last is computed).
 */
export type IslandsRequest =
  | ({ type: 'load' } & ActorColumns)
  | { type: 'networks'; networks: Network[] }
  | { type: 'links'; kept: Uint32Array; mode: LinkMode }
  | { type: 'islands'; kept: Uint32Array; territories: Pick<Territory, 'id' | 'name'>[] };

/** What the islands and links read of each actor, as columns. */
export interface ActorColumns {
  lon: Float64Array;
  lat: Float64Array;
  /** Index of its home territory (`homeTerritory`) in `territoryIds`. */
  territory: Uint32Array;
  territoryIds: string[];
  ids: PackedStrings;
  /** Every actor's networks, one after the other; `networkEnds[i]` is where actor i's end. */
  networkIds: PackedStrings;
  networkEnds: Uint32Array;
  /** The same for the partners each actor names. */
  partnerIds: PackedStrings;
  partnerEnds: Uint32Array;
}

/** The links of a request, and its networks as the text of a feature collection (compared as it is). */
export interface LinksAnswer {
  links: LinkCollection;
  networks: string;
}

/**
 * The islands of a request; `unchanged` when they are those of the last answer (a filter that
 * keeps every hull: nothing is sent back or drawn again); null for a request that a newer one
 * made useless, and for `load` and `networks`.
 */
export type IslandsAnswer = Islands | LinksAnswer | 'unchanged' | null;

let columns: ActorColumns | null = null;
// The actors as the links read them (id, position, home territory, networks, partners), made at the first links asked.
let actors: ActorFeature[] | null = null;
let networks: Network[] = [];
let latest: {
  request: Extract<IslandsRequest, { type: 'islands' }>;
  answer: (islands: IslandsAnswer) => void;
} | null = null;
let scheduled = false;
// The last islands answered, as text: the next ones are compared to it.
let lastAnswered = '';

serveRpc<IslandsRequest, IslandsAnswer>(self as unknown as DedicatedWorkerGlobalScope, (request) => {
  switch (request.type) {
    case 'load':
      columns = request;
      actors = null;
      return null;
    case 'networks':
      networks = request.networks;
      return null;
    case 'links':
      return linksOf(request.kept, request.mode);
  }
  latest?.answer(null);
  return new Promise<IslandsAnswer>((answer) => {
    latest = { request, answer };
    // Requests already queued behind this one are read first: only the last is computed.
    if (!scheduled) {
      scheduled = true;
      setTimeout(compute, 0);
    }
  });
});

function linksOf(kept: Uint32Array, mode: LinkMode): LinksAnswer {
  const all = actorsOf(columns);
  const subset = new Array<ActorFeature>(kept.length);
  for (let i = 0; i < kept.length; i++) subset[i] = all[kept[i]!]!;
  const placement = placeNetworks(networks, subset);
  return {
    links: buildLinks(subset, networks, placement.positions, { mode }),
    networks: JSON.stringify(networkPoints(networks, placement)),
  };
}

/**
 * Features with what the links read: `territory` holds the home territory itself, which
 * `homeTerritory` then gives back as it is (an empty one for an actor in none).
 */
function actorsOf(c: ActorColumns | null): ActorFeature[] {
  if (actors) return actors;
  if (!c) return [];
  const ids = unpackStrings(c.ids);
  const networkIds = unpackStrings(c.networkIds);
  const partnerIds = unpackStrings(c.partnerIds);
  actors = new Array<ActorFeature>(ids.length);
  let n = 0;
  let p = 0;
  for (let i = 0; i < ids.length; i++) {
    const properties: Record<string, unknown> = { id: ids[i], territory: c.territoryIds[c.territory[i]!] };
    if (c.networkEnds[i]! > n) properties.networks = networkIds.slice(n, c.networkEnds[i]);
    if (c.partnerEnds[i]! > p) properties.partners = partnerIds.slice(p, c.partnerEnds[i]);
    n = c.networkEnds[i]!;
    p = c.partnerEnds[i]!;
    actors[i] = {
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [c.lon[i]!, c.lat[i]!] },
      properties,
    } as unknown as ActorFeature;
  }
  return actors;
}

function compute() {
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
    const islands = { islands: hulls, labels: islandLabels(hulls) };
    const text = JSON.stringify(islands);
    if (text === lastAnswered) answer('unchanged');
    else {
      lastAnswered = text;
      answer(islands);
    }
  } catch (error) {
    // No islands (empty ones, not the last filter's) rather than a page waiting; the error still shows in the console.
    const none = { type: 'FeatureCollection' as const, features: [] };
    lastAnswered = '';
    answer({ islands: none, labels: none });
    console.error(error);
  }
}
