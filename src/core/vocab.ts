/**
 * The closed vocabularies of the data model (docs/data-model.md, "The data files").
 * Order matters: it is the order of the legend, the filters and the CSV lists.
 */

export const CATEGORIES = [
  'fablab',
  'library',
  'internet-access',
  'social-centre',
  'third-place',
  'association',
  'hoster',
  'public-body',
  'academic',
  'company',
] as const;

export const ROLES = ['public-service', 'academic', 'opportunity-space', 'contributor'] as const;

export const THEMES = [
  'training',
  'digital-inclusion',
  'free-software',
  'open-data',
  'making',
  'hosting',
  'open-knowledge',
  'equipment',
  'participation',
  'cooperation',
] as const;

/** The common needs of residents (`need=` in the URL); each one's rule is in `src/data/intents.ts`. */
export const NEEDS = ['learn', 'forms', 'make', 'internet'] as const;

/** The "to check" selection (`check=`): `1` old or incomplete, `stale` old only, `incomplete` incomplete only. */
export const CHECK_MODES = ['1', 'stale', 'incomplete'] as const;

export const SCALES = ['local', 'regional', 'national', 'international'] as const;

export const WHEELCHAIR = ['yes', 'limited', 'no'] as const;

export type Category = (typeof CATEGORIES)[number];
export type Role = (typeof ROLES)[number];
export type Theme = (typeof THEMES)[number];
export type Need = (typeof NEEDS)[number];
export type CheckMode = (typeof CHECK_MODES)[number];
export type Scale = (typeof SCALES)[number];
export type Wheelchair = (typeof WHEELCHAIR)[number];

/** Narrowing membership test for a closed vocabulary. */
export function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}

/** A stable slug: lower-case ASCII letters, digits and single hyphens. */
export const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
