import { facetCounts, filterActors, indexActors, matchingText, rememberedIndex } from '../core/filter';
import type { FacetCounts, Filters, IndexedActor } from '../core/filter';
import type { ActorFeature, Network, Territory } from '../core/types';
import { CATEGORIES, ROLES, THEMES } from '../core/vocab';
import type { AppState, FreshnessModule, HoursEvaluator, NearestModule } from './store';
import { isRelativeOpen, openTest } from '../data/select';
import { intentOf } from '../data/intents';
import type { CheckMode, Need } from '../core/vocab';
import type { LatLon } from '../core/url';
import { createLinearIndex } from '../geo/nearest-linear';
import type { NearestIndex } from '../geo/nearest';
import { canonicalTerritoryId, territoryIds } from '../core/territory-id';

/**
 * Memoises a one-argument function on the identity of its argument:
 * selectors must return the same object while their inputs are the same
 * (zustand subscribers and Preact compare by identity).
 */
function memoByIdentity<A extends object | null, R>(fn: (a: A) => R): (a: A) => R {
  let lastArg: A | undefined;
  let lastResult: R;
  let called = false;
  return (a) => {
    if (!called || a !== lastArg) {
      lastResult = fn(a);
      lastArg = a;
      called = true;
    }
    return lastResult;
  };
}

function memo2<A, B, R>(fn: (a: A, b: B) => R): (a: A, b: B) => R {
  let la: A | undefined;
  let lb: B | undefined;
  let lr: R;
  let called = false;
  return (a, b) => {
    if (!called || a !== la || b !== lb) {
      lr = fn(a, b);
      la = a;
      lb = b;
      called = true;
    }
    return lr;
  };
}

/** Memoises on the identity of every argument. */
function memoArgs<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  let last: A | undefined;
  let result: R;
  return (...args) => {
    if (!last || args.length !== last.length || args.some((a, i) => !Object.is(a, last![i]))) {
      result = fn(...args);
      last = args;
    }
    return result;
  };
}

const EMPTY: never[] = [];

/** The index made beforehand for the dataset (`rememberIndex`), else made now. */
const indexOf = memoByIdentity((dataset: AppState['dataset']): IndexedActor[] =>
  dataset ? (rememberedIndex(dataset) ?? indexActors(dataset.actors, dataset.admin)) : EMPTY,
);

/** The kd-tree once its module is there, a scan of every actor until then: the same answers. */
const nearestIndexOf = memo2((module: NearestModule | null, actors: readonly ActorFeature[] | null) =>
  (module ? module.createNearestIndex : createLinearIndex)(actors ?? EMPTY),
);

/**
 * The actors that pass the place, need, time and to-check conditions (`near` + `radius`, `need`,
 * `open` with `hours=unknown`, `check` with `stale`), before the facet filters: counts and facets are computed on this set.
 * The same tests as `selectBase` in `src/data/select.ts`, the radius through the spatial index.
 */
const baseOf = memoArgs(
  (
    indexed: IndexedActor[],
    nearest: NearestIndex<ActorFeature>,
    near: LatLon | null,
    radius: number | null,
    need: Need | null,
    open: string | null,
    unknownHours: boolean,
    now: number,
    hours: HoursEvaluator | null,
    check: CheckMode | null,
    stale: number | null,
    today: number,
    freshness: FreshnessModule | null,
  ): IndexedActor[] => {
    let base = indexed;
    // Like `open`: the test applies once its module is there (fetched as soon as `check` is set).
    if (check && freshness) {
      const test = freshness.checkTest(check, stale, today);
      base = base.filter((a) => test(a.feature.properties));
    }
    if (near && radius !== null) {
      const inside = new Set(nearest.within(near.lat, near.lon, radius).map((n) => n.actor));
      base = base.filter((a) => inside.has(a.feature));
    }
    if (need) {
      const intent = intentOf(need);
      base = base.filter((a) => intent.offers(a.feature));
    }
    const test = open && hours ? openTest({ open, unknownHours }, { now, hours }) : null;
    if (test) base = base.filter((a) => test(a.feature));
    return base;
  },
);

// The text query is the costly test: the actors that match it are found once per query, and
// the list and the counts work on those, without the query.
const textOf = memo2((indexed: readonly IndexedActor[], q: string) => matchingText(indexed, q));
const withoutQuery = memoByIdentity(
  (filters: Filters): Filters => (filters.q === '' ? filters : { ...filters, q: '' }),
);
/**
 * The previous array when the same actors pass again (a keystroke that changes nothing, the
 * minute's tick): subscribers compare by identity, and the map, the list and the host page then
 * have nothing to redo.
 */
let lastFiltered: ActorFeature[] = [];
const filteredOf = memo2((indexed: readonly IndexedActor[], filters: Filters) => {
  const next = filterActors(indexed, filters);
  if (next.length === lastFiltered.length && next.every((a, i) => a === lastFiltered[i])) return lastFiltered;
  lastFiltered = next;
  return next;
});
const countsOf = memo2((indexed: readonly IndexedActor[], filters: Filters) =>
  facetCounts(indexed, filters, { categories: CATEGORIES, roles: ROLES, themes: THEMES }),
);
const byIdOf = memoByIdentity(
  (actors: readonly ActorFeature[] | null) => new Map((actors ?? EMPTY).map((a) => [a.properties.id, a])),
);
const networksByIdOf = memoByIdentity(
  (networks: readonly Network[] | null) => new Map((networks ?? EMPTY).map((n) => [n.id, n])),
);
/** The file's territories by id, and those of the administrative map its actors are in (the file's win). */
const territoriesByIdOf = memoByIdentity((dataset: AppState['dataset']) => {
  const byId = new Map<string, Territory>(Object.entries(dataset?.admin?.territories ?? {}));
  for (const t of dataset?.territories ?? EMPTY) byId.set(t.id, t);
  return byId;
});

