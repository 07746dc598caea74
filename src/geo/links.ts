// Over 300 lines: network placement and the three kinds of links (actor, bundled, network) share
// their drafts, the curve drawing and the stable ids; split, the bundling rules would be read in
// two places. Candidate for a split: the drafts' drawing (`drawDrafts`, `curvedLine`, `bendsFor`).
import { homeTerritory } from '../core/territory-id';
/**
 * The archipelago (docs/data-model.md, "Links: the archipelago"): where networks stand,
 * and the curved links between actors, networks and wider networks, either one
 * per actor (zoomed in) or bundled per (territory, network) (zoomed out).
 *
 * Everything here is computed from the actors passed in, which are the
 * *filtered* actors: a link whose actor is filtered out does not exist.
 */
import type { Feature, FeatureCollection, LineString, Point } from 'geojson';
import { latY, yLat } from './mercator';
import type { ActorFeature, LonLat, Network } from '../core/types';
import type { Scale } from '../core/vocab';

/**
 * What a link stands for: an actor member of a network, two partner actors,
 * or a network member of a wider network.
 */
export type LinkKind = 'membership' | 'partnership' | 'network-membership';

/** Drawing mode: one link per actor, or one per (territory, network). */
export type LinkMode = 'bundled' | 'detailed';

export interface LinkProperties {
  /** Stable across rebuilds: the same link keeps the same id (also the feature's `id`). */
  id: string;
  kind: LinkKind;
  /**
   * membership: actor id (detailed) or territory id (bundle);
   * partnership: the smaller actor id (detailed) or territory id (bundle);
   * network-membership: the member network's id.
   */
  from: string;
  /** membership: network id; partnership: the other actor or territory id; network-membership: the wider network's id. */
  to: string;
  /** Number of actor links the feature stands for: 1 when detailed; members (or partner pairs) of a bundle. */
  weight: number;
  /** Only on bundles: the territory whose actors the bundle gathers (the same as `from`). */
  territory?: string;
}

/** One link, drawn as a curved line; its `id` is the same as `properties.id`. */
export type LinkFeature = Feature<LineString, LinkProperties> & { id: string };

/**
 * The links, as GeoJSON. `unplaced` (a foreign member, allowed by RFC 7946)
 * lists the networks some link would reach but that have no position, so
 * those links are missing; sorted.
 */
export interface LinkCollection extends FeatureCollection<LineString, LinkProperties> {
  features: LinkFeature[];
  unplaced: string[];
}

/** Where a network's position comes from (docs/data-model.md: a network with no seat stands at the centroid of its members). */
export type PlacementOrigin = 'seat' | 'members' | 'member-networks';

export interface NetworkPlacement {
  /** Position of every network that has one. */
  positions: Map<string, LonLat>;
  /** For each placed network, why it stands there. */
  origin: Map<string, PlacementOrigin>;
  /** Networks with no seat, no member among the actors and no placed member network, in input order. */
  unplaced: string[];
}

export interface NetworkPointProperties {
  id: string;
  name: string;
  scale: Scale;
  origin: PlacementOrigin;
}

/**
 * Below this zoom, links are bundled per (territory, network). At zoom 9 a
 * metropole of 30 km spans about 300 px (MapLibre's 512 px tiles, at 45–49° N),
 * enough to tell one actor's links from its neighbours'; at zoom 8 and below it
 * shrinks to under 150 px and a hundred actor links become one smudge, while
 * the whole of France (zoom 5–6) only reads as islands and bridges.
 */
export const BUNDLE_BELOW_ZOOM = 9;

/** Points on each curved link: smooth at low zoom, cheap for thousands of links; odd so the middle is a vertex. */
export const CURVE_POINTS = 25;

/** Sideways bulge of a lone link, as a share of its length; parallel links take multiples of it, alternating sides. */
export const BEND_STEP = 0.15;

/**
 * The drawing mode for a zoom level.
 * @param zoom - the map's zoom (MapLibre)
 */
