import { ID_PATTERN, isOneOf } from './vocab';
import { FACETS, facetOfParam } from './facets';
import { NO_FILTERS } from './filter';
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
export const VIEWS = ['map', 'list', 'stats', 'accessibility'] as const;
export type View = (typeof VIEWS)[number];

/** Everything a URL can say (docs/data-model.md, "URL parameters"). */
export interface UrlState {
  filters: Filters;
  map: MapView | null;
  selected: string | null;
  links: boolean;
  /** What the main area shows: the map, the list, territory statistics, or the accessibility statement. */
  view: View;
  near: LatLon | null;
  /** With `near`: only actors within this many kilometres. */
  radius: number | null;
  /** Only actors open then: `now`, or a Paris wall-clock time `YYYY-MM-DDTHH:MM`. */
  open: string | null;
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
  'territory',
  'near',
  'radius',
  'open',
  'selected',
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
      case 'territory':
        if (ID_PATTERN.test(value)) filters.territory = value;
        else bad();
        break;
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
  if (f.territory) pairs.push(['territory', f.territory]);
  if (state.near) pairs.push(['near', `${round(state.near.lat, 5)},${round(state.near.lon, 5)}`]);
  if (state.radius !== null) pairs.push(['radius', String(state.radius)]);
  if (state.open) pairs.push(['open', state.open]);
  if (state.selected) pairs.push(['selected', state.selected]);
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

/** `open=now`, or a Paris wall-clock time `YYYY-MM-DDTHH:MM` that exists. */
export function isOpenParam(value: string): boolean {
  if (value === 'now') return true;
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d && h < 24 && mi < 60;
}

/** `data=` may name a web address or a path on this site; no other scheme (`javascript:`, `data:`, `file:`). */
export function isAllowedDataUrl(value: string): boolean {
  if (value.length === 0 || value.length > 2000 || /\s/.test(value)) return false;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value);
  if (scheme) return /^https?$/i.test(scheme[1]!);
  return !value.startsWith('//');
}

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
