/**
 * Where an export comes from, written with it (the GeoJSON's `metadata`
 * member, the CSV's sidecar file): the link that reproduces the selection,
 * the filters in words, the date, the sources, the licence and the tool.
 * Pure: the app and `npm run export` build the same object from the same
 * URL, data and date.
 */
import { version } from '../../package.json';
import { DEFAULT_URL_STATE, encodeUrl } from '../state/url';
import { createTranslator } from '../i18n';
import type { Filters } from '../data/filter';
import type { ActorFeature, Territory } from '../data/types';
import type { UrlState } from '../state/url';
import type { MessageKey, Translator } from '../i18n';

export interface Provenance {
  /** The app's URL that shows exactly the exported actors (filters and `data=` only). */
  permalink: string;
  /** The filters in plain words, in both interface languages. */
  filtersInWords: { fr: string; en: string };
  /** Day of the export, `YYYY-MM-DD` (UTC). */
  date: string;
  /** How many actors the file holds. */
  actors: number;
  /** Where the exported facts come from: the distinct web sites and named sources of their `source` fields, sorted. */
  sources: string[];
  /** `ODbL-1.0` for Archipel's data; null for a file loaded with `data=`, whose licence we do not know. */
  licence: string | null;
  /** The tool and its version. */
  generator: string;
}

export const LICENCE = 'ODbL-1.0';
export const GENERATOR = `Archipel ${version}`;

export interface ProvenanceInput {
  /** The URL state of the view being exported; only `filters` and `data` count. */
  state: UrlState;
  /** The exported (filtered) actors. */
  actors: readonly ActorFeature[];
  /** To name the territory filter. */
  territories: readonly Territory[];
  /** Day of the export, `YYYY-MM-DD`; see {@link exportDate}. */
  date: string;
  /**
   * The app's address without query (`location.origin + location.pathname`);
   * empty gives a relative permalink (`./?theme=training`).
   */
  baseUrl?: string;
  /** Translators for the two languages; made here when not given. */
  translators?: { fr: Translator; en: Translator };
}

/**
 * Builds the provenance of an export.
 *
 * @param input - URL state, exported actors, territories, date and app address
 */
export function buildProvenance(input: ProvenanceInput): Provenance {
  const fr = input.translators?.fr ?? createTranslator('fr');
  const en = input.translators?.en ?? createTranslator('en');
  const filters = input.state.filters;
  return {
    permalink: permalink(input.baseUrl ?? '', exportQuery(input.state)),
    filtersInWords: {
      fr: describeFilters(filters, fr, input.territories),
      en: describeFilters(filters, en, input.territories),
    },
    date: input.date,
    actors: input.actors.length,
    sources: summariseSources(input.actors),
    licence: input.state.data === null ? LICENCE : null,
    generator: GENERATOR,
  };
}

/**
 * The query string that reproduces the selection: the filters and `data=`,
 * nothing about the view (map position, selection, language), so exporting
 * before or after panning gives the same file.
 */
export function exportQuery(state: UrlState): string {
  return encodeUrl({ ...DEFAULT_URL_STATE, filters: state.filters, data: state.data });
}

function permalink(baseUrl: string, query: string): string {
  const base = baseUrl === '' ? './' : baseUrl;
  return query === '' ? base : `${base}?${query}`;
}

/** Today (or `now`) as `YYYY-MM-DD` in UTC, the date format of provenance. */
export function exportDate(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** Whether a text is a date `--date` may give: `YYYY-MM-DD`, a real day. */
export function isExportDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && exportDate(new Date(`${value}T00:00:00Z`)) === value;
}


/**
 * The filters in plain words, in the translator's language:
 * `Type d’acteur : Médiathèque, bibliothèque ; Thème : Formation ou Fabrication`.
 *
 * @param filters - the filters of the view
 * @param t - translator of the language wanted
 * @param territories - to name the territory filter (its id is shown otherwise)
 */
export function describeFilters(filters: Filters, t: Translator, territories: readonly Territory[] = []): string {
  const or = t('export.filters.or');
  const and = t('export.filters.and');
  const group = (label: MessageKey, values: string[], joiner: string) =>
    t('export.filters.group', { label: t(label), values: values.join(joiner) });
  const parts: string[] = [];
  if (filters.territory !== null) {
    const name = territories.find((x) => x.id === filters.territory)?.name ?? filters.territory;
    parts.push(group('filters.territory', [name], or));
  }
  if (filters.categories.length > 0) parts.push(group('filters.category', filters.categories.map((c) => t(`category.${c}`)), or));
  if (filters.roles.length > 0) parts.push(group('filters.role', filters.roles.map((r) => t(`role.${r}`)), or));
  if (filters.themes.length > 0) {
    parts.push(group('filters.theme', filters.themes.map((x) => t(`theme.${x}`)), filters.match === 'all' ? and : or));
  }
  if (filters.q !== '') parts.push(t('export.filters.q', { q: filters.q }));
  return parts.length === 0 ? t('export.filters.none') : parts.join(t('export.filters.separator'));
}

/**
 * The sources of the actors, summarised: each `source` is split on ` ; `
 * (the separator of the shipped data); a part holding a web address counts
 * as its host name (`www.` dropped), any other part as its text up to the
 * first parenthesis. Distinct values, sorted by code point (stable everywhere).
 */
export function summariseSources(actors: readonly ActorFeature[]): string[] {
  const seen = new Set<string>();
  for (const actor of actors) {
    const source = actor.properties.source;
    if (!source) continue;
    for (const part of source.split(/\s;\s/)) {
      const url = /https?:\/\/([^/\s?#:]+)/i.exec(part);
      const text = url ? url[1]!.toLowerCase().replace(/^www\./, '') : part.split('(')[0]!.trim();
      if (text !== '') seen.add(text);
    }
  }
  return [...seen].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
