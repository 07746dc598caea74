import { translatorFor } from './core';
import type { Lang, Messages, Translator } from './core';

/**
 * The page's catalogues. Each language comes in two chunks (see `fr.ts`): the first load fetches
 * the core of the language it shows; the rest comes with the first lazily loaded part that needs it
 * ({@link loadMoreMessages}), and then for any language the page switches to.
 * A translator reads its language's one catalogue object, which the rest joins when it arrives.
 */
const catalogs: Partial<Record<Lang, Messages>> = {};
const translators: Partial<Record<Lang, Translator>> = {};
const moreLoads = new Map<Lang, Promise<void>>();
const listeners = new Set<() => void>();
let wantMore = false;
let current: Lang = 'fr';

// One `import()` per statement: the build's preloading of a `cond ? import(a) : import(b)`
// fetches both.
async function loadCore(lang: Lang): Promise<Partial<Messages>> {
  if (lang === 'fr') return (await import('./fr-core')).frCore;
  return (await import('./en-core')).enCore;
}
async function loadMore(lang: Lang): Promise<Partial<Messages>> {
  if (lang === 'fr') return (await import('./fr-more')).frMore;
  return (await import('./en-more')).enMore;
}

/** A language's one catalogue object: its parts join it in whatever order they come. */
const catalogOf = (lang: Lang): Messages => (catalogs[lang] ??= {} as Messages);

function addMore(lang: Lang): Promise<void> {
  let loading = moreLoads.get(lang);
  if (!loading) {
    loading = loadMore(lang).then((more) => {
      Object.assign(catalogOf(lang), more);
      for (const listener of listeners) listener();
    });
    // A failed fetch (a lost connection) is tried again at the next need.
    loading.catch(() => moreLoads.delete(lang));
    moreLoads.set(lang, loading);
  }
  return loading;
}

/**
 * The translator of the page in `lang`: its core catalogue, and the rest if a part already asked
 * for it. One per language, whose words grow when the rest comes: the same object, so that what is
 * made once per language (the map and its controls) is not made again.
 */
export async function loadTranslator(lang: Lang): Promise<Translator> {
  current = lang;
  const catalog = catalogOf(lang);
  Object.assign(catalog, await loadCore(lang));
  if (wantMore) await addMore(lang);
  // A key of the rest asked before it came (a part not declared lazy): fetch it; the page redraws.
  translators[lang] ??= translatorFor(lang, catalog, () => void loadMoreMessages().catch(() => {}));
  return translators[lang]!;
}

/** The rest of the catalogue of the page's language: lazily loaded parts wait for it before drawing. */
export function loadMoreMessages(): Promise<void> {
  wantMore = true;
  return addMore(current);
}

/** Called once each time a rest of catalogue arrives: the page redraws with its words. */
export function onMoreMessages(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
