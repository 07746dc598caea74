// Over 300 lines: the one codec of every URL parameter, decode and encode side by side so that a
// parameter cannot be read one way and written another (the round trip is property-tested).
import { CHECK_MODES, ID_PATTERN, NEEDS, isOneOf } from './vocab';
import type { CheckMode, Need } from './vocab';
import { FACETS, facetOfParam } from './facets';
import { NO_FILTERS } from './filter';
import { parseTerritoryList } from './territory-id';
import type { Filters } from './filter';
import type { Lang } from '../i18n';
import { PANELS, parseColor } from './embed-options';
import type { Panel } from './embed-options';

/** The map's view as on openstreetmap.org: `map=zoom/lat/lon`. */
export interface MapView {
  zoom: number;
  lat: number;
  lon: number;
}

export interface LatLon {
  lat: number;
  lon: number;
}

/** What the main area shows. */
export const VIEWS = ['map', 'list', 'stats', 'graph', 'accessibility', 'print'] as const;
export type View = (typeof VIEWS)[number];

/** Everything a URL can say (docs/data-model.md, "URL parameters"). */
export interface UrlState {
  filters: Filters;
  map: MapView | null;
  selected: string | null;
  links: boolean;
  /** What the main area shows: the map, the list, territory statistics, the graph, or the accessibility statement. */
  view: View;
  near: LatLon | null;
  /** With `near`: only actors within this many kilometres. */
  radius: number | null;
  /**
   * Only actors open then: `now`, `today`, `week` (today and the 6 days after), a Paris
   * wall-clock time `YYYY-MM-DDTHH:MM`, a Paris day `YYYY-MM-DD`, or days `YYYY-MM-DD..YYYY-MM-DD`.
   */
  open: string | null;
  /** With `open`: also keep the places whose hours are not known then (`hours=unknown`). */
  unknownHours: boolean;
  /** A resident's need (`need=forms`): the places whose themes, category or networks answer it. */
  need: Need | null;
  /** Only actors whose facts are to be checked again (old, or missing useful facts). */
  check: CheckMode | null;
  /** With `check`: the age in years beyond which facts are old; null: the default (2). */
  stale: number | null;
  /** The proposal form: `new` to add a place, or the id of the actor to correct. */
  suggest: string | null;
  /** null: the browser's language. */
  lang: Lang | null;
  embed: boolean;
  /** Panels shown; null: all of them. */
  panels: readonly Panel[] | null;
  /** Accent colour as six hex digits; null: the default. */
  color: string | null;
  data: string | null;
}

export const DEFAULT_URL_STATE: UrlState = Object.freeze({
  filters: NO_FILTERS,
  map: null,
  selected: null,
  links: true,
  view: 'map',
  near: null,
  radius: null,
  open: null,
  unknownHours: false,
  need: null,
  check: null,
  stale: null,
  suggest: null,
  lang: null,
  embed: false,
  panels: null,
  color: null,
  data: null,
});

/** A parameter value that was not understood and was ignored. */
export interface UrlProblem {
  param: string;
  value: string;
}

/** Parameter order in written URLs: stable, so that equal views give equal links. */
export const URL_PARAMS = [
  'category',
  'role',
  'theme',
  'match',
  'q',
  'need',
  'territory',
  'near',
  'radius',
  'open',
  'hours',
  'check',
  'stale',
  'selected',
  'suggest',
  'view',
  'links',
  'map',
  'lang',
  'embed',
  'panels',
  'color',
  'data',
] as const;

const MAX_Q = 200;

/**
 * Reads a query string. Every value that is not understood is returned as a
 * problem and left at its default; nothing throws.
 *
 * @param search - `location.search`, with or without the leading `?`
 */
