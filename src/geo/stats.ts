/**
 * Territory statistics for researchers: who is there and how the territory is
 * tied into the archipelago. Every figure is computed on the actors passed in,
 * that is the filtered actors, so the figures follow the filters.
 */
import { actorCategories } from '../core/filter';
import { CATEGORIES, SCALES, THEMES } from '../core/vocab';
import type { ActorFeature, Network } from '../core/types';
import type { Category, Scale, Theme } from '../core/vocab';

/** An actor or a network in a ranking. */
export interface Ranked {
  id: string;
  name: string;
  /** Actor: networks it belongs to + partners among the actors passed in. Network: members in the territory. */
  degree: number;
}

export interface TerritoryStats {
  territory: string;
  /** Actors of the territory among those passed in. */
  actors: number;
  /** Actors per category: every category, in vocabulary order, zeros included; an actor offering public internet access counts under `internet-access` too. */
  byCategory: Record<Category, number>;
  /** Actors carrying each theme: every theme, in vocabulary order, zeros included. */
  byTheme: Record<Theme, number>;
  /** Actors that belong to at least one known network. */
  linkedActors: number;
  /** `linkedActors / actors`, 0 when there are no actors. */
  linkedShare: number;
  /** Memberships of the territory's actors (one per actor and network), by the network's scale. */
  linksByScale: Record<Scale, number>;
  /** The most connected actors, by degree descending, then name, then id. */
  topActors: Ranked[];
  /** The networks with the most members in the territory (at least one), by degree descending, then name, then id. */
  topNetworks: Ranked[];
}

/** A network both territories' actors belong to, with each side's member count. */
export interface SharedNetwork {
  id: string;
  name: string;
  members: [number, number];
}

/** Two territories side by side (e.g. Brest | Grenoble). */
export interface TerritoryComparison {
  territories: [string, string];
  stats: [TerritoryStats, TerritoryStats];
  /** Networks with members in both, by total members descending, then name, then id. */
  sharedNetworks: SharedNetwork[];
  /** Partnerships between an actor of one and an actor of the other. */
  partnerships: number;
}

export interface StatsOptions {
  /** Length of the `topActors` and `topNetworks` rankings. */
  top?: number;
}

const DEFAULT_TOP = 5;

const NONE: readonly string[] = [];

const collator = new Intl.Collator('fr');

/**
 * The statistics of one territory, on the actors passed in.
 * @param actors - the filtered actors (all territories: partners elsewhere count in degrees)
 * @param networks - every network (unknown network ids in the actors are ignored)
 * @param territoryId - the territory: an id its actors name in `territory`, or whether an actor is in it
 * @param options - `top`: length of the rankings (default 5)
 */
export function territoryStats(
  actors: readonly ActorFeature[],
  networks: readonly Network[],
  territoryId: string | ((actor: ActorFeature) => boolean),
  options: StatsOptions = {},
): TerritoryStats {
  const networksById = new Map(networks.map((n) => [n.id, n]));
  return tally(actors, networksById, listedPartners(actors), territoryId, options.top ?? DEFAULT_TOP).stats;
}

/**
 * Two territories side by side, with the networks they share and the
 * partnerships between them.
 * @param actors - the filtered actors
 * @param networks - every network
 * @param territories - the two territory ids
 * @param options - `top`: length of the rankings (default 5)
 */
export function compareTerritories(
  actors: readonly ActorFeature[],
  networks: readonly Network[],
  [a, b]: readonly [string, string],
  options: StatsOptions = {},
): TerritoryComparison {
  const networksById = new Map(networks.map((n) => [n.id, n]));
  const top = options.top ?? DEFAULT_TOP;
  const listed = listedPartners(actors);
  const left = tally(actors, networksById, listed, a, top);
  const right = tally(actors, networksById, listed, b, top);

  const sharedNetworks: SharedNetwork[] = [];
  for (const [id, count] of left.members) {
    const other = right.members.get(id);
    if (other !== undefined) sharedNetworks.push({ id, name: networksById.get(id)!.name, members: [count, other] });
  }
  sharedNetworks.sort(
    (x, y) =>
      y.members[0] + y.members[1] - (x.members[0] + x.members[1]) ||
      collator.compare(x.name, y.name) ||
      compareIds(x.id, y.id),
  );

  const pairs = new Set<string>();
  for (const actor of actors) {
    const p = actor.properties;
    if (p.territory !== a && p.territory !== b) continue;
    for (const partner of p.partners ?? NONE) {
      const other = listed.get(partner)?.properties.territory;
      if (other === undefined || other === p.territory || (other !== a && other !== b)) continue;
      pairs.add(p.id < partner ? `${p.id}~${partner}` : `${partner}~${p.id}`);
    }
  }

  return { territories: [a, b], stats: [left.stats, right.stats], sharedNetworks, partnerships: pairs.size };
}

