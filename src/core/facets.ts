import { CATEGORIES, ROLES, THEMES } from './vocab';

/**
 * The facets the actors are filtered by, one row each: one idea, one name per place it is used.
 * - `group`: the facet's name in code (`toggleOption`, counts) and in the i18n keys
 *   (`filters.<group>` titles the group, `<group>.<value>` names an option);
 * - `key`: its list in {@link Filters} (`filters.themes`);
 * - `param`: its URL parameter (`theme=`);
 * - `vocabulary`: its values, in the order options are listed and written in URLs.
 * A new facet is a new row here (and its test in `filter.ts`'s `isShown`).
 */
export const FACETS = [
  { group: 'category', key: 'categories', param: 'category', vocabulary: CATEGORIES },
  { group: 'role', key: 'roles', param: 'role', vocabulary: ROLES },
  { group: 'theme', key: 'themes', param: 'theme', vocabulary: THEMES },
] as const;

export type Facet = (typeof FACETS)[number];
export type FacetGroup = Facet['group'];
/** A facet's list in the filters: `categories`, `roles` or `themes`. */
export type FacetKey = Facet['key'];

/** The facet of a group. */
export const FACET = Object.fromEntries(FACETS.map((f) => [f.group, f])) as {
  readonly [G in FacetGroup]: Extract<Facet, { group: G }>;
};

/** The facet read from a URL parameter, if it is one. */
export function facetOfParam(param: string): Facet | undefined {
  return FACETS.find((f) => f.param === param);
}