export function decodeUrl(search: string): { state: UrlState; problems: UrlProblem[] } {
  const params = new URLSearchParams(search.startsWith('?') ? search.slice(1) : search);
  const problems: UrlProblem[] = [];
  const filters = { ...NO_FILTERS } as { -readonly [K in keyof Filters]: Filters[K] };
  const state: UrlState = { ...DEFAULT_URL_STATE };
  const seen = new Set<string>();

  for (const [param, raw] of params) {
    const value = raw.trim();
    const bad = () => problems.push({ param, value: raw.slice(0, 100) });
    if (seen.has(param)) {
      bad();
      continue;
    }
    seen.add(param);
    const facet = facetOfParam(param);
    if (facet) {
      (filters[facet.key] as readonly string[]) = readList(
        value,
        facet.vocabulary as readonly string[],
        param,
        problems,
      );
      continue;
    }
    switch (param) {
      case 'match':
        if (value === 'all' || value === 'any') filters.match = value;
        else bad();
        break;
      case 'q':
        if (value.length <= MAX_Q) filters.q = value;
        else bad();
        break;
      case 'territory': {
        // One id or a comma list (`brest,dep:38`); ids not understood are named, the others kept.
        const { ids, bad: wrong } = parseTerritoryList(value);
        for (const item of wrong) problems.push({ param, value: item.slice(0, 100) });
        if (ids.length > 0) filters.territory = ids.join(',');
        else if (wrong.length === 0) bad();
        break;
      }
      case 'map': {
        const view = readMapView(value);
        if (view) state.map = view;
        else bad();
        break;
      }
      case 'selected':
        if (ID_PATTERN.test(value)) state.selected = value;
        else bad();
        break;
      case 'links':
        if (value === '0' || value === '1') state.links = value === '1';
        else bad();
        break;
      case 'view':
        if (isOneOf(VIEWS, value)) state.view = value;
        else bad();
        break;
      case 'near': {
        const near = readLatLon(value);
        if (near) state.near = near;
        else bad();
        break;
      }
      case 'radius': {
        const km = NUMBER.test(value) ? Number(value) : NaN;
        if (km > 0 && km <= 1000) state.radius = km;
        else bad();
        break;
      }
      case 'open':
        if (isOpenParam(value)) state.open = value;
        else bad();
        break;
      case 'hours':
        if (value === 'unknown') state.unknownHours = true;
        else bad();
        break;
      case 'need':
        if (isOneOf(NEEDS, value)) state.need = value;
        else bad();
        break;
      case 'check':
        if (isOneOf(CHECK_MODES, value)) state.check = value;
        else bad();
        break;
      case 'stale': {
        const years = NUMBER.test(value) ? Number(value) : NaN;
        if (years > 0 && years <= 50) state.stale = years;
        else bad();
        break;
      }
      case 'suggest':
        if (ID_PATTERN.test(value)) state.suggest = value;
        else bad();
        break;
      case 'lang':
        if (value === 'fr' || value === 'en') state.lang = value;
        else bad();
        break;
      case 'embed':
        if (value === '1' || value === '0') state.embed = value === '1';
        else bad();
        break;
      case 'panels': {
        const before = problems.length;
        const panels = readList(value, PANELS, param, problems);
        if (panels.length > 0 || (value === '' && problems.length === before)) state.panels = panels;
        break;
      }
      case 'color': {
        const color = parseColor(value);
        if (color) state.color = color;
        else bad();
        break;
      }
      case 'data':
        if (isAllowedDataUrl(value)) state.data = value;
        else bad();
        break;
      default:
        bad();
    }
  }
  state.filters = filters;
  return { state, problems };
}

/** Writes the query string of a state, defaults left out, in {@link URL_PARAMS} order. */
export function encodeUrl(state: UrlState): string {
  const f = state.filters;
  const pairs: [string, string][] = [];
  for (const facet of FACETS) if (f[facet.key].length) pairs.push([facet.param, f[facet.key].join(',')]);
  if (f.match === 'all') pairs.push(['match', 'all']);
  if (f.q) pairs.push(['q', f.q]);
  if (state.need) pairs.push(['need', state.need]);
  if (f.territory) pairs.push(['territory', f.territory]);
  if (state.near) pairs.push(['near', `${round(state.near.lat, 5)},${round(state.near.lon, 5)}`]);
  if (state.radius !== null) pairs.push(['radius', String(state.radius)]);
  if (state.open) pairs.push(['open', state.open]);
  if (state.unknownHours) pairs.push(['hours', 'unknown']);
  if (state.check) pairs.push(['check', state.check]);
  if (state.stale !== null) pairs.push(['stale', String(state.stale)]);
  if (state.selected) pairs.push(['selected', state.selected]);
  if (state.suggest) pairs.push(['suggest', state.suggest]);
  if (state.view !== 'map') pairs.push(['view', state.view]);
  if (!state.links) pairs.push(['links', '0']);
  if (state.map) pairs.push(['map', formatMapView(state.map)]);
  if (state.lang) pairs.push(['lang', state.lang]);
  if (state.embed) pairs.push(['embed', '1']);
  if (state.panels) pairs.push(['panels', state.panels.join(',')]);
  if (state.color) pairs.push(['color', state.color]);
  if (state.data) pairs.push(['data', state.data]);
  return pairs.map(([k, v]) => `${k}=${encodeValue(v)}`).join('&');
}