export const selectAllActors = (s: AppState): readonly ActorFeature[] => s.dataset?.actors ?? EMPTY;
export const selectIndexed = (s: AppState) => indexOf(s.dataset);
/** The actors within the radius and open at the chosen time (all of them when those are off). */
export const selectBase = (s: AppState) =>
  baseOf(
    selectIndexed(s),
    selectNearestIndex(s),
    s.near,
    s.near ? s.radius : null,
    s.need,
    s.open,
    s.unknownHours,
    isRelativeOpen(s.open) ? s.now : 0,
    s.hours,
    s.check,
    s.stale,
    // Age is counted in days: the selection changes once a day, not with each minute's tick.
    s.check ? Math.floor(s.now / 86_400_000) * 86_400_000 : 0,
    s.freshness,
  );
/** The spatial index of every actor, for nearest-first lists. */
export const selectNearestIndex = (s: AppState): NearestIndex<ActorFeature> =>
  nearestIndexOf(s.nearestModule, s.dataset?.actors ?? null);

/** Whether `open=` is asked but cannot be applied yet (its module is loading). */
export const selectHoursPending = (s: AppState) => s.open !== null && s.hours === null;
/** The actors that pass the filters, in data order. */
export const selectFiltered = (s: AppState): ActorFeature[] =>
  filteredOf(textOf(selectBase(s), s.filters.q), withoutQuery(s.filters));
export const selectCounts = (s: AppState): FacetCounts =>
  countsOf(textOf(selectBase(s), s.filters.q), withoutQuery(s.filters));
export const selectActorsById = (s: AppState) => byIdOf(s.dataset?.actors ?? null);
export const selectNetworksById = (s: AppState) => networksByIdOf(s.dataset?.networks ?? null);
export const selectTerritoriesById = (s: AppState) => territoriesByIdOf(s.dataset);
export const selectTerritories = (s: AppState): readonly Territory[] => s.dataset?.territories ?? EMPTY;
export const selectNetworks = (s: AppState): readonly Network[] => s.dataset?.networks ?? EMPTY;

/** The open actor, if `selected` names one. */
export const selectSelectedActor = (s: AppState): ActorFeature | undefined =>
  s.selected ? selectActorsById(s).get(s.selected) : undefined;
export const selectSelectedNetwork = (s: AppState): Network | undefined =>
  s.selected ? selectNetworksById(s).get(s.selected) : undefined;

/** Whether any filter narrows the actors. */
export const selectHasFilters = (s: AppState): boolean => {
  const f = s.filters;
  return (
    f.categories.length + f.roles.length + f.themes.length > 0 ||
    f.q.trim() !== '' ||
    f.territory !== null ||
    s.open !== null ||
    s.need !== null ||
    s.check !== null ||
    (s.near !== null && s.radius !== null)
  );
};

/**
 * The box to frame for `territory=`: the union of the extents of the territories it names (the
 * file's own, else the administrative map's, aliases followed), else the box of the actors it
 * keeps; null without `territory=` or when nothing is known of it.
 */
export const selectTerritoryExtent = (s: AppState): Territory['bbox'] | null =>
  territoryExtentOf(s.filters.territory, selectTerritoriesById(s), selectFiltered(s));

const territoryExtentOf = memoArgs(
  (value: string | null, byId: Map<string, Territory>, filtered: readonly ActorFeature[]): Territory['bbox'] | null => {
    if (value === null) return null;
    let box: Territory['bbox'] | null = null;
    const grow = (b: Territory['bbox']) => {
      box = box ? [Math.min(box[0], b[0]), Math.min(box[1], b[1]), Math.max(box[2], b[2]), Math.max(box[3], b[3])] : b;
    };
    for (const id of territoryIds(value)) {
      const t = byId.get(id) ?? byId.get(canonicalTerritoryId(id));
      if (t) grow(t.bbox);
    }
    if (box === null) for (const a of filtered) grow([...a.geometry.coordinates, ...a.geometry.coordinates]);
    return box;
  },
);

/**
 * The columns of the statistics: each territory `territory=` names (`brest,dep:38`, any level),
 * else the file's territories.
 */
export const selectStatsColumns = (s: AppState): readonly Territory[] =>
  statsColumnsOf(s.filters.territory, selectTerritoriesById(s), s.dataset?.territories ?? EMPTY);

const statsColumnsOf = memoArgs(
  (value: string | null, byId: Map<string, Territory>, own: readonly Territory[]): readonly Territory[] => {
    if (value === null) return own;
    return territoryIds(value).map(
      (id) =>
        byId.get(id) ?? {
          ...(byId.get(canonicalTerritoryId(id)) ?? { name: id, center: [0, 0], bbox: [0, 0, 0, 0] }),
          id,
        },
    );
  },
);
