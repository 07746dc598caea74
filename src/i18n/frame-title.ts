import type { Lang } from './core';

/**
 * The accessible title of an embedded map's frame, in each language: kept
 * apart from the catalogues because the `<archipel-map>` element and the
 * embed builder need it for a language other than the page's, without
 * fetching a whole catalogue. `fr.ts` and `en.ts` take it from here.
 */
export const FRAME_TITLE: Record<Lang, string> = {
  fr: 'Carte des acteurs des communs numériques (Archipel)',
  en: 'Map of the actors of the digital commons (Archipel)',
};