export function linkModeForZoom(zoom: number): LinkMode {
  return zoom < BUNDLE_BELOW_ZOOM ? 'bundled' : 'detailed';
}

/**
 * Where each network stands: its `seat`; else the centroid of its members
 * among `actors` (the filtered actors); else the centroid of its member
 * networks' positions (networks whose `memberOf` names it), resolved level by
 * level so the result does not depend on input order; else nowhere (`unplaced`).
 * Centroids are plain means of longitudes and latitudes.
 * @param networks - every network
 * @param actors - the actors that count as members (the filtered ones)
 */
export function placeNetworks(networks: readonly Network[], actors: readonly ActorFeature[]): NetworkPlacement {
  const positions = new Map<string, LonLat>();
  const origin = new Map<string, PlacementOrigin>();
  const sums = new Map<string, { lon: number; lat: number; n: number }>();
  for (const network of networks) {
    if (network.seat) {
      positions.set(network.id, [network.seat[0], network.seat[1]]);
      origin.set(network.id, 'seat');
    } else {
      sums.set(network.id, { lon: 0, lat: 0, n: 0 });
    }
  }
  if (sums.size > 0) {
    for (const actor of actors) {
      const list = actor.properties.networks;
      if (!list) continue;
      const [lon, lat] = actor.geometry.coordinates;
      for (let i = 0; i < list.length; i++) {
        const id = list[i]!;
        const sum = sums.get(id);
        if (sum && list.indexOf(id) === i) {
          sum.lon += lon;
          sum.lat += lat;
          sum.n++;
        }
      }
    }
    for (const [id, sum] of sums) {
      if (sum.n === 0) continue;
      positions.set(id, [sum.lon / sum.n, sum.lat / sum.n]);
      origin.set(id, 'members');
    }
  }

  // Member networks of each network, for those still without a position.
  const memberNetworks = new Map<string, string[]>();
  for (const network of networks) {
    for (const wider of network.memberOf ?? []) {
      if (positions.has(wider) || !sums.has(wider)) continue;
      const list = memberNetworks.get(wider);
      if (list) list.push(network.id);
      else memberNetworks.set(wider, [network.id]);
    }
  }
  for (;;) {
    const round: [string, LonLat][] = [];
    for (const [id, members] of memberNetworks) {
      const placed = members.map((m) => positions.get(m)).filter((p): p is LonLat => p !== undefined);
      if (placed.length > 0) round.push([id, meanOf(placed)]);
    }
    if (round.length === 0) break;
    for (const [id, position] of round) {
      positions.set(id, position);
      origin.set(id, 'member-networks');
      memberNetworks.delete(id);
    }
  }

  const unplaced = networks.filter((n) => !positions.has(n.id)).map((n) => n.id);
  return { positions, origin, unplaced };
}

/**
 * The position of every network that has one (see {@link placeNetworks});
 * a network missing from the map has no position.
 * @param networks - every network
 * @param actors - the filtered actors
 */
export function networkPositions(networks: readonly Network[], actors: readonly ActorFeature[]): Map<string, LonLat> {
  return placeNetworks(networks, actors).positions;
}

/**
 * The placed networks as points, to draw them as first-class features.
 * @param networks - every network
 * @param placement - from {@link placeNetworks}
 */
export function networkPoints(
  networks: readonly Network[],
  placement: NetworkPlacement,
): FeatureCollection<Point, NetworkPointProperties> {
  const features: Feature<Point, NetworkPointProperties>[] = [];
  for (const network of networks) {
    const position = placement.positions.get(network.id);
    const origin = placement.origin.get(network.id);
    if (!position || !origin) continue;
    features.push({
      type: 'Feature',
      id: network.id,
      geometry: { type: 'Point', coordinates: [position[0], position[1]] },
      properties: { id: network.id, name: network.name, scale: network.scale, origin },
    });
  }
  return { type: 'FeatureCollection', features };
}

