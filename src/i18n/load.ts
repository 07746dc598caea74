import { translatorFor } from './core';
import type { Lang, Translator } from './core';

/**
 * A translator for the page. Each catalogue is a chunk of its own, fetched the
 * first time its language is asked for: a page downloads only the one it shows.
 */
export async function loadTranslator(lang: Lang): Promise<Translator> {
  return translatorFor(lang, lang === 'fr' ? (await import('./fr')).fr : (await import('./en')).en);
}
