import type { Filters } from '../core/filter';

/**
 * Quick intents: the common needs of residents, each a preset of themes and
 * categories. Applying one sets those filters, which show in the filter panel
 * and in the URL like any other choice.
 */
export interface Intent {
  id: 'learn' | 'forms' | 'make' | 'internet';
  filters: Pick<Filters, 'categories' | 'themes' | 'match'>;
}

export const INTENTS: readonly Intent[] = [
  // Learn to use a computer: digital-inclusion training, wherever it is given.
  { id: 'learn', filters: { categories: [], themes: ['training', 'digital-inclusion'], match: 'all' } },
  // Get help with online forms: digital inclusion in the places people go to for it.
  {
    id: 'forms',
    filters: {
      categories: ['internet-access', 'social-centre', 'public-body', 'library'],
      themes: ['digital-inclusion'],
      match: 'any',
    },
  },
  // Make things: fablabs and makerspaces.
  { id: 'make', filters: { categories: ['fablab'], themes: [], match: 'any' } },
  // Free internet access: public access points and libraries.
  { id: 'internet', filters: { categories: ['internet-access', 'library'], themes: [], match: 'any' } },
];

/** Whether the filters are exactly an intent's preset (other filters may be on too). */
export function isIntentActive(intent: Intent, filters: Filters): boolean {
  const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((v) => b.includes(v));
  return (
    same(intent.filters.categories, filters.categories) &&
    same(intent.filters.themes, filters.themes) &&
    (intent.filters.themes.length < 2 || intent.filters.match === filters.match)
  );
}