/**
 * The links between the actors passed in (the filtered ones), the networks and
 * the wider networks, as curved lines.
 *
 * - `detailed`: one `membership` link per (actor, network), one `partnership`
 *   per unordered pair of actors both passed in (`from` < `to`), weight 1.
 * - `bundled`: one `membership` link per (territory, network) from the
 *   centroid of the territory's actors, weighted by its members; partnerships
 *   bundled per pair of territories (pairs inside one territory are left out:
 *   the island stands for them).
 * - both: one `network-membership` link from each network reached by the
 *   actors (one of them is a member of it, directly or through member networks)
 *   to each wider network it is a member of.
 *
 * Unknown network or partner ids are ignored; links to networks without a
 * position are left out and those networks listed in `unplaced`. Links sharing
 * both ends bend by different amounts (see {@link bendsFor}).
 * @param actors - the filtered actors
 * @param networks - every network
 * @param positions - from {@link networkPositions} on the same actors
 * @param options - `mode`: see {@link linkModeForZoom}
 */
export function buildLinks(
  actors: readonly ActorFeature[],
  networks: readonly Network[],
  positions: ReadonlyMap<string, LonLat>,
  { mode }: { mode: LinkMode },
): LinkCollection {
  const networksById = new Map(networks.map((n) => [n.id, n]));
  const unplaced = new Set<string>();
  const drafts: Draft[] = [];
  const reached = new Set<string>();

  const networkAt = (id: string): LonLat | undefined => {
    if (!networksById.has(id)) return undefined;
    const position = positions.get(id);
    if (!position) unplaced.add(id);
    return position;
  };

  if (mode === 'detailed') {
    addActorLinks(actors, networkAt, reached, drafts);
  } else {
    const networkIds = [...networksById.keys()];
    const networkIndex = new Map(networkIds.map((id, i) => [id, i]));
    addBundles(actors, networkAt, networkIndex, networkIds, reached, drafts);
  }
  addNetworkLinks(networksById, reached, networkAt, drafts);

  return {
    type: 'FeatureCollection',
    features: drawDrafts(drafts),
    unplaced: [...unplaced].sort(),
  };
}

/**
 * A curved line from `from` to `to`: a quadratic Bézier drawn in Web Mercator
 * (so it looks like the same arc at every latitude on the map), of
 * {@link CURVE_POINTS} points whose first and last are exactly the ends.
 * @param from - start, [lon, lat]
 * @param to - end, [lon, lat]
 * @param bend - the middle of the arc lies `bend` × the length of the chord away
 *   from the chord's middle, to the left of the way from `from` to `to` when
 *   positive, to the right when negative; 0 is straight
 * @param points - number of points, at least 2
 */
export function curvedLine(from: LonLat, to: LonLat, bend: number, points = CURVE_POINTS): LineString {
  if (from[0] === to[0] && from[1] === to[1]) {
    return {
      type: 'LineString',
      coordinates: [
        [from[0], from[1]],
        [to[0], to[1]],
      ],
    };
  }
  const x0 = from[0];
  const y0 = mercatorY(from[1]);
  const x2 = to[0];
  const y2 = mercatorY(to[1]);
  // Control point: the middle of a quadratic Bézier lies halfway between the chord's middle and it.
  const x1 = (x0 + x2) / 2 - 2 * bend * (y2 - y0);
  const y1 = (y0 + y2) / 2 + 2 * bend * (x2 - x0);
  const n = Math.max(2, Math.round(points));
  const coordinates: number[][] = new Array<number[]>(n);
  coordinates[0] = [from[0], from[1]];
  for (let i = 1; i < n - 1; i++) {
    const t = i / (n - 1);
    const a = (1 - t) * (1 - t);
    const b = 2 * t * (1 - t);
    const c = t * t;
    coordinates[i] = [a * x0 + b * x1 + c * x2, latitudeOf(a * y0 + b * y1 + c * y2)];
  }
  coordinates[n - 1] = [to[0], to[1]];
  return { type: 'LineString', coordinates };
}

