/** The translator, without any catalogue: the page loads the one it needs (`./load`). */
import type { fr } from './fr';

export type Lang = 'fr' | 'en';
export const LANGS: readonly Lang[] = ['fr', 'en'];
export type MessageKey = keyof typeof fr;
export type Messages = Record<MessageKey, string>;
export type Params = Record<string, string | number>;

/** A translator bound to one language. */
export interface Translator {
  lang: Lang;
  (key: MessageKey, params?: Params): string;
  /** Formats a number for the language (thousands separators, decimal comma in French). */
  number(value: number, options?: Intl.NumberFormatOptions): string;
  /** `{count}` in the singular or plural form: keys `base.one` / `base.other`. */
  plural(base: string, count: number, params?: Params): string;
}

/**
 * Replaces `{name}` placeholders with params; numbers are formatted for the language.
 * Unknown placeholders are left as they are so a missing parameter is visible, not silent.
 */
function interpolate(template: string, lang: Lang, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? numberFormat(lang).format(value) : value;
  });
}

/**
 * One formatter per language and options: making an `Intl.NumberFormat` costs far more than using
 * one, and a list of a thousand rejected rows formats thousands of numbers.
 */
const formats = new Map<string, Intl.NumberFormat>();
function numberFormat(lang: Lang, options?: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = options ? `${lang} ${JSON.stringify(options)}` : lang;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(lang, options);
    formats.set(key, format);
  }
  return format;
}

/**
 * A translator for a language whose catalogue is given (both are type-checked complete). In the
 * page a catalogue can still lack its rest (see `load.ts`): a key of it is then told to
 * `onMissing`, which fetches it, and shows as nothing until the page redraws. Elsewhere a key the
 * catalogue lacks, which only a stale catalogue could, shows as the key.
 */
export function translatorFor(lang: Lang, catalog: Messages, onMissing?: (key: string) => void): Translator {
  const plurals = new Intl.PluralRules(lang);
  const text = (key: MessageKey): string => {
    const found = catalog[key];
    if (found !== undefined) return found;
    if (!onMissing) return key;
    onMissing(key);
    return '';
  };
  const t = ((key: MessageKey, params?: Params) => interpolate(text(key), lang, params)) as Translator;
  t.lang = lang;
  t.number = (value, options) => numberFormat(lang, options).format(value);
  t.plural = (base, count, params) => {
    const form = plurals.select(count) === 'one' ? 'one' : 'other';
    const key = `${base}.${form}` as MessageKey;
    return interpolate(text(key), lang, { count, ...params });
  };
  return t;
}

/** The language to use: an explicit choice, else the browser's first supported one, else French. */
export function pickLang(explicit: string | null | undefined, browserLangs: readonly string[]): Lang {
  if (explicit === 'fr' || explicit === 'en') return explicit;
  for (const tag of browserLangs) {
    const base = tag.toLowerCase().split('-')[0];
    if (base === 'fr' || base === 'en') return base;
  }
  return 'fr';
}
