import { fr } from './fr';
import { translatorFor } from './core';
import type { Lang, Translator } from './core';

/**
 * A translator for the page: French is in the entry, English is fetched the
 * first time it is asked for, so a French page (the default) never loads it.
 */
export async function loadTranslator(lang: Lang): Promise<Translator> {
  return translatorFor(lang, lang === 'fr' ? fr : (await import('./en')).en);
}