/**
 * The bends of `count` links that share both ends, in the order of their ids:
 * `BEND_STEP` × 1, −1, 2, −2, 3… so a lone link bends gently to one side and
 * parallel ones fan out on both sides without overlapping. `buildLinks`
 * measures them on the way from the western end (the southern one when both
 * share a longitude), whichever way the link points, so a link A → B and a
 * link B → A do not fall on each other.
 * @param count - how many links share the same two ends
 */
export function bendsFor(count: number): number[] {
  const bends: number[] = [];
  for (let k = 0; k < count; k++) bends.push(BEND_STEP * (Math.floor(k / 2) + 1) * (k % 2 === 0 ? 1 : -1));
  return bends;
}

/** A link before its geometry is drawn. */
interface Draft {
  properties: LinkProperties;
  from: LonLat;
  to: LonLat;
}

function addActorLinks(
  actors: readonly ActorFeature[],
  networkAt: (id: string) => LonLat | undefined,
  reached: Set<string>,
  drafts: Draft[],
): void {
  const ids: string[] = new Array<string>(actors.length);
  const listers: number[] = [];
  for (let k = 0; k < actors.length; k++) {
    const actor = actors[k]!;
    const p = actor.properties;
    ids[k] = p.id;
    const list = p.networks;
    if (list) {
      for (let i = 0; i < list.length; i++) {
        const network = list[i]!;
        if (list.indexOf(network) !== i) continue;
        const at = networkAt(network);
        if (!at) continue;
        reached.add(network);
        drafts.push({
          properties: { id: `membership:${p.id}>${network}`, kind: 'membership', from: p.id, to: network, weight: 1 },
          from: actor.geometry.coordinates,
          to: at,
        });
      }
    }
    if (p.partners && p.partners.length > 0) listers.push(k);
  }
  if (listers.length === 0) return;

  const indexOf = indexListed(actors, ids, listers);
  const pairs = new Set<string>();
  for (const k of listers) {
    const actor = actors[k]!;
    const own = ids[k]!;
    for (const partnerId of actor.properties.partners!) {
      const j = indexOf.get(partnerId);
      if (j === undefined || partnerId === own) continue;
      const partner = actors[j]!;
      const [a, b] = own < partnerId ? [actor, partner] : [partner, actor];
      const id = `partnership:${a.properties.id}~${b.properties.id}`;
      if (pairs.has(id)) continue;
      pairs.add(id);
      drafts.push({
        properties: { id, kind: 'partnership', from: a.properties.id, to: b.properties.id, weight: 1 },
        from: a.geometry.coordinates,
        to: b.geometry.coordinates,
      });
    }
  }
}

/** A territory's actors as one pass sees them: sums for the centroid, members per network index. */
interface TerritoryTally {
  index: number;
  lon: number;
  lat: number;
  n: number;
  members: Int32Array;
}

