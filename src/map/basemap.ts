/**
 * The embedded basemap: a MapLibre style over the GeoJSON that `scripts/build-basemap.ts` writes to
 * `public/basemap/` (sea, land, borders, country and place names, and a finer coastline around the
 * coastal territories), so the app needs no tile server.
 * Text is drawn with the font of `./fonts`, declared in the style's `font-faces`: no `glyphs` URL,
 * no network.
 */
import { MAP_FONT_FACES, MAP_FONT_STACK, MAP_FONT_STACK_SEMIBOLD } from './fonts';

import type {
  BackgroundLayerSpecification,
  ExpressionSpecification,
  FillLayerSpecification,
  GeoJSONSourceSpecification,
  LayerSpecification,
  LineLayerSpecification,
  StyleSpecification,
  SymbolLayerSpecification,
} from 'maplibre-gl';

export type BasemapLang = 'fr' | 'en';

export interface BasemapOptions {
  /** Where `basemap/` is served from, ending with "/": Vite's `import.meta.env.BASE_URL`, made absolute. */
  baseUrl: string;
  /** Language of country names and of the names of big cities abroad. */
  lang: BasemapLang;
}

/** Credit for the data drawn; the style carries none, so give it to the attribution control. */
export const BASEMAP_ATTRIBUTION = 'Natural Earth · © OpenStreetMap contributors · GeoNames (CC BY 4.0) · INSEE';

/** `[west, south, east, north]` covered by land and borders: a sensible `maxBounds`. */
export const BASEMAP_BOUNDS: [number, number, number, number] = [-25, 33, 32, 62];

/** `[west, south, east, north]` where the basemap has full detail and place names. */
export const BASEMAP_DETAIL_BOUNDS: [number, number, number, number] = [-10, 40, 12, 52];

export const BASEMAP_SOURCE = {
  land: 'basemap-land',
  borders: 'basemap-borders',
  countries: 'basemap-countries',
  places: 'basemap-places',
  coastDetail: 'basemap-coast-detail',
} as const;

export const BASEMAP_LAYER = {
  sea: 'basemap-sea',
  land: 'basemap-land',
  coastDetailSea: 'basemap-coast-detail-sea',
  coastDetailLand: 'basemap-coast-detail-land',
  borders: 'basemap-borders',
  placeLabels: 'basemap-place-labels',
  countryLabels: 'basemap-country-labels',
} as const;

/** Every basemap layer id, bottom to top. */
export const BASEMAP_LAYER_IDS: readonly string[] = [
  BASEMAP_LAYER.sea,
  BASEMAP_LAYER.land,
  BASEMAP_LAYER.coastDetailSea,
  BASEMAP_LAYER.coastDetailLand,
  BASEMAP_LAYER.borders,
  BASEMAP_LAYER.placeLabels,
  BASEMAP_LAYER.countryLabels,
];

/** A calm, public-service palette: pale sea, off-white land, greys for lines and text. */
export const BASEMAP_THEME = {
  sea: '#D6E2EA',
  seaClose: '#E4EBEF', // the sea from zoom 13 on
  land: '#F7F6F2',
  border: '#9AA3AC',
  placeText: '#2F3439', // contrast 12.6:1 on the halo
  placeAbroadText: '#5E666E', // 5.8:1 on the halo
  countryText: '#6B737B', // 4.8:1 on the halo
  halo: 'rgba(255, 255, 255, 0.92)',
};
export type BasemapTheme = typeof BASEMAP_THEME;

/**
 * The zoom from which the finer coastline of the coastal territories replaces the 1:10m one there.
 * Below it the two hardly differ (a few pixels), and the coarse one has no cut edge.
 */
export const COAST_DETAIL_MINZOOM = 9;

/**
 * The zoom from which each place rank is labelled, as `step` stops `[zoom, highest rank shown]`.
 * Rank 1 is a French place of 200,000 inhabitants or more; see `RANK_THRESHOLDS` in the build script.
 */
const RANK_SHOWN_FROM: [number, number][] = [
  [5, 2],
  [6, 3],
  [7, 4],
  [8, 5],
  [9, 6],
  [10, 7],
];

/**
 * Builds the basemap style.
 *
 * @param opts - `baseUrl` where `basemap/` is served (ending with "/"), `lang` of the labels
 * @returns a style with no `glyphs` and no remote URL; its layer ids are {@link BASEMAP_LAYER_IDS}
 */
export function basemapStyle(opts: BasemapOptions): StyleSpecification {
  const { baseUrl, lang } = opts;
  const theme = BASEMAP_THEME;
  return {
    version: 8,
    name: 'Archipel basemap',
    'font-faces': MAP_FONT_FACES,
    sources: basemapSources(baseUrl),
    layers: [...groundLayers(theme), ...labelLayers(lang, theme)],
  };
}

/**
 * The GeoJSON sources, one a file of `basemap/`.
 *
 * @param baseUrl - where `basemap/` is served, ending with "/"
 */
export function basemapSources(baseUrl: string): Record<string, GeoJSONSourceSpecification> {
  const source = (file: string): GeoJSONSourceSpecification => ({
    type: 'geojson',
    data: `${baseUrl}basemap/${file}`,
    // The data is no finer than ~100 m: deeper tiles would only cost time; deeper zooms scale these.
    maxzoom: 12,
  });
  return {
    [BASEMAP_SOURCE.land]: source('land.json'),
    [BASEMAP_SOURCE.borders]: source('borders.json'),
    [BASEMAP_SOURCE.countries]: source('countries.json'),
    [BASEMAP_SOURCE.places]: source('places.json'),
    [BASEMAP_SOURCE.coastDetail]: source('coast-detail.json'),
  };
}