function tally(
  actors: readonly ActorFeature[],
  networksById: ReadonlyMap<string, Network>,
  listed: ReadonlyMap<string, ActorFeature>,
  territory: string | ((actor: ActorFeature) => boolean),
  top: number,
): { stats: TerritoryStats; members: Map<string, number> } {
  const isIn = typeof territory === 'string' ? (a: ActorFeature) => a.properties.territory === territory : territory;
  const byCategory = zeros(CATEGORIES);
  const byTheme = zeros(THEMES);
  const linksByScale = zeros(SCALES);
  const members = new Map<string, number>();
  const local: ActorFeature[] = [];
  const networkCount = new Map<string, number>();
  let linkedActors = 0;

  for (const actor of actors) {
    const p = actor.properties;
    if (!isIn(actor)) continue;
    local.push(actor);
    for (const c of actorCategories(p)) byCategory[c]++;
    const themes = p.themes;
    for (let i = 0; i < themes.length; i++) if (themes.indexOf(themes[i]!) === i) byTheme[themes[i]!]++;
    let known = 0;
    const list = p.networks ?? NONE;
    for (let i = 0; i < list.length; i++) {
      const id = list[i]!;
      const network = networksById.get(id);
      if (!network || list.indexOf(id) !== i) continue;
      known++;
      linksByScale[network.scale]++;
      members.set(id, (members.get(id) ?? 0) + 1);
    }
    networkCount.set(p.id, known);
    if (known > 0) linkedActors++;
  }

  // Partners are undirected: listed by either side, both ends among the actors passed in.
  const partners = new Map<string, Set<string>>(local.map((actor) => [actor.properties.id, new Set<string>()]));
  if (local.length > 0) {
    for (const actor of actors) {
      const id = actor.properties.id;
      for (const partner of actor.properties.partners ?? NONE) {
        if (partner === id || !listed.has(partner)) continue;
        partners.get(id)?.add(partner);
        partners.get(partner)?.add(id);
      }
    }
  }

  const topActors = rank(
    local.map((actor) => {
      const id = actor.properties.id;
      return { id, name: actor.properties.name, degree: (networkCount.get(id) ?? 0) + (partners.get(id)?.size ?? 0) };
    }),
    top,
  );
  const topNetworks = rank(
    [...members].map(([id, degree]) => ({ id, name: networksById.get(id)!.name, degree })),
    top,
  );

  return {
    stats: {
      territory: typeof territory === 'string' ? territory : '',
      actors: local.length,
      byCategory,
      byTheme,
      linkedActors,
      linkedShare: local.length === 0 ? 0 : linkedActors / local.length,
      linksByScale,
      topActors,
      topNetworks,
    },
    members,
  };
}

/** The actors that one of the actors passed in lists as a partner, by id. */
function listedPartners(actors: readonly ActorFeature[]): Map<string, ActorFeature> {
  const listed = new Set<string>();
  for (const actor of actors) for (const id of actor.properties.partners ?? NONE) listed.add(id);
  const byId = new Map<string, ActorFeature>();
  if (listed.size === 0) return byId;
  for (const actor of actors) if (listed.has(actor.properties.id)) byId.set(actor.properties.id, actor);
  return byId;
}

function rank(items: Ranked[], top: number): Ranked[] {
  return items
    .sort((a, b) => b.degree - a.degree || collator.compare(a.name, b.name) || compareIds(a.id, b.id))
    .slice(0, Math.max(0, top));
}

/** A count per value, keys in vocabulary order. */
function zeros<T extends string>(values: readonly T[]): Record<T, number> {
  return Object.fromEntries(values.map((v) => [v, 0])) as Record<T, number>;
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