function addBundles(
  actors: readonly ActorFeature[],
  networkAt: (id: string) => LonLat | undefined,
  networkIndex: ReadonlyMap<string, number>,
  networkIds: readonly string[],
  reached: Set<string>,
  drafts: Draft[],
): void {
  // One pass: per territory, the sums for its centroid and a member count per network (by index).
  const territories = new Map<string, TerritoryTally>();
  const ids: string[] = new Array<string>(actors.length);
  const territoryOf = new Int32Array(actors.length);
  const listers: number[] = [];
  let lastTerritory: string | undefined;
  let current: TerritoryTally | undefined;
  for (let k = 0; k < actors.length; k++) {
    const actor = actors[k]!;
    const p = actor.properties;
    ids[k] = p.id;
    // Actors usually come grouped by territory: skip the lookup while it stays the same.
    const home = homeTerritory(p);
    // An actor with neither `territory` nor a known commune is in no territory's bundle.
    if (home === '') {
      territoryOf[k] = -1;
      continue;
    }
    if (home !== lastTerritory || !current) {
      lastTerritory = home;
      current = territories.get(home);
      if (!current) {
        current = { index: territories.size, lon: 0, lat: 0, n: 0, members: new Int32Array(networkIds.length) };
        territories.set(home, current);
      }
    }
    territoryOf[k] = current.index;
    current.lon += actor.geometry.coordinates[0];
    current.lat += actor.geometry.coordinates[1];
    current.n++;
    const list = p.networks;
    if (list) {
      for (let i = 0; i < list.length; i++) {
        const network = networkIndex.get(list[i]!);
        if (network !== undefined && list.indexOf(list[i]!) === i) current.members[network]!++;
      }
    }
    if (p.partners && p.partners.length > 0) listers.push(k);
  }

  const names: string[] = [];
  const anchors: LonLat[] = [];
  for (const [territory, t] of territories) {
    const from: LonLat = [t.lon / t.n, t.lat / t.n];
    names.push(territory);
    anchors.push(from);
    for (let i = 0; i < networkIds.length; i++) {
      const weight = t.members[i]!;
      if (weight === 0) continue;
      const network = networkIds[i]!;
      const at = networkAt(network);
      if (!at) continue;
      reached.add(network);
      drafts.push({
        properties: {
          id: `bundle:${territory}>${network}`,
          kind: 'membership',
          from: territory,
          to: network,
          weight,
          territory,
        },
        from,
        to: at,
      });
    }
  }

  if (listers.length === 0) return;
  const indexOf = indexListed(actors, ids, listers);
  // Partner pairs per pair of territories (by index, smaller first).
  const weights = new Map<number, number>();
  const count = territories.size;
  for (const k of listers) {
    const own = ids[k]!;
    const partners = actors[k]!.properties.partners!;
    for (let i = 0; i < partners.length; i++) {
      const partnerId = partners[i]!;
      const j = indexOf.get(partnerId);
      if (
        j === undefined ||
        territoryOf[j] === territoryOf[k] ||
        territoryOf[j]! < 0 ||
        partners.indexOf(partnerId) !== i
      )
        continue;
      // A pair listed by both sides counts once, from the smaller id.
      if (partnerId < own && actors[j]!.properties.partners?.includes(own)) continue;
      const a = territoryOf[k]!;
      const b = territoryOf[j]!;
      const key = a < b ? a * count + b : b * count + a;
      weights.set(key, (weights.get(key) ?? 0) + 1);
    }
  }
  const pairs = [...weights].map(([key, weight]) => {
    const [i, j] = [Math.floor(key / count), key % count];
    // Name order, so that `from` < `to` whatever the order the territories were met in.
    return names[i]! < names[j]! ? { a: i, b: j, weight } : { a: j, b: i, weight };
  });
  for (const { a, b, weight } of pairs) {
    const [from, to] = [names[a]!, names[b]!];
    drafts.push({
      properties: { id: `bundle:${from}~${to}`, kind: 'partnership', from, to, weight, territory: from },
      from: anchors[a]!,
      to: anchors[b]!,
    });
  }
}

/** Links from each reached network up to the wider networks it is a member of, climbing as far as they go. */
function addNetworkLinks(
  networksById: ReadonlyMap<string, Network>,
  reached: Set<string>,
  networkAt: (id: string) => LonLat | undefined,
  drafts: Draft[],
): void {
  const queue = [...reached];
  const done = new Set<string>();
  while (queue.length > 0) {
    const id = queue.shift()!;
    if (done.has(id)) continue;
    done.add(id);
    const network = networksById.get(id);
    const at = networkAt(id);
    for (const wider of network?.memberOf ?? []) {
      if (!networksById.has(wider) || wider === id) continue;
      queue.push(wider);
      const widerAt = networkAt(wider);
      if (!at || !widerAt) continue;
      drafts.push({
        properties: {
          id: `network-membership:${id}>${wider}`,
          kind: 'network-membership',
          from: id,
          to: wider,
          weight: 1,
        },
        from: at,
        to: widerAt,
      });
    }
  }
}

/**
 * Where each id that one of `listers` names as a partner stands in `actors`:
 * a map of the few, much cheaper than one of every actor.
 * @param ids - the id of each actor, in order
 * @param listers - indices of the actors that list partners
 */
