import type { ActorFeature, ActorProperties, AdminInfo } from './types';
import { actorTerritories, canonicalTerritoryId, territoryIds } from './territory-id';
import { CATEGORIES, ROLES, THEMES } from './vocab';
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

/**
 * Each option of a facet is a bit (its place in the vocabulary): an actor's categories, roles and
 * themes are three numbers, and a filter's test of an actor three ANDs. At 100,000 actors a filter
 * then takes a few milliseconds, where comparing lists of strings took a tenth of a second.
 */
const placesOf = <T extends string>(values: readonly T[]) => new Map<string, number>(values.map((v, i) => [v, i]));
const CATEGORY_PLACES = placesOf(CATEGORIES);
const ROLE_PLACES = placesOf(ROLES);
const THEME_PLACES = placesOf(THEMES);

/** The bits of these options (one outside the vocabulary has none: no actor has it). */
function maskOf(places: Map<string, number>, values: readonly string[]): number {
  let mask = 0;
  for (const value of values) {
    const place = places.get(value);
    if (place !== undefined) mask |= 1 << place;
  }
  return mask;
}

/** A filter's options as bits, made once per `Filters` object. */
interface FilterMasks {
  categories: number;
  roles: number;
  themes: number;
  /** Whether every theme asked for is in the vocabulary: else, with `match=all`, no actor passes. */
  themesKnown: boolean;
}
let lastFilters: Filters | null = null;
let lastMasks: FilterMasks = { categories: 0, roles: 0, themes: 0, themesKnown: true };
function masksOf(filters: Filters): FilterMasks {
  if (filters !== lastFilters) {
    lastFilters = filters;
    lastMasks = {
      categories: maskOf(CATEGORY_PLACES, filters.categories),
      roles: maskOf(ROLE_PLACES, filters.roles),
      themes: maskOf(THEME_PLACES, filters.themes),
      themesKnown: filters.themes.every((t) => THEME_PLACES.has(t)),
    };
  }
  return lastMasks;
}

/** Whether an actor with these themes passes the themes asked for (some filter on themes). */
function passesThemes(actorThemes: number, masks: FilterMasks, all: boolean): boolean {
  const shared = actorThemes & masks.themes;
  return all ? masks.themesKnown && shared === masks.themes : shared !== 0;
}

/** Adds one to `counts` at each bit of `mask`. */
function countBits(counts: Int32Array, mask: number): void {
  for (let m = mask; m !== 0; m &= m - 1) counts[31 - Math.clz32(m & -m)]!++;
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
  /** Its categories ({@link actorCategories}), roles and themes, a bit per option of the vocabulary. */
  categoryBits: number;
  roleBits: number;
  themeBits: number;
}

/** Indexes made beforehand, by the dataset they were made for. */
const remembered = new WeakMap<object, IndexedActor[]>();

/**
 * Keeps an index made beforehand for a dataset about to be shown (src/state/prepare.ts makes it a
 * slice at a time; a file from elsewhere, in a task of its own): the selectors use it.
 */
export function rememberIndex(dataset: object, indexed: IndexedActor[]): void {
  remembered.set(dataset, indexed);
}

/** The index kept for the dataset by {@link rememberIndex}. */
export function rememberedIndex(dataset: object): IndexedActor[] | undefined {
  return remembered.get(dataset);
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
  /** -1 until the first filter reads the bits: a view that filters nothing never makes them. */
  #categoryBits = -1;
  #roleBits = 0;
  #themeBits = 0;
  constructor(
    readonly feature: ActorFeature,
    readonly territories: readonly string[],
  ) {}
  get categoryBits(): number {
    if (this.#categoryBits === -1) this.#makeBits();
    return this.#categoryBits;
  }
  get roleBits(): number {
    if (this.#categoryBits === -1) this.#makeBits();
    return this.#roleBits;
  }
  get themeBits(): number {
    if (this.#categoryBits === -1) this.#makeBits();
    return this.#themeBits;
  }
  #makeBits(): void {
    const p = this.feature.properties;
    this.#categoryBits = maskOf(CATEGORY_PLACES, actorCategories(p));
    this.#roleBits = maskOf(ROLE_PLACES, p.roles);
    this.#themeBits = maskOf(THEME_PLACES, p.themes);
  }
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
  if (!inTerritory(actor, filters.territory)) return false;
  const masks = masksOf(filters);
  if (ignore !== 'category' && filters.categories.length > 0 && (actor.categoryBits & masks.categories) === 0)
    return false;
  if (ignore !== 'role' && filters.roles.length > 0 && (actor.roleBits & masks.roles) === 0) return false;
  if (ignore !== 'theme' && filters.themes.length > 0 && !passesThemes(actor.themeBits, masks, filters.match === 'all'))
    return false;
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
  const masks = masksOf(filters);
  const allMode = filters.match === 'all';
  const byCategory = new Int32Array(CATEGORIES.length);
  const byRole = new Int32Array(ROLES.length);
  const byTheme = new Int32Array(THEMES.length);
  const { categories, roles, themes } = filters;
  for (const actor of actors) {
    // Territory and text hold for every count: checked once (the text is the costly part).
    if (!inTerritory(actor, filters.territory)) continue;
    if (words.length > 0 && !matchesQuery(actor, words)) continue;
    const inCategory = categories.length === 0 || (actor.categoryBits & masks.categories) !== 0;
    const inRole = roles.length === 0 || (actor.roleBits & masks.roles) !== 0;
    const inTheme = themes.length === 0 || passesThemes(actor.themeBits, masks, allMode);
    if (inRole && inTheme) countBits(byCategory, actor.categoryBits);
    if (inCategory && inTheme) countBits(byRole, actor.roleBits);
    // In `all` mode, selecting theme t requires t on top of the selected ones.
    if (inCategory && inRole && (allMode ? inTheme : true)) countBits(byTheme, actor.themeBits);
  }
  const counted = <T extends string>(options: readonly T[], places: Map<string, number>, counts: Int32Array) =>
    Object.fromEntries(options.map((o) => [o, counts[places.get(o) ?? -1] ?? 0])) as Record<T, number>;
  const category = counted(vocab.categories, CATEGORY_PLACES, byCategory);
  const role = counted(vocab.roles, ROLE_PLACES, byRole);
  const theme = counted(vocab.themes, THEME_PLACES, byTheme);
  return { category, role, theme };
}
