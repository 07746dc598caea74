import { en } from './en';
import { fr } from './fr';
import { translatorFor } from './core';
import type { Lang, Messages, Translator } from './core';

export { LANGS, pickLang, translatorFor } from './core';
export type { Lang, MessageKey, Messages, Params, Translator } from './core';

/** Both catalogues, for Node (scripts, tests) and the export worker. The page loads English on demand (`./load`). */
export const catalogs: Record<Lang, Messages> = { fr, en };

export function createTranslator(lang: Lang): Translator {
  return translatorFor(lang, catalogs[lang]);
}
