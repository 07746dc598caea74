import type { ActorFeature, ActorProperties, AdminInfo } from './types';
import { actorTerritories, canonicalTerritoryId, territoryIds } from './territory-id';
import type { Category, Role, Theme } from './vocab';
import type { FacetGroup } from './facets';

export type { FacetGroup } from './facets';

/**
 * The categories an actor is filtered and counted under: its own, plus
 * `internet-access` when it offers public internet access whatever its
 * category (`services: ['public-internet']`, a library or France services
 * counter with public computers).
 */
export function actorCategories(p: Pick<ActorProperties, 'category' | 'services'>): readonly Category[] {
  if (p.category !== 'internet-access' && p.services?.includes('public-internet'))
    return [p.category, 'internet-access'];
  return [p.category];
}

function inAnyCategory(p: Pick<ActorProperties, 'category' | 'services'>, categories: readonly Category[]): boolean {
  if (categories.includes(p.category)) return true;
  return p.services !== undefined && categories.includes('internet-access') && p.services.includes('public-internet');
}

/** What the user narrows the actors by (docs/data-model.md, "URL parameters"). */
export interface Filters {
  categories: readonly Category[];
  roles: readonly Role[];
  themes: readonly Theme[];
  /** `all`: an actor must carry every listed theme; `any`: one is enough. */
  match: 'any' | 'all';
  /** Free text over name, commune and description. */
  q: string;
  /** `territory=`: one territory id or a comma list (`brest,dep:38`); an actor in any of them shows. */
  territory: string | null;
}

export const NO_FILTERS: Filters = Object.freeze({
  categories: [],
  roles: [],
  themes: [],
  match: 'any',
  q: '',
  territory: null,
});