/**
 * Sea, land, the finer coastline of the coastal territories, and borders.
 *
 * @param theme - colours
 */
export function groundLayers(theme: BasemapTheme): LayerSpecification[] {
  // From city zooms on, the 1:10m coastline is off by up to a kilometre outside the territories: a
  // paler sea makes it a hint rather than a claim.
  const seaColour: ExpressionSpecification = ['interpolate', ['linear'], ['zoom'], 10, theme.sea, 13, theme.seaClose];
  const sea: BackgroundLayerSpecification = {
    id: BASEMAP_LAYER.sea,
    type: 'background',
    paint: { 'background-color': seaColour },
  };
  const land: FillLayerSpecification = {
    id: BASEMAP_LAYER.land,
    type: 'fill',
    source: BASEMAP_SOURCE.land,
    paint: { 'fill-color': theme.land },
  };
  // Around each coastal territory, its sea then its land from OSM, which tile the area exactly,
  // cover the coarse land and sea there whole. Along the area's edge, each meets the same colour
  // outside wherever the coarse coastline agrees, so the edge does not show; the two share their
  // coastline, so no coarse colour seeps through it either.
  const coastDetailSea: FillLayerSpecification = {
    id: BASEMAP_LAYER.coastDetailSea,
    type: 'fill',
    source: BASEMAP_SOURCE.coastDetail,
    minzoom: COAST_DETAIL_MINZOOM,
    filter: ['==', ['get', 'kind'], 'sea'],
    paint: { 'fill-color': seaColour },
  };
  const coastDetailLand: FillLayerSpecification = {
    id: BASEMAP_LAYER.coastDetailLand,
    type: 'fill',
    source: BASEMAP_SOURCE.coastDetail,
    minzoom: COAST_DETAIL_MINZOOM,
    filter: ['==', ['get', 'kind'], 'land'],
    paint: { 'fill-color': theme.land },
  };
  const borders: LineLayerSpecification = {
    id: BASEMAP_LAYER.borders,
    type: 'line',
    source: BASEMAP_SOURCE.borders,
    layout: { 'line-join': 'round', 'line-cap': 'round' },
    paint: {
      'line-color': theme.border,
      'line-width': ['interpolate', ['linear'], ['zoom'], 4, 0.6, 8, 1.2, 14, 2],
    },
  };
  return [sea, land, coastDetailSea, coastDetailLand, borders];
}

/**
 * Place names, bigger places first, and country names (small zooms only).
 *
 * @param lang - language of the names that have one
 * @param theme - colours
 */
export function labelLayers(lang: BasemapLang, theme: BasemapTheme): SymbolLayerSpecification[] {
  const abroad: ExpressionSpecification = ['has', 'country'];
  const rank: ExpressionSpecification = ['get', 'rank'];
  const countryLabels: SymbolLayerSpecification = {
    id: BASEMAP_LAYER.countryLabels,
    type: 'symbol',
    source: BASEMAP_SOURCE.countries,
    maxzoom: 6.5,
    filter: ['<=', rank, ['step', ['zoom'], 2, 5, 3]],
    layout: {
      'text-field': ['coalesce', ['get', `name_${lang}`], ['get', 'name']],
      'text-font': MAP_FONT_STACK,
      'text-transform': 'uppercase',
      'text-letter-spacing': 0.12,
      'text-size': [
        'interpolate',
        ['linear'],
        ['zoom'],
        4,
        ['match', rank, 1, 12, 10.5],
        6.5,
        ['match', rank, 1, 14, 12],
      ],
      'text-max-width': 7,
      'symbol-sort-key': rank,
    },
    paint: {
      'text-color': theme.countryText,
      'text-halo-color': theme.halo,
      'text-halo-width': 1.2,
    },
  };
  const placeLabels: SymbolLayerSpecification = {
    id: BASEMAP_LAYER.placeLabels,
    type: 'symbol',
    source: BASEMAP_SOURCE.places,
    filter: ['<=', rank, ['step', ['zoom'], 1, ...RANK_SHOWN_FROM.flat()]],
    layout: {
      'text-field': ['coalesce', ['get', `name_${lang}`], ['get', 'name']],
      'text-font': [
        'case',
        ['all', ['<=', rank, 2], ['!', abroad]],
        ['literal', MAP_FONT_STACK_SEMIBOLD],
        ['literal', MAP_FONT_STACK],
      ],
      'text-size': [
        'interpolate',
        ['linear'],
        ['zoom'],
        4,
        ['match', rank, 1, 13, 2, 12, 11],
        8,
        ['match', rank, 1, 17, 2, 15, 3, 14, 4, 13, 12],
        12,
        ['match', rank, 1, 20, 2, 18, 3, 16, 4, 15, 5, 14, 13.5],
      ],
      'text-max-width': 8,
      'text-padding': 3,
      // Lower keys are placed first: bigger places, and French ones before those abroad.
      'symbol-sort-key': ['+', rank, ['case', abroad, 0.5, 0]],
    },
    paint: {
      'text-color': ['case', abroad, theme.placeAbroadText, theme.placeText],
      'text-halo-color': theme.halo,
      'text-halo-width': 1.5,
      'text-halo-blur': 0.5,
    },
  };
  // Country names above place names: a layer higher up is placed first, so at small zooms a
  // country's name wins over the city names around it.
  return [placeLabels, countryLabels];
}