/** Percent-encodes a value but keeps `,` `/` and `:` readable, as map links do. */
function encodeValue(value: string): string {
  return encodeURIComponent(value).replace(/%2C/g, ',').replace(/%2F/g, '/').replace(/%3A/g, ':');
}

export function formatMapView(view: MapView): string {
  return `${round(view.zoom, 2)}/${round(view.lat, 5)}/${round(view.lon, 5)}`;
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

function readList<T extends string>(
  value: string,
  vocabulary: readonly T[],
  param: string,
  problems: UrlProblem[],
): T[] {
  const out: T[] = [];
  for (const item of value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    if (isOneOf(vocabulary, item)) {
      if (!out.includes(item)) out.push(item);
    } else {
      problems.push({ param, value: item.slice(0, 100) });
    }
  }
  return vocabulary.filter((v) => out.includes(v));
}

/** The relative values of `open=`: they mean a different time as the clock turns. */
export const RELATIVE_OPEN = ['now', 'today', 'week'] as const;

/** The longest span `open=YYYY-MM-DD..YYYY-MM-DD` may name, in days. */
export const MAX_OPEN_DAYS = 31;

/**
 * `open=now`, `today`, `week`, a Paris wall-clock time `YYYY-MM-DDTHH:MM` that exists, a day
 * `YYYY-MM-DD`, or days `YYYY-MM-DD..YYYY-MM-DD` (the second not before the first, at most
 * {@link MAX_OPEN_DAYS} days).
 */
export function isOpenParam(value: string): boolean {
  if ((RELATIVE_OPEN as readonly string[]).includes(value)) return true;
  const span = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(value);
  if (span) {
    const [from, to] = [dayNumber(span[1]!), dayNumber(span[2]!)];
    return from !== null && to !== null && to >= from && to - from < MAX_OPEN_DAYS;
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return dayNumber(value) !== null;
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!m) return false;
  const [h, mi] = [Number(m[2]), Number(m[3])];
  return dayNumber(m[1]!) !== null && h < 24 && mi < 60;
}

/** Days since 1970 of a calendar date `YYYY-MM-DD`, or null when it does not exist. */
export function dayNumber(value: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return null;
  const [y, mo, d] = m.slice(1).map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return date.getTime() / 86_400_000;
}

/** `data=` may name a web address or a path on this site; no other scheme (`javascript:`, `data:`, `file:`). */
export function isAllowedDataUrl(value: string): boolean {
  if (value.length === 0 || value.length > 2000 || /\s/.test(value)) return false;
  // Parsed as the browser will resolve it, not pattern-matched: `/\evil.example/x` and
  // `\\evil.example` are other hosts to a URL parser, whatever they look like.
  let url: URL;
  try {
    url = new URL(value, DATA_URL_PROBE);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  if (url.username !== '' || url.password !== '') return false;
  // An absolute URL is written in full (`https:host` resolves differently on http and https pages);
  // a relative reference must stay on the app's own origin.
  if (/^[a-z][a-z0-9+.-]*:/i.test(value)) return /^https?:\/\/[^/\\]/i.test(value);
  return url.origin === new URL(DATA_URL_PROBE).origin;
}

/** A stand-in for the app's address, to resolve relative `data=` references against. */
const DATA_URL_PROBE = 'https://archipel.invalid/app/';

const NUMBER = /^-?\d+(?:\.\d+)?$/;

function readMapView(value: string): MapView | null {
  const parts = value.split('/');
  if (parts.length !== 3 || !parts.every((p) => NUMBER.test(p))) return null;
  const [zoom, lat, lon] = parts.map(Number) as [number, number, number];
  if (zoom < 0 || zoom > 22 || Math.abs(lat) > 85.06 || Math.abs(lon) > 180) return null;
  return { zoom, lat, lon };
}

function readLatLon(value: string): LatLon | null {
  const parts = value.split(',');
  if (parts.length !== 2 || !parts.every((p) => NUMBER.test(p.trim()))) return null;
  const [lat, lon] = parts.map(Number) as [number, number];
  if (Math.abs(lat) > 90 || Math.abs(lon) > 180) return null;
  return { lat, lon };
}
