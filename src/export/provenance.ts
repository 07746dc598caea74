import { canonicalTerritoryId, territoryIds } from '../core/territory-id';
/**
 * Where an export comes from, written with it (the GeoJSON's `metadata`
 * member, the CSV's sidecar file): the link that reproduces the selection,
 * the filters in words, the date, the sources, the licence and the tool.
 * Pure: the app and `npm run export` build the same object from the same
 * URL, data and date.
 */
import { version } from '../../package.json';
import { DEFAULT_URL_STATE, encodeUrl } from '../core/url';
import { createTranslator } from '../i18n';
import { fixedOpen } from '../data/select';
import { DEFAULT_STALE_YEARS } from '../data/freshness';
import { FACETS } from '../core/facets';
import type { HoursEvaluator } from '../data/select';
import type { Filters } from '../core/filter';
import type { ActorFeature, Territory } from '../core/types';
import type { UrlState } from '../core/url';
import type { MessageKey, Translator } from '../i18n';

export interface Provenance {
  /** The app's URL that shows exactly the exported actors: filters, place and radius, opening time (`now` written as the minute it was), `data=`. */
  permalink: string;
  /** The filters in plain words, in both interface languages. */
  filtersInWords: { fr: string; en: string };
  /** Day of the export, `YYYY-MM-DD` (UTC). */
  date: string;
  /** How many actors the file holds. */
  actors: number;
  /** Where the exported facts come from: the distinct web sites and named sources of their `source` fields, sorted. */
  sources: string[];
  /** `ODbL-1.0` for Archipel's data; null for a file loaded with `data=` or previewed from the computer, whose licence we do not know. */
  licence: string | null;
  /** The tool and its version. */
  generator: string;
}

export const LICENCE = 'ODbL-1.0';
export const GENERATOR = `Archipel ${version}`;

export interface ProvenanceInput {
  /** The URL state of the view being exported; only what selects actors counts (see {@link exportQuery}). */
  state: UrlState;
  /** The minute `open=now` meant; with `hours`, needed only when `open` is set. */
  now?: number;
  hours?: HoursEvaluator | null;
  /** The name of a file previewed from the computer, whose actors are exported instead of the data's. */
  localFile?: string | null;
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
  const state = input.hours
    ? { ...input.state, open: fixedOpen(input.state.open, input.now ?? Date.now(), input.hours) }
    : input.state;
  return {
    permalink: permalink(input.baseUrl ?? '', exportQuery(state)),
    filtersInWords: {
      fr: describeSelection(state, fr, input.territories),
      en: describeSelection(state, en, input.territories),
    },
    date: input.date,
    actors: input.actors.length,
    sources: summariseSources(input.actors),
    licence: input.state.data === null && !input.localFile ? LICENCE : null,
    generator: GENERATOR,
  };
}

/**
 * The query string that reproduces the selection: the filters, the place with
 * its radius (a place alone only sorts), the opening time, the need, the facts
 * to check and `data=`; nothing
 * about the view (map position, selection, language), so exporting before or
 * after panning gives the same file.
 */
export function exportQuery(state: UrlState): string {
  const place = state.near !== null && state.radius !== null;
  return encodeUrl({
    ...DEFAULT_URL_STATE,
    filters: state.filters,
    near: place ? state.near : null,
    radius: place ? state.radius : null,
    open: state.open,
    unknownHours: state.open !== null && state.unknownHours,
    need: state.need,
    check: state.check,
    stale: state.check ? state.stale : null,
    data: state.data,
  });
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
  const parts = filterParts(filters, t, territories);
  return parts.length === 0 ? t('export.filters.none') : parts.join(t('export.filters.separator'));
}

/**
 * {@link describeFilters}, and the place and time that select too:
 * `… ; à moins de 2 km de 48.39, -4.49 ; ouverts le 2026-11-28 à 14:30 (heure de Paris)`.
 * `open=now` is said as is; give a state whose `open` is fixed ({@link fixedOpen}) to name the minute.
 */
export function describeSelection(
  state: Pick<UrlState, 'filters' | 'near' | 'radius' | 'open'> &
    Partial<Pick<UrlState, 'unknownHours' | 'need' | 'check' | 'stale'>>,
  t: Translator,
  territories: readonly Territory[] = [],
): string {
  const parts = filterParts(state.filters, t, territories);
  if (state.near && state.radius !== null)
    parts.push(
      t('export.filters.radius', { km: state.radius, lat: String(state.near.lat), lon: String(state.near.lon) }),
    );
  if (state.need) parts.push(t('export.filters.need', { need: t(`intent.${state.need}`) }));
  if (state.open === 'now') parts.push(t('export.filters.openNow'));
  else if (state.open === 'today') parts.push(t('export.filters.openToday'));
  else if (state.open === 'week') parts.push(t('export.filters.openWeek'));
  else if (state.open?.includes('..')) {
    const [from, to] = state.open.split('..') as [string, string];
    parts.push(t('export.filters.openDays', { from, to }));
  } else if (state.open?.includes('T')) {
    const [date, time] = state.open.split('T') as [string, string];
    parts.push(t('export.filters.open', { date, time }));
  } else if (state.open) parts.push(t('export.filters.openDay', { date: state.open }));
  if (state.open && state.unknownHours) parts.push(t('export.filters.unknownHours'));
  if (state.check) parts.push(t(`export.filters.check.${state.check}`, { years: state.stale ?? DEFAULT_STALE_YEARS }));
  return parts.length === 0 ? t('export.filters.none') : parts.join(t('export.filters.separator'));
}

function filterParts(filters: Filters, t: Translator, territories: readonly Territory[]): string[] {
  const or = t('export.filters.or');
  const and = t('export.filters.and');
  const group = (label: MessageKey, values: string[], joiner: string) =>
    t('export.filters.group', { label: t(label), values: values.join(joiner) });
  const parts: string[] = [];
  if (filters.territory !== null) {
    // The file's own territory first (`brest` is named as the file names it), then the map's.
    const names = territoryIds(filters.territory).map(
      (id) =>
        territories.find((x) => x.id === id)?.name ??
        territories.find((x) => x.id === canonicalTerritoryId(id))?.name ??
        id,
    );
    parts.push(group('filters.territory', names, or));
  }
  for (const facet of FACETS) {
    const values: readonly string[] = filters[facet.key];
    if (values.length === 0) continue;
    // Themes alone can be required all together (`match=all`).
    const joiner = facet.group === 'theme' && filters.match === 'all' ? and : or;
    parts.push(
      group(
        `filters.${facet.group}`,
        values.map((v) => t(`${facet.group}.${v}` as MessageKey)),
        joiner,
      ),
    );
  }
  if (filters.q !== '') parts.push(t('export.filters.q', { q: filters.q }));
  return parts;
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
