import { frCore } from './fr-core';
import { frMore } from './fr-more';

/**
 * French, the reference catalogue: every key of the app is here first.
 * Placeholders are `{name}`; plural forms are `key.one` / `key.other`.
 *
 * In two parts, so that a page fetches only the words it shows: `fr-core.ts` holds what the code of
 * the first load (the page, the map, the detail panel, the hours) can show; `fr-more.ts` what only
 * the lazily loaded parts show (filters, place, statistics, graph, exports, issues, embed builder).
 * A new key goes where its code is; the browser test of the embed's weight checks that the first
 * load uses no key of `fr-more.ts`.
 */
export const fr = { ...frCore, ...frMore };