/** Lower case, no accents, single spaces: "Médiathèque  Saint-Martin" → "mediatheque saint-martin". */
export function normaliseText(text: string): string {
  return (
    text
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[’']/g, "'")
      .toLowerCase()
      // Ligatures NFD leaves whole: "œuvres" is found by "oeuvres".
      .replace(/œ/g, 'oe')
      .replace(/æ/g, 'ae')
      .replace(/ß/g, 'ss')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

/** An actor with what filtering needs computed once. */
export interface IndexedActor {
  feature: ActorFeature;
  /** Name, commune and description, normalised. */
  haystack: string;
  /** Every territory id it is in ({@link actorTerritories}). */
  territories: readonly string[];
}

/**
 * @param admin - the actors' communes as the loader found them; without it an actor is in its
 *   own `territory`, its commune and its département (from its INSEE code) only
 */
export function indexActors(actors: readonly ActorFeature[], admin?: AdminInfo): IndexedActor[] {
  const indexed = actors.map((feature) => new Indexed(feature, actorTerritories(feature.properties, admin)));
  warmHaystacks(indexed);
  return indexed;
}

/**
 * The normalised text is made at the first search that reads it, not with the index: normalising
 * tens of thousands of descriptions is most of the index's cost, and a view with no search never
 * needs it. In a page, idle time makes it beforehand, a slice at a time.
 */
class Indexed implements IndexedActor {
  #haystack: string | undefined;
  constructor(
    readonly feature: ActorFeature,
    readonly territories: readonly string[],
  ) {}
  get haystack(): string {
    if (this.#haystack === undefined) {
      const p = this.feature.properties;
      this.#haystack = normaliseText(`${p.name} \u0000 ${p.commune} \u0000 ${p.description ?? ''}`);
    }
    return this.#haystack;
  }
}

/** What the warming waits for: nothing, unless the page says otherwise ({@link warmAfter}). */
let warmGate: Promise<void> = Promise.resolve();

/**
 * Makes the normalised texts only once `ready` resolves: the page gives its map's first draw, so
 * that the idle moments of its load (waiting on the map's workers, on a 2-core machine) are
 * not spent normalising 20,000 descriptions (0.13 s in the national view's load profile).
 */
export function warmAfter(ready: Promise<void>): void {
  warmGate = ready.catch(() => undefined);
}

/** Makes the normalised texts while the page is idle, a few milliseconds at a time. */
function warmHaystacks(indexed: readonly IndexedActor[]): void {
  if (typeof requestIdleCallback !== 'function' || indexed.length === 0) return;
  let next = 0;
  const slice = (deadline: IdleDeadline) => {
    while (next < indexed.length && deadline.timeRemaining() > 1) {
      const end = Math.min(next + 200, indexed.length);
      for (; next < end; next++) void indexed[next]!.haystack;
    }
    if (next < indexed.length) requestIdleCallback(slice);
  };
  void warmGate.then(() => requestIdleCallback(slice));
}

let lastTerritory: string | null = null;
let lastTerritorySet = new Set<string>();
/** The canonical ids a `territory=` value names (aliases followed), computed once per value. */
function wantedTerritories(value: string): Set<string> {
  if (value !== lastTerritory) {
    lastTerritory = value;
    lastTerritorySet = new Set(territoryIds(value).map(canonicalTerritoryId));
  }
  return lastTerritorySet;
}

/** Whether an actor is in one of the territories a `territory=` value names. */
export function inTerritory(actor: IndexedActor, value: string | null): boolean {
  if (value === null) return true;
  const wanted = wantedTerritories(value);
  for (const id of actor.territories) if (wanted.has(id)) return true;
  return false;
}

/** Every word of the query must appear (in any order) in name, commune or description. */
function matchesQuery(actor: IndexedActor, words: readonly string[]): boolean {
  for (const word of words) if (!actor.haystack.includes(word)) return false;
  return true;
}

export function queryWords(q: string): string[] {
  return normaliseText(q).split(' ').filter(Boolean);
}

/**
 * Whether the actor is shown: OR within a group, AND across groups;
 * `ignore` leaves one group out, to count what an option of that group would give.
 */
export function isShown(actor: IndexedActor, filters: Filters, words: readonly string[], ignore?: FacetGroup): boolean {
  const p = actor.feature.properties;
  if (!inTerritory(actor, filters.territory)) return false;
  if (ignore !== 'category' && filters.categories.length > 0 && !inAnyCategory(p, filters.categories)) return false;
  if (ignore !== 'role' && filters.roles.length > 0 && !filters.roles.some((r) => p.roles.includes(r))) return false;
  if (ignore !== 'theme' && filters.themes.length > 0) {
    const has = (t: Theme) => p.themes.includes(t);
    if (filters.match === 'all' ? !filters.themes.every(has) : !filters.themes.some(has)) return false;
  }
  return words.length === 0 || matchesQuery(actor, words);
}

/** The actors whose name, commune or description hold every word of `q` (all of them for an empty query). */
export function matchingText(actors: readonly IndexedActor[], q: string): readonly IndexedActor[] {
  const words = queryWords(q);
  return words.length === 0 ? actors : actors.filter((actor) => matchesQuery(actor, words));
}

export function filterActors(actors: readonly IndexedActor[], filters: Filters): ActorFeature[] {
  const words = queryWords(filters.q);
  const out: ActorFeature[] = [];
  for (const actor of actors) if (isShown(actor, filters, words)) out.push(actor.feature);
  return out;
}

export interface FacetCounts {
  category: Record<Category, number>;
  role: Record<Role, number>;
  theme: Record<Theme, number>;
}

/**
 * For each option, how many actors would be shown with that option selected
 * and the other groups as they are. Within categories and roles (OR), that is
 * the actors of that option passing the other groups. For themes in `all`
 * mode, the option joins the themes already required.
 */
export function facetCounts(
  actors: readonly IndexedActor[],
  filters: Filters,
  vocab: { categories: readonly Category[]; roles: readonly Role[]; themes: readonly Theme[] },
): FacetCounts {
  const words = queryWords(filters.q);
  const category = Object.fromEntries(vocab.categories.map((c) => [c, 0])) as Record<Category, number>;
  const role = Object.fromEntries(vocab.roles.map((r) => [r, 0])) as Record<Role, number>;
  const theme = Object.fromEntries(vocab.themes.map((t) => [t, 0])) as Record<Theme, number>;
  const allMode = filters.match === 'all';
  const { categories, roles, themes } = filters;
  for (const actor of actors) {
    const p = actor.feature.properties;
    // Territory and text hold for every count: checked once (the text is the costly part).
    if (!inTerritory(actor, filters.territory)) continue;
    if (words.length > 0 && !matchesQuery(actor, words)) continue;
    const inCategory = categories.length === 0 || inAnyCategory(p, categories);
    const inRole = roles.length === 0 || roles.some((r) => p.roles.includes(r));
    const has = (t: Theme) => p.themes.includes(t);
    const inTheme = themes.length === 0 || (allMode ? themes.every(has) : themes.some(has));
    if (inRole && inTheme) for (const c of actorCategories(p)) category[c]++;
    if (inCategory && inTheme) for (const r of p.roles) role[r]++;
    // In `all` mode, selecting theme t requires t on top of the selected ones.
    if (inCategory && inRole && (allMode ? inTheme : true)) for (const t of p.themes) theme[t]++;
  }
  return { category, role, theme };
}