function indexListed(
  actors: readonly ActorFeature[],
  ids: readonly string[],
  listers: readonly number[],
): Map<string, number> {
  const listed = new Set<string>();
  for (const k of listers) for (const id of actors[k]!.properties.partners!) listed.add(id);
  const indexOf = new Map<string, number>();
  for (let k = 0; k < ids.length; k++) if (listed.has(ids[k]!)) indexOf.set(ids[k]!, k);
  return indexOf;
}

/** Draws each draft, giving links that share both ends distinct bends, in the order of their ids. */
function drawDrafts(drafts: readonly Draft[]): LinkFeature[] {
  // Links between the same two points, whichever way they go, grouped by a hash of their ends.
  const forward = new Uint8Array(drafts.length);
  const groups = new Map<number, number[]>();
  for (let i = 0; i < drafts.length; i++) {
    const { from, to } = drafts[i]!;
    const isForward = from[0] < to[0] || (from[0] === to[0] && from[1] <= to[1]);
    forward[i] = isForward ? 1 : 0;
    const key = isForward ? endsHash(from, to) : endsHash(to, from);
    const group = groups.get(key);
    if (group) group.push(i);
    else groups.set(key, [i]);
  }
  const bends = new Float64Array(drafts.length);
  for (const group of groups.values()) {
    if (group.length === 1) {
      bends[group[0]!] = forward[group[0]!] ? BEND_STEP : -BEND_STEP;
      continue;
    }
    // Rare: several links, or a hash collision; split by exact ends, then order by id.
    const rest = [...group];
    while (rest.length > 0) {
      const first = drafts[rest[0]!]!;
      const same = rest.filter((i) => sameEnds(drafts[i]!, first));
      same.sort((i, j) => compareIds(drafts[i]!.properties.id, drafts[j]!.properties.id));
      const values = bendsFor(same.length);
      // The bend is chosen for the canonical direction, so opposite links do not mirror onto each other.
      for (const [k, i] of same.entries()) bends[i] = forward[i] ? values[k]! : -values[k]!;
      for (let k = rest.length - 1; k >= 0; k--) if (same.includes(rest[k]!)) rest.splice(k, 1);
    }
  }
  const features: LinkFeature[] = new Array<LinkFeature>(drafts.length);
  for (let i = 0; i < drafts.length; i++) {
    const draft = drafts[i]!;
    features[i] = {
      type: 'Feature',
      id: draft.properties.id,
      geometry: curvedLine(draft.from, draft.to, bends[i]!),
      properties: draft.properties,
    };
  }
  return features;
}

function sameEnds(a: Draft, b: Draft): boolean {
  const same = (p: LonLat, q: LonLat) => p[0] === q[0] && p[1] === q[1];
  return (same(a.from, b.from) && same(a.to, b.to)) || (same(a.from, b.to) && same(a.to, b.from));
}

const hashFloats = new Float64Array(4);
const hashWords = new Uint32Array(hashFloats.buffer);

/** FNV-1a over the bits of the four coordinates: equal ends give equal hashes. */
function endsHash(a: LonLat, b: LonLat): number {
  hashFloats[0] = a[0];
  hashFloats[1] = a[1];
  hashFloats[2] = b[0];
  hashFloats[3] = b[1];
  let hash = 0x811c9dc5;
  for (let i = 0; i < 8; i++) hash = Math.imul(hash ^ hashWords[i]!, 0x01000193);
  return hash >>> 0;
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function meanOf(points: readonly LonLat[]): LonLat {
  let lon = 0;
  let lat = 0;
  for (const [x, y] of points) {
    lon += x;
    lat += y;
  }
  return [lon / points.length, lat / points.length];
}

/** Web Mercator ordinate, in degree-like units (equal to longitude units at the equator). */
function mercatorY(lat: number): number {
  return (0.5 - latY(lat)) * 360;
}

function latitudeOf(y: number): number {
  return yLat(0.5 - y / 360);
}
