import { facetCounts, filterActors, indexActors } from '../data/filter';
import type { FacetCounts, Filters, IndexedActor } from '../data/filter';
import type { ActorFeature, Network, Territory } from '../data/types';
import { CATEGORIES, ROLES, THEMES } from '../data/vocab';
import type { AppState } from './store';

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

const EMPTY: never[] = [];

const indexOf = memoByIdentity((actors: readonly ActorFeature[] | null): IndexedActor[] => (actors ? indexActors(actors) : EMPTY));
const filteredOf = memo2((indexed: IndexedActor[], filters: Filters) => filterActors(indexed, filters));
const countsOf = memo2((indexed: IndexedActor[], filters: Filters) =>
  facetCounts(indexed, filters, { categories: CATEGORIES, roles: ROLES, themes: THEMES }),
);
const byIdOf = memoByIdentity((actors: readonly ActorFeature[] | null) => new Map((actors ?? EMPTY).map((a) => [a.properties.id, a])));
const networksByIdOf = memoByIdentity((networks: readonly Network[] | null) => new Map((networks ?? EMPTY).map((n) => [n.id, n])));
const territoriesByIdOf = memoByIdentity((territories: readonly Territory[] | null) => new Map((territories ?? EMPTY).map((t) => [t.id, t])));

export const selectAllActors = (s: AppState): readonly ActorFeature[] => s.dataset?.actors ?? EMPTY;
export const selectIndexed = (s: AppState) => indexOf(s.dataset?.actors ?? null);
/** The actors that pass the filters, in data order. */
export const selectFiltered = (s: AppState): ActorFeature[] => filteredOf(selectIndexed(s), s.filters);
export const selectCounts = (s: AppState): FacetCounts => countsOf(selectIndexed(s), s.filters);
export const selectActorsById = (s: AppState) => byIdOf(s.dataset?.actors ?? null);
export const selectNetworksById = (s: AppState) => networksByIdOf(s.dataset?.networks ?? null);
export const selectTerritoriesById = (s: AppState) => territoriesByIdOf(s.dataset?.territories ?? null);
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
  return f.categories.length + f.roles.length + f.themes.length > 0 || f.q.trim() !== '' || f.territory !== null;
};
